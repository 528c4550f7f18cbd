/**
 * Landsat MTL metadata (pre-collection, Collection 1 and Collection 2 ODL text): date, cloud,
 * spacecraft, sensor, band files and the DN scaling to use. Per the USGS Landsat data format
 * control books: L2 surface reflectance (SR_B*) from LEVEL2_SURFACE_REFLECTANCE_PARAMETERS, L1
 * TOA reflectance from REFLECTANCE_MULT/ADD_BAND_n, older L1 products radiance from RADIANCE_*.
 */

export interface MtlBand {
  /** 'B1'…'B11' (SR_/ST_ stripped). */
  band: string;
  file: string;
  scale: number;
  offset: number;
  /** What DN·scale + offset gives. */
  quantity: 'reflectance' | 'radiance' | 'temperature' | 'dn';
}

export interface Mtl {
  productId: string;
  spacecraft: string | null;
  sensor: string | null;
  datetime: string | null;
  cloudCover: number | null;
  collection: number | null;
  level: string | null;
  utmZone: number | null;
  bands: MtlBand[];
}

/** Flattens ODL "GROUP = …/KEY = value/END_GROUP" into a map of KEY → value (last group wins). */
export function parseOdl(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.replace(/\0/g, '').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || m[1] === 'GROUP' || m[1] === 'END_GROUP') continue;
    out.set(m[1], m[2].replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

const numOrNull = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export function parseMtl(text: string): Mtl {
  const kv = parseOdl(text);
  const productId = kv.get('LANDSAT_PRODUCT_ID') ?? kv.get('LANDSAT_SCENE_ID') ?? '';
  const date = kv.get('DATE_ACQUIRED') ?? kv.get('ACQUISITION_DATE') ?? null;
  const time = kv.get('SCENE_CENTER_TIME') ?? kv.get('SCENE_CENTER_SCAN_TIME') ?? null;
  let datetime: string | null = null;
  if (date) {
    const t = time ? time.replace(/^"|"$/g, '').replace(/(\.\d{3})\d*/, '$1') : '00:00:00Z';
    const iso = `${date}T${t.endsWith('Z') ? t : `${t}Z`}`;
    datetime = Number.isNaN(Date.parse(iso)) ? `${date}T00:00:00Z` : new Date(Date.parse(iso)).toISOString();
  }
  const cloud = numOrNull(kv.get('CLOUD_COVER'));
  const collection = numOrNull(kv.get('COLLECTION_NUMBER'));
  const level = kv.get('PROCESSING_LEVEL') ?? kv.get('DATA_TYPE') ?? null;
  const bands: MtlBand[] = [];
  for (const [key, file] of kv) {
    const m = /^FILE_NAME_BAND_(ST_B)?(\d+|\d+_VCID_\d)$/.exec(key) ?? /^BAND(\d+)_FILE_NAME$/.exec(key);
    if (!m) continue;
    const n = key.startsWith('BAND') ? m[1] : m[2];
    const id = n.replace(/_VCID_(\d)/, '_VCID_$1');
    const isSt = key.includes('ST_B') || /_ST_B\d+/i.test(file);
    const isSr = /_SR_B\d+/i.test(file);
    let scale = 1;
    let offset = 0;
    let quantity: MtlBand['quantity'] = 'dn';
    const get = (k: string): number | null => numOrNull(kv.get(k));
    if (isSt) {
      scale = get(`TEMPERATURE_MULT_BAND_ST_B${id}`) ?? get(`TEMPERATURE_MULT_BAND_${id}`) ?? 0.00341802;
      offset = get(`TEMPERATURE_ADD_BAND_ST_B${id}`) ?? get(`TEMPERATURE_ADD_BAND_${id}`) ?? 149.0;
      quantity = 'temperature';
    } else if (isSr) {
      // Collection 2 L2: the SR group's REFLECTANCE_MULT_BAND_n (2.75e-5) and ADD (-0.2).
      scale = get(`REFLECTANCE_MULT_BAND_${id}`) ?? 0.0000275;
      offset = get(`REFLECTANCE_ADD_BAND_${id}`) ?? -0.2;
      quantity = 'reflectance';
    } else if (get(`REFLECTANCE_MULT_BAND_${id}`) !== null) {
      scale = get(`REFLECTANCE_MULT_BAND_${id}`)!;
      offset = get(`REFLECTANCE_ADD_BAND_${id}`) ?? 0;
      quantity = 'reflectance';
    } else if (get(`RADIANCE_MULT_BAND_${id}`) !== null) {
      scale = get(`RADIANCE_MULT_BAND_${id}`)!;
      offset = get(`RADIANCE_ADD_BAND_${id}`) ?? 0;
      quantity = 'radiance';
    }
    bands.push({ band: `B${id.replace(/_VCID_\d/, '')}`, file, scale, offset, quantity });
  }
  return {
    productId,
    spacecraft: kv.get('SPACECRAFT_ID') ?? null,
    sensor: kv.get('SENSOR_ID') ?? null,
    datetime,
    cloudCover: cloud,
    collection,
    level,
    utmZone: numOrNull(kv.get('UTM_ZONE')),
    bands,
  };
}
