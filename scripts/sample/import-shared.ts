/**
 * One-off import of the real sample material into sample-data/ (run by a developer, never by tests
 * or the app): real Landsat scenes copied byte for byte with STAC items, and Pakistan boundaries
 * converted to GeoJSON (EPSG:4326, 5 decimals).
 *
 *   node bin/tsx.mjs scripts/sample/import-shared.ts [--from /work/shared/data] [--out sample-data]
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromArrayBuffer } from 'geotiff';
import proj4 from 'proj4';
import { geotransformOf } from '../../electron/sources/tiff';
import { jsonText, writeAtomic } from './files';
import { type Feature, roundCoordinates, type Topology, toFeatures } from './topojson';

const COG_OR_TIFF = 'image/tiff; application=geotiff';
const EXT = [
  'https://stac-extensions.github.io/eo/v1.1.0/schema.json',
  'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
  'https://stac-extensions.github.io/projection/v2.0.0/schema.json',
];
const CRS: Record<number, string> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs +type=crs',
  31985: '+proj=utm +zone=25 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  32622: '+proj=utm +zone=22 +datum=WGS84 +units=m +no_defs +type=crs',
};

interface Raster {
  width: number;
  height: number;
  transform: [number, number, number, number, number, number];
  epsg: number;
}

async function readRaster(file: string): Promise<Raster> {
  const buf = readFileSync(file);
  const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const img = await tiff.getImage();
  // geotiff.js getResolution() drops the sign of a ModelTransformation's y step: read the
  // geotransform the way the app does.
  const transform = geotransformOf(img, file);
  const keys = img.getGeoKeys() as Record<string, number> | null;
  const epsg = keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey;
  if (!epsg) throw new Error(`${file}: no EPSG code in its GeoKeys`);
  return { width: img.getWidth(), height: img.getHeight(), transform, epsg };
}

function footprint(r: Raster): { geometry: unknown; bbox: number[]; projBbox: number[] } {
  const [x0, a, , y0, , e] = r.transform;
  const x1 = x0 + a * r.width;
  const y1 = y0 + e * r.height;
  const ll = (x: number, y: number): number[] =>
    proj4(CRS[r.epsg], 'EPSG:4326', [x, y]).map((v) => Math.round(v * 1e7) / 1e7);
  const ring = [ll(x0, y1), ll(x1, y1), ll(x1, y0), ll(x0, y0), ll(x0, y1)];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return {
    geometry: { type: 'Polygon', coordinates: [ring] },
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    projBbox: [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)],
  };
}

const stacTransform = (t: Raster['transform']): number[] => [t[1], t[2], t[0], t[4], t[5], t[3]];

interface BandDef {
  name: string;
  common: string;
  cw: number;
}

function item(
  id: string,
  r: Raster,
  properties: Record<string, unknown>,
  assets: Record<string, unknown>,
): Record<string, unknown> {
  const fp = footprint(r);
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: EXT,
    id,
    collection: 'real',
    geometry: fp.geometry,
    bbox: fp.bbox,
    properties: {
      ...properties,
      'nigah:synthetic': false,
      'proj:code': `EPSG:${r.epsg}`,
      'proj:shape': [r.height, r.width],
      'proj:transform': stacTransform(r.transform),
      'proj:bbox': fp.projBbox,
    },
    links: [
      { rel: 'root', href: '../../catalog.json', type: 'application/json' },
      { rel: 'parent', href: '../collection.json', type: 'application/json' },
      { rel: 'collection', href: '../collection.json', type: 'application/json' },
    ],
    assets,
  };
}

function bandsAsset(
  href: string,
  title: string,
  bands: BandDef[],
  raster: Record<string, unknown>[],
  r: Raster,
): Record<string, unknown> {
  return {
    href,
    type: COG_OR_TIFF,
    title,
    roles: ['data'],
    'eo:bands': bands.map((b) => ({ name: b.name, common_name: b.common, center_wavelength: b.cw })),
    'raster:bands': raster,
    'proj:shape': [r.height, r.width],
    'proj:transform': stacTransform(r.transform),
  };
}

function mtlValue(text: string, key: string): string | null {
  const m = new RegExp(`^\\s*${key}\\s*=\\s*"?([^"\\n]*)"?\\s*$`, 'm').exec(text);
  return m ? m[1].trim() : null;
}

async function importReal(from: string, out: string): Promise<string[]> {
  const dir = path.join(out, 'real');
  const ids: string[] = [];
  const boxes: number[][] = [];
  const write = (id: string, value: Record<string, unknown>) => {
    writeAtomic(path.join(dir, id, `${id}.json`), jsonText(value));
    ids.push(id);
    boxes.push(value['bbox'] as number[]);
  };
  const copy = (src: string, id: string): string => {
    const target = path.join(dir, id, path.basename(src));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(from, src), target);
    return target;
  };

  // Landsat 7 ETM+, Olinda (Brazil), from r-spatial/stars.
  {
    const id = 'LANDSAT7-ETM-OLINDA-BR';
    const file = copy('raster/landsat7_olinda_stars/L7_ETMs.tif', id);
    const r = await readRaster(file);
    const bands: BandDef[] = [
      { name: 'B1', common: 'blue', cw: 0.485 },
      { name: 'B2', common: 'green', cw: 0.56 },
      { name: 'B3', common: 'red', cw: 0.66 },
      { name: 'B4', common: 'nir', cw: 0.835 },
      { name: 'B5', common: 'swir16', cw: 1.65 },
      { name: 'B7', common: 'swir22', cw: 2.22 },
    ];
    write(
      id,
      item(
        id,
        r,
        {
          title: 'Landsat 7 ETM+ — Olinda/Recife, Brazil (real)',
          description:
            'Real Landsat 7 ETM+ subset over Olinda and Recife, Pernambuco, Brazil (not Pakistan): six ' +
            'reflective bands at 28.5 m, 8-bit DN. Acquisition date not documented by the source. ' +
            'From the stars R package (r-spatial/stars, inst/tif/L7_ETMs.tif).',
          datetime: null,
          start_datetime: '1999-04-15T00:00:00Z',
          end_datetime: '2022-04-06T23:59:59Z',
          'nigah:datetime_note': 'acquisition date unknown; interval = Landsat 7 ETM+ mission',
          platform: 'landsat-7',
          constellation: 'landsat',
          instruments: ['etm+'],
          gsd: 28.5,
          license: 'Apache-2.0 (stars package); imagery USGS, public domain',
          'nigah:notices': [
            'Real Landsat 7 data over Olinda/Recife, Brazil — not Pakistan. Acquisition date unknown.',
          ],
          'nigah:attribution':
            'Landsat 7 ETM+ courtesy of the U.S. Geological Survey; file from r-spatial/stars',
        },
        {
          data: bandsAsset(
            './L7_ETMs.tif',
            'ETM+ B1, B2, B3, B4, B5, B7 (8-bit DN, 28.5 m)',
            bands,
            bands.map(() => ({ data_type: 'uint8', spatial_resolution: 28.5 })),
            r,
          ),
        },
      ),
    );
  }

  // Landsat composites, Pucallpa (Peru), from opengeos/data.
  for (const year of ['2000', '2020']) {
    const id = `LANDSAT-PUCALLPA-PE-${year}`;
    const file = copy(`raster/landsat_pucallpa_opengeos/landsat_${year}.tif`, id);
    const r = await readRaster(file);
    const bands: BandDef[] = [
      { name: 'band1', common: 'swir16', cw: 1.65 },
      { name: 'band2', common: 'nir', cw: 0.86 },
      { name: 'band3', common: 'red', cw: 0.655 },
      { name: 'band4', common: 'green', cw: 0.56 },
    ];
    write(
      id,
      item(
        id,
        r,
        {
          title: `Landsat composite ${year} — Pucallpa, Ucayali River, Peru (real)`,
          description:
            `Real Landsat composite for ${year} over Pucallpa and the meandering Ucayali River, Peru (not ` +
            'Pakistan): bands SWIR1, NIR, red, green (no blue), 8-bit scaled, ~90 m, EPSG:4326. ' +
            `From opengeos/data (landsat/${year}.tif). A real before/after pair for river change.`,
          datetime: null,
          start_datetime: `${year}-01-01T00:00:00Z`,
          end_datetime: `${year}-12-31T23:59:59Z`,
          'nigah:datetime_note': 'yearly composite; exact acquisition dates not documented by the source',
          platform: year === '2000' ? 'landsat-5/7' : 'landsat-8',
          constellation: 'landsat',
          gsd: 90,
          license: 'MIT (opengeos/data); imagery USGS, public domain',
          'nigah:notices': [
            `Real Landsat composite over Pucallpa, Peru — not Pakistan. Year ${year}, exact dates unknown.`,
          ],
          'nigah:attribution':
            'Landsat imagery courtesy of the U.S. Geological Survey; file from opengeos/data',
        },
        {
          data: bandsAsset(
            `./landsat_${year}.tif`,
            'Bands 1 SWIR1, 2 NIR, 3 red, 4 green (8-bit scaled)',
            bands,
            bands.map(() => ({ nodata: 0, data_type: 'uint8', spatial_resolution: 90 })),
            r,
          ),
        },
      ),
    );
  }

  // Landsat 5 TM band files + MTL, Pará (Brazil), from bleutner/RStoolbox.
  {
    const id = 'LT52240631988227CUB02';
    const src = 'raster/landsat5_tm_rstoolbox';
    const mtlFile = copy(`${src}/${id}_MTL.txt`, id);
    const mtl = readFileSync(mtlFile, 'latin1');
    const date = mtlValue(mtl, 'DATE_ACQUIRED');
    const time = mtlValue(mtl, 'SCENE_CENTER_TIME');
    const datetime = date && time ? `${date}T${time.replace(/\.\d+Z$/, 'Z')}` : null;
    const cloud = Number(mtlValue(mtl, 'CLOUD_COVER'));
    const defs: (BandDef & { n: number; res: number })[] = [
      { n: 1, name: 'B1', common: 'blue', cw: 0.485, res: 30 },
      { n: 2, name: 'B2', common: 'green', cw: 0.56, res: 30 },
      { n: 3, name: 'B3', common: 'red', cw: 0.66, res: 30 },
      { n: 4, name: 'B4', common: 'nir', cw: 0.83, res: 30 },
      { n: 5, name: 'B5', common: 'swir16', cw: 1.65, res: 30 },
      { n: 6, name: 'B6', common: 'lwir', cw: 11.45, res: 30 },
      { n: 7, name: 'B7', common: 'swir22', cw: 2.215, res: 30 },
    ];
    const assets: Record<string, unknown> = {};
    let r0: Raster | null = null;
    for (const d of defs) {
      const file = copy(`${src}/${id}_B${d.n}.TIF`, id);
      const r = await readRaster(file);
      r0 ??= r;
      const mult = Number(mtlValue(mtl, `RADIANCE_MULT_BAND_${d.n}`));
      const add = Number(mtlValue(mtl, `RADIANCE_ADD_BAND_${d.n}`));
      const raster: Record<string, unknown> = { nodata: 255, data_type: 'uint8', spatial_resolution: d.res };
      if (Number.isFinite(mult) && Number.isFinite(add)) {
        raster['scale'] = mult;
        raster['offset'] = add;
        raster['unit'] = 'W/(m2 sr um)';
      }
      assets[d.name] = {
        ...bandsAsset(`./${id}_B${d.n}.TIF`, `TM ${d.name} ${d.common} (8-bit DN)`, [d], [raster], r),
        roles: ['data'],
      };
    }
    assets['MTL'] = {
      href: `./${id}_MTL.txt`,
      type: 'text/plain',
      title: 'Landsat MTL metadata',
      roles: ['metadata'],
    };
    write(
      id,
      item(
        id,
        r0!,
        {
          title: 'Landsat 5 TM LT52240631988227CUB02 — Pará, Brazil (real)',
          description:
            'Real Landsat 5 TM L1T subset, WRS-2 224/063, Pará, Brazil (Amazon deforestation; not Pakistan): ' +
            'one file per band (B1–B5, B7 reflective; B6 thermal) plus the MTL metadata file. 8-bit DN; ' +
            'raster:bands scale/offset convert DN to radiance (MTL RADIANCE_MULT/ADD). From bleutner/RStoolbox.',
          datetime,
          'eo:cloud_cover': Number.isFinite(cloud) ? cloud : null,
          platform: 'landsat-5',
          constellation: 'landsat',
          instruments: ['tm'],
          'landsat:wrs_path': mtlValue(mtl, 'WRS_PATH'),
          'landsat:wrs_row': mtlValue(mtl, 'WRS_ROW'),
          'view:sun_elevation': Number(mtlValue(mtl, 'SUN_ELEVATION')),
          'view:sun_azimuth': Number(mtlValue(mtl, 'SUN_AZIMUTH')),
          gsd: 30,
          license: 'GPL-3.0-or-later (RStoolbox package, data files only); imagery USGS, public domain',
          'nigah:notices': [
            'Real Landsat 5 TM data over Pará, Brazil — not Pakistan. 8-bit L1T DN, not reflectance.',
          ],
          'nigah:attribution':
            'Landsat 5 TM courtesy of the U.S. Geological Survey; files from bleutner/RStoolbox',
        },
        assets,
      ),
    );
  }

  const collection = {
    type: 'Collection',
    stac_version: '1.0.0',
    stac_extensions: EXT,
    id: 'real',
    title: 'Real Landsat samples (Brazil, Peru)',
    description:
      'Small real Landsat scenes copied byte for byte from open repositories, for testing with real data. ' +
      'None is over Pakistan: no openly licensed multispectral raster over Pakistan was found. See ATTRIBUTION.md.',
    license: 'various',
    extent: {
      spatial: {
        bbox: [
          [
            Math.min(...boxes.map((b) => b[0])),
            Math.min(...boxes.map((b) => b[1])),
            Math.max(...boxes.map((b) => b[2])),
            Math.max(...boxes.map((b) => b[3])),
          ],
          ...boxes,
        ],
      },
      temporal: { interval: [['1988-08-14T13:00:47Z', '2020-12-31T23:59:59Z']] },
    },
    links: [
      { rel: 'root', href: '../catalog.json', type: 'application/json' },
      { rel: 'parent', href: '../catalog.json', type: 'application/json' },
      ...ids.map((id) => ({ rel: 'item', href: `./${id}/${id}.json`, type: 'application/geo+json' })),
      { rel: 'license', href: '../ATTRIBUTION.md', type: 'text/markdown', title: 'Attribution and licenses' },
    ],
  };
  writeAtomic(path.join(dir, 'collection.json'), jsonText(collection));
  return ids;
}

function featureCollection(features: Feature[]): string {
  const rounded = features.map((f) => ({
    type: 'Feature',
    properties: f.properties,
    geometry: f.geometry
      ? { type: f.geometry.type, coordinates: roundCoordinates(f.geometry.coordinates, 5) }
      : null,
  }));
  // One feature per line keeps diffs readable and the files compact.
  return `{"type":"FeatureCollection","features":[\n${rounded.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function pick(props: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (props[k] !== undefined) out[k] = props[k];
  return out;
}

function importBoundaries(from: string, out: string, tolerance: number): void {
  const dir = path.join(out, 'boundaries');
  const readJson = (f: string) => JSON.parse(readFileSync(path.join(from, 'vector', f), 'utf8'));
  const ne = (f: string, keys: string[] | null): Feature[] =>
    (readJson(f).features as Feature[]).map((ft) => ({
      type: 'Feature',
      properties: keys ? pick(ft.properties, keys) : ft.properties,
      geometry: ft.geometry,
    }));
  writeAtomic(
    path.join(dir, 'ne10m_admin0_pakistan.geojson'),
    featureCollection(ne('ne10m_pakistan_admin0.geojson', null)),
  );
  writeAtomic(
    path.join(dir, 'ne10m_admin1_pakistan.geojson'),
    featureCollection(
      ne('ne10m_pakistan_admin1.geojson', [
        'name',
        'name_en',
        'iso_3166_2',
        'type_en',
        'adm1_code',
        'wikidataid',
      ]),
    ),
  );
  writeAtomic(
    path.join(dir, 'ne50m_rivers_pakistan.geojson'),
    featureCollection(ne('ne50m_rivers_pakistan_bbox.geojson', null)),
  );
  const topo = readJson('osm_pakistan_admin_2023census.topojson.json') as Topology;
  for (const [obj, keys] of [
    ['provinces', ['name']],
    ['divisions', ['name', 'province']],
    ['districts', ['name', 'division', 'province']],
  ] as const) {
    const feats = toFeatures(topo, obj, tolerance).map((f) => ({
      ...f,
      properties: pick(f.properties, [...keys]),
    }));
    writeAtomic(path.join(dir, `osm_${obj}_2023census.geojson`), featureCollection(feats));
  }
  // Manifest read by electron/services/boundaries.ts (admin layers only; rivers are not a level).
  const osm = { attribution: '© OpenStreetMap contributors, ODbL 1.0', license: 'ODbL-1.0' };
  const natural = { attribution: 'Made with Natural Earth', license: 'public domain' };
  const manifest = [
    {
      id: 'osm-districts-2023',
      name: 'Districts (2023 census, OpenStreetMap)',
      level: 'district',
      file: 'osm_districts_2023census.geojson',
      ...osm,
    },
    {
      id: 'osm-divisions-2023',
      name: 'Divisions (OpenStreetMap)',
      level: 'division',
      file: 'osm_divisions_2023census.geojson',
      ...osm,
    },
    {
      id: 'osm-provinces-2023',
      name: 'Provinces and territories (OpenStreetMap)',
      level: 'province',
      file: 'osm_provinces_2023census.geojson',
      ...osm,
    },
    {
      id: 'ne-admin1',
      name: 'Provinces (Natural Earth 10m)',
      level: 'province',
      file: 'ne10m_admin1_pakistan.geojson',
      ...natural,
    },
    {
      id: 'ne-admin0',
      name: 'Pakistan (Natural Earth 10m)',
      level: 'country',
      file: 'ne10m_admin0_pakistan.geojson',
      ...natural,
    },
  ];
  writeAtomic(path.join(dir, 'index.json'), jsonText(manifest));
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  let from = '/work/shared/data';
  let out = path.join(root, 'sample-data');
  let tolerance = 0.001;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') from = path.resolve(argv[++i]);
    else if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else if (argv[i] === '--tolerance') tolerance = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const ids = await importReal(from, out);
  console.log(`real items: ${ids.join(', ')}`);
  importBoundaries(from, out, tolerance);
  console.log(`boundaries written (arc simplification tolerance ${tolerance}°)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
