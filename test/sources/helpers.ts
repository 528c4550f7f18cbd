/** Fixtures for source tests: tiny COGs (shared/tiff's writer), STAC catalogs and settings. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Settings, SourceConfig } from '../../shared/contract';
import { concatChunks, writeCog } from '../../shared/tiff';

export function tempDir(prefix = 'nigah-src-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface CogSpec {
  width?: number;
  height?: number;
  bands?: number;
  epsg?: number;
  transform?: [number, number, number, number, number, number];
  nodata?: number | null;
  tileSize?: number;
  /** Pixel value at (x, y) of band b. */
  value?: (x: number, y: number, b: number) => number;
  descriptions?: string[];
}

/** A uint16 COG; pixel (x, y) of band b = value(x, y, b) (default x + y + 100·b). */
export function cogBytes(spec: CogSpec = {}): Uint8Array {
  const width = spec.width ?? 64;
  const height = spec.height ?? 48;
  const bands = spec.bands ?? 1;
  const value = spec.value ?? ((x, y, b) => x + y + 100 * b);
  const data: Uint16Array[] = [];
  for (let b = 0; b < bands; b++) {
    const a = new Uint16Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) a[y * width + x] = value(x, y, b);
    data.push(a);
  }
  const epsg = spec.epsg ?? 32642;
  return concatChunks(
    writeCog({
      width,
      height,
      dataType: 'uint16',
      tileSize: spec.tileSize ?? 16,
      geo: { epsg, geographic: epsg === 4326, transform: spec.transform ?? [600000, 10, 0, 2950000, 0, -10] },
      nodata: spec.nodata === undefined ? 0 : spec.nodata,
      data,
      compress: (b) => deflateSync(b),
      ...(spec.descriptions ? { bandMetadata: spec.descriptions.map((d) => ({ description: d })) } : {}),
    }),
  );
}

export function writeCogFile(file: string, spec: CogSpec = {}): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, cogBytes(spec));
  return file;
}

export function writeJson(file: string, json: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(json, null, 1));
}

export function stacItem(
  id: string,
  assets: Record<string, unknown>,
  props: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id,
    collection: 'test',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [68, 26],
          [68.1, 26],
          [68.1, 26.1],
          [68, 26.1],
          [68, 26],
        ],
      ],
    },
    bbox: [68, 26, 68.1, 26.1],
    properties: { datetime: '2022-08-30T05:46:41Z', 'eo:cloud_cover': 12, platform: 'sentinel-2a', ...props },
    links: [{ rel: 'collection', href: '../collection.json' }],
    assets,
  };
}

/**
 * A static catalog: root → collection → items a (2 bands, proj fields), b (no proj fields: header
 * read on get), and a broken item (fails the schema).
 */
