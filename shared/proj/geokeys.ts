/**
 * A proj4 definition built from a GeoTIFF's GeoKeys, for files whose CRS has no EPSG code
 * (ProjectedCSTypeGeoKey = 32767, user-defined): the projection method (ProjCoordTransGeoKey) or an
 * EPSG conversion (ProjectionGeoKey, e.g. 16042 = UTM zone 42N) with its parameters, on the datum
 * of GeographicTypeGeoKey or a user-defined ellipsoid. Key ids and methods: GeoTIFF 1.0 §6.3
 * (docs/projections.md).
 */

const IDS: Record<string, number> = {
  GeographicTypeGeoKey: 2048,
  GeogEllipsoidGeoKey: 2056,
  GeogSemiMajorAxisGeoKey: 2057,
  GeogSemiMinorAxisGeoKey: 2058,
  GeogInvFlatteningGeoKey: 2059,
  ProjectionGeoKey: 3074,
  ProjCoordTransGeoKey: 3075,
  ProjLinearUnitsGeoKey: 3076,
  ProjStdParallel1GeoKey: 3078,
  ProjStdParallel2GeoKey: 3079,
  ProjNatOriginLongGeoKey: 3080,
  ProjNatOriginLatGeoKey: 3081,
  ProjFalseEastingGeoKey: 3082,
  ProjFalseNorthingGeoKey: 3083,
  ProjFalseOriginLongGeoKey: 3084,
  ProjFalseOriginLatGeoKey: 3085,
  ProjFalseOriginEastingGeoKey: 3086,
  ProjFalseOriginNorthingGeoKey: 3087,
  ProjCenterLongGeoKey: 3088,
  ProjCenterLatGeoKey: 3089,
  ProjScaleAtNatOriginGeoKey: 3092,
  ProjScaleAtCenterGeoKey: 3093,
};

const USER_DEFINED = 32767;

/** Linear units (ProjLinearUnitsGeoKey) → proj4 +units / +to_meter. */
const UNITS: Record<number, string> = { 9001: '+units=m', 9002: '+units=ft', 9003: '+units=us-ft' };

/** Ellipsoids by EPSG code (GeogEllipsoidGeoKey) → proj4 +ellps. */
const ELLIPSOIDS: Record<number, string> = {
  7001: 'airy',
  7004: 'bessel',
  7008: 'clrk66',
  7012: 'clrk80',
  7015: 'evrst30',
  7019: 'GRS80',
  7022: 'intl',
  7024: 'krass',
  7030: 'WGS84',
};

/** Datum part (+ellps/+a/+b/+towgs84/+datum) of a proj4 string, from a geographic CRS definition. */
function datumPart(def: string): string {
  return def
    .split(/\s+/)
    .filter((t) => /^\+(datum|ellps|a|b|rf|f|towgs84|nadgrids|pm)=/.test(t))
    .join(' ');
}

function ellipsoidOf(
  key: (n: string) => number | undefined,
  geogDef: (epsg: number) => string | null,
): string {
  const geog = key('GeographicTypeGeoKey');
  if (geog !== undefined && geog !== USER_DEFINED) {
    const def = geogDef(geog);
    if (def) return datumPart(def);
  }
  const ellps = key('GeogEllipsoidGeoKey');
  if (ellps !== undefined && ELLIPSOIDS[ellps]) return `+ellps=${ELLIPSOIDS[ellps]}`;
  const a = key('GeogSemiMajorAxisGeoKey');
  const b = key('GeogSemiMinorAxisGeoKey');
  const rf = key('GeogInvFlatteningGeoKey');
  if (a !== undefined && rf !== undefined) return `+a=${a} +rf=${rf}`;
  if (a !== undefined && b !== undefined) return `+a=${a} +b=${b}`;
  return '';
}

/** The projection method and its parameters (ProjCoordTransGeoKey codes, GeoTIFF 1.0 §6.3.3.3). */
function method(key: (n: string) => number | undefined): string | null {
  const projection = key('ProjectionGeoKey');
  if (projection !== undefined && projection >= 16001 && projection <= 16060)
    return `+proj=utm +zone=${projection - 16000}`;
  if (projection !== undefined && projection >= 16101 && projection <= 16160)
    return `+proj=utm +zone=${projection - 16100} +south`;
  const p = (name: string, d = 0) => key(name) ?? d;
  const lon0 = p('ProjNatOriginLongGeoKey', p('ProjCenterLongGeoKey', p('ProjFalseOriginLongGeoKey')));
  const lat0 = p('ProjNatOriginLatGeoKey', p('ProjCenterLatGeoKey', p('ProjFalseOriginLatGeoKey')));
  const x0 = p('ProjFalseEastingGeoKey', p('ProjFalseOriginEastingGeoKey'));
  const y0 = p('ProjFalseNorthingGeoKey', p('ProjFalseOriginNorthingGeoKey'));
  const k = p('ProjScaleAtNatOriginGeoKey', p('ProjScaleAtCenterGeoKey', 1));
  const xy = `+x_0=${x0} +y_0=${y0}`;
  switch (key('ProjCoordTransGeoKey')) {
    case 1:
      return `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} ${xy}`;
    case 7:
      return `+proj=merc +lon_0=${lon0} +k=${k} ${xy}`;
    case 8:
      return `+proj=lcc +lat_1=${p('ProjStdParallel1GeoKey')} +lat_2=${p('ProjStdParallel2GeoKey')} +lat_0=${lat0} +lon_0=${lon0} ${xy}`;
    case 9:
      return `+proj=lcc +lat_1=${lat0} +lat_0=${lat0} +lon_0=${lon0} +k_0=${k} ${xy}`;
    case 10:
      return `+proj=laea +lat_0=${lat0} +lon_0=${lon0} ${xy}`;
    case 11:
      return `+proj=aea +lat_1=${p('ProjStdParallel1GeoKey')} +lat_2=${p('ProjStdParallel2GeoKey')} +lat_0=${lat0} +lon_0=${lon0} ${xy}`;
    case 17:
      return `+proj=eqc +lat_ts=${p('ProjStdParallel1GeoKey')} +lon_0=${lon0} ${xy}`;
    default:
      return null;
  }
}

/**
 * proj4 definition of a projected CRS given only by GeoKeys (by geotiff.js name or numeric id), or
 * null when the keys name a method this does not cover. `geogDef` looks up a geographic CRS by code.
 */
export function proj4FromGeoKeys(
  keys: Record<string, unknown>,
  geogDef: (epsg: number) => string | null,
): string | null {
  const key = (name: string): number | undefined => {
    const v = keys[name] ?? keys[String(IDS[name])];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const m = method(key);
  if (!m) return null;
  const units = UNITS[key('ProjLinearUnitsGeoKey') ?? 9001] ?? '+units=m';
  const ellipsoid = ellipsoidOf(key, geogDef) || '+datum=WGS84';
  return `${m} ${ellipsoid} ${units} +no_defs`;
}