export function makeStaticCatalog(root: string): { catalog: string } {
  writeCogFile(path.join(root, 'test/a/red.tif'), { value: (x) => 1000 + x });
  writeCogFile(path.join(root, 'test/a/nir.tif'), { value: (_x, y) => 3000 + y });
  writeCogFile(path.join(root, 'test/b/b.tif'), { bands: 2, epsg: 32642 });
  writeJson(path.join(root, 'catalog.json'), {
    type: 'Catalog',
    stac_version: '1.0.0',
    id: 'root',
    description: 'test',
    links: [
      { rel: 'root', href: './catalog.json' },
      { rel: 'child', href: './test/collection.json' },
    ],
  });
  writeJson(path.join(root, 'test/collection.json'), {
    type: 'Collection',
    stac_version: '1.0.0',
    id: 'test',
    description: 'test collection',
    license: 'CC-BY-4.0',
    providers: [{ name: 'Test provider' }],
    extent: { spatial: { bbox: [[68, 26, 69, 27]] }, temporal: { interval: [[null, null]] } },
    links: [
      { rel: 'item', href: './a/a.json' },
      { rel: 'item', href: 'b/b.json' },
      { rel: 'item', href: './broken/broken.json' },
    ],
  });
  const proj = {
    'proj:epsg': 32642,
    'proj:shape': [48, 64],
    'proj:transform': [10, 0, 600000, 0, -10, 2950000],
  };
  writeJson(
    path.join(root, 'test/a/a.json'),
    stacItem('a', {
      red: {
        href: './red.tif',
        type: 'image/tiff; application=geotiff',
        roles: ['data'],
        'eo:bands': [{ name: 'B04', common_name: 'red' }],
        'raster:bands': [{ data_type: 'uint16', nodata: 0, scale: 0.0001, offset: -0.1 }],
        ...proj,
      },
      nir: {
        href: './nir.tif',
        type: 'image/tiff; application=geotiff',
        roles: ['data'],
        'eo:bands': [{ name: 'B08', common_name: 'nir' }],
        ...proj,
      },
      thumbnail: { href: './thumb.png', type: 'image/png', roles: ['thumbnail'] },
    }),
  );
  // STAC 1.1 style bands, no projection fields.
  writeJson(path.join(root, 'test/b/b.json'), {
    ...stacItem(
      'b',
      {
        data: {
          href: './b.tif',
          type: 'image/tiff; application=geotiff; profile=cloud-optimized',
          roles: ['data'],
          bands: [
            { name: 'green', 'eo:common_name': 'green', 'raster:scale': 2 },
            { name: 'swir1', 'eo:common_name': 'swir1' },
          ],
        },
      },
      { datetime: '2022-06-10T05:46:41Z', 'eo:cloud_cover': 50 },
    ),
    stac_version: '1.1.0',
  });
  writeJson(path.join(root, 'test/broken/broken.json'), {
    type: 'Feature',
    id: 'broken',
    properties: {},
    links: [],
  });
  return { catalog: path.join(root, 'catalog.json') };
}

export function settingsWith(sources: Partial<SourceConfig>[], extra: Partial<Settings> = {}): Settings {
  return {
    sources: sources.map((s, i) => ({
      id: s.id ?? `s${i}`,
      kind: s.kind ?? 'stac',
      name: s.name ?? `Source ${i}`,
      location: s.location ?? '',
      enabled: s.enabled ?? true,
      ...(s.collections ? { collections: s.collections } : {}),
    })),
    cacheSizeMB: 64,
    language: 'en',
    ...extra,
  };
}

/** A minimal ustar archive (what CRESDA packages are), optionally gzipped. */
export function tarBytes(files: { name: string; data: Uint8Array | string }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const f of files) {
    const data = typeof f.data === 'string' ? enc.encode(f.data) : f.data;
    const h = new Uint8Array(512);
    h.set(enc.encode(f.name).subarray(0, 100), 0);
    h.set(enc.encode('0000644\0'), 100);
    h.set(enc.encode('0000000\0'), 108);
    h.set(enc.encode('0000000\0'), 116);
    h.set(enc.encode(`${data.length.toString(8).padStart(11, '0')}\0`), 124);
    h.set(enc.encode('00000000000\0'), 136);
    h.set(enc.encode('        '), 148);
    h[156] = 48; // '0' regular file
    h.set(enc.encode('ustar\0'), 257);
    h.set(enc.encode('00'), 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    blocks.push(h, data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) blocks.push(new Uint8Array(pad));
  }
  blocks.push(new Uint8Array(1024));
  let n = 0;
  for (const b of blocks) n += b.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

export function cresdaXml(o: {
  satellite: string;
  sensor: string;
  center: string;
  cloud: number;
  level: string;
  corners: [number, number][];
  extra?: string;
}): string {
  const [tl, tr, br, bl] = o.corners;
  return `<?xml version="1.0" encoding="UTF-8"?>
<ProductMetaData>
  <SatelliteID>${o.satellite}</SatelliteID>
  <SensorID>${o.sensor}</SensorID>
  <ReceiveTime>${o.center}</ReceiveTime>
  <ProductLevel>${o.level}</ProductLevel>
  <CenterTime>${o.center}</CenterTime>
  <CloudPercent>${o.cloud}</CloudPercent>
  <TopLeftLatitude>${tl[1]}</TopLeftLatitude><TopLeftLongitude>${tl[0]}</TopLeftLongitude>
  <TopRightLatitude>${tr[1]}</TopRightLatitude><TopRightLongitude>${tr[0]}</TopRightLongitude>
  <BottomRightLatitude>${br[1]}</BottomRightLatitude><BottomRightLongitude>${br[0]}</BottomRightLongitude>
  <BottomLeftLatitude>${bl[1]}</BottomLeftLatitude><BottomLeftLongitude>${bl[0]}</BottomLeftLongitude>
  ${o.extra ?? ''}
</ProductMetaData>
`;
}

/**
 * A plain striped (non-tiled), uncompressed uint8 GeoTIFF in EPSG:32642, as old tools write them:
 * pixel (x, y) = (x + 3y) mod 251. Written by hand so the layout is exactly what we say.
 */
export function stripedTiff(width: number, height: number, rowsPerStrip: number): Uint8Array {
  const strips = Math.ceil(height / rowsPerStrip);
  const entries: [number, number, number, number[] | number][] = [];
  // [tag, type (3 SHORT, 4 LONG, 12 DOUBLE), count, value(s)]
  const header = 8;
  const nEntries = 14;
  const ifdSize = 2 + nEntries * 12 + 4;
  let cursor = header + ifdSize;
  const extra: { at: number; bytes: Uint8Array }[] = [];
  const put = (bytes: Uint8Array): number => {
    const at = cursor;
    extra.push({ at, bytes });
    cursor += bytes.length + (bytes.length % 2);
    return at;
  };
  const longs = (v: number[]): Uint8Array => new Uint8Array(new Uint32Array(v).buffer);
  const doubles = (v: number[]): Uint8Array => new Uint8Array(new Float64Array(v).buffer);
  const shorts = (v: number[]): Uint8Array => new Uint8Array(new Uint16Array(v).buffer);
  const stripBytes = Array.from(
    { length: strips },
    (_, i) => Math.min(rowsPerStrip, height - i * rowsPerStrip) * width,
  );
  const offsetsAt = put(longs(new Array(strips).fill(0)));
  const countsAt = put(longs(stripBytes));
  const scaleAt = put(doubles([30, 30, 0]));
  const tieAt = put(doubles([0, 0, 0, 500000, 3000000, 0]));
  const keysAt = put(shorts([1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32642]));
  entries.push(
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 8],
    [259, 3, 1, 1],
    [262, 3, 1, 1],
    [273, 4, strips, strips === 1 ? 0 : offsetsAt],
    [277, 3, 1, 1],
    [278, 4, 1, rowsPerStrip],
    [279, 4, strips, strips === 1 ? stripBytes[0] : countsAt],
    [284, 3, 1, 1],
    [339, 3, 1, 1],
    [33550, 12, 3, scaleAt],
    [33922, 12, 6, tieAt],
    [34735, 3, 16, keysAt],
  );
  const dataStart = cursor;
  const total = dataStart + width * height;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out[0] = 0x49;
  out[1] = 0x49;
  dv.setUint16(2, 42, true);
  dv.setUint32(4, header, true);
  dv.setUint16(header, nEntries, true);
  entries.forEach(([tag, type, count, value], i) => {
    const o = header + 2 + i * 12;
    dv.setUint16(o, tag, true);
    dv.setUint16(o + 2, type, true);
    dv.setUint32(o + 4, count, true);
    if (type === 3 && count === 1) dv.setUint16(o + 8, value as number, true);
    else dv.setUint32(o + 8, value as number, true);
  });
  dv.setUint32(header + 2 + nEntries * 12, 0, true);
  const offsets = Array.from({ length: strips }, (_, i) => dataStart + i * rowsPerStrip * width);
  for (const e of extra) out.set(e.at === offsetsAt ? longs(offsets) : e.bytes, e.at);
  for (let y = 0; y < height; y++) {
    const row = dataStart + y * width;
    for (let x = 0; x < width; x++) out[row + x] = (x + 3 * y) % 251;
  }
  return out;
}
