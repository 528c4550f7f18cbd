/**
 * Generated Level-1A fixtures: a synthetic RPC00B model with height terms, a raw (not map-projected)
 * 4-band uint16 image written as CRESDA delivers it (striped, pixel-interleaved, uncompressed), DEMs
 * with relief (EPSG:4326 and UTM 42N) of one analytic surface, and the package around them.
 * Bands 1 and 2 encode each raw pixel's column and row (100 + 40·x, 100 + 40·y), so any
 * orthorectified pixel tells where in the raw image it came from.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import proj4 from 'proj4';
import { projDef } from '../../shared/proj';
import { formatRpb, type RpcModel } from '../../shared/rpc';
import { writeCog } from '../../shared/tiff';

export const LON0 = 68.0;
export const LAT0 = 26.5;

/** A model of a W×H image at ~16 m, rotated ~3°, with relief displacement (height terms) and curvature. */
export function syntheticModel(w: number, h: number, lon0 = LON0, lat0 = LAT0): RpcModel {
  const z = () => new Array(20).fill(0);
  const ln = z();
  const ld = z();
  const sn = z();
  const sd = z();
  // line: −P (north up), rotation, height displacement along track, a little curvature.
  // Height terms scale with 1/half-size so relief displacement stays ~0.03 px/m across track
  // (a ~25° off-nadir view at 16 m) and ~0.01 px/m along track, whatever the image size.
  const hs = 210 / (w / 2);
  const hl = 190 / (h / 2);
  Object.assign(ln, { 1: 0.05, 2: -1, 3: 0.012 * hl, 6: 0.002 * hl, 7: 0.001, 8: -0.0008, 19: 0.0002 * hl });
  Object.assign(ld, { 0: 1, 1: 0.0007, 2: -0.0005, 3: 0.0003 });
  // sample: L, rotation, strong cross-track height displacement (off-nadir view), curvature.
  Object.assign(sn, {
    1: 1,
    2: 0.05,
    3: 0.035 * hs,
    5: 0.003 * hs,
    7: 0.0015,
    9: 0.0004 * hs,
    13: 0.0003 * hs,
  });
  Object.assign(sd, { 0: 1, 1: -0.0004, 2: 0.0006, 3: -0.0002 * hs });
  const gsdLon = 16 / (111320 * Math.cos((lat0 * Math.PI) / 180));
  const gsdLat = 16 / 110574;
  return {
    lineOff: h / 2,
    sampOff: w / 2,
    latOff: lat0,
    longOff: lon0,
    heightOff: 350,
    lineScale: h / 2,
    sampScale: w / 2,
    latScale: (h / 2) * gsdLat,
    longScale: (w / 2) * gsdLon,
    heightScale: 500,
    lineNum: ln,
    lineDen: ld,
    sampNum: sn,
    sampDen: sd,
    errBias: 10,
    errRand: 1,
  };
}

/** The terrain (metres, about −500…1200): hills some 9 km apart, rising eastwards. */
export function terrain(lon: number, lat: number): number {
  const x = (lon - LON0) * 60;
  const y = (lat - LAT0) * 60;
  return (
    350 +
    420 * Math.sin(x * 1.3 + 0.4) * Math.cos(y * 1.1) +
    260 * Math.sin(y * 2.3 - x * 0.7) +
    180 * Math.tanh(x / 2)
  );
}

/** Raw pixel value: bands 1–2 encode the position, 3–4 a texture. Never 0 (nodata). */
export function rawValue(x: number, y: number, b: number): number {
  if (b === 0) return 100 + 40 * x;
  if (b === 1) return 100 + 40 * y;
  if (b === 2) return 1000 + ((x * 7 + y * 13) % 500);
  return 2000 + Math.round(800 * Math.sin(x / 9) * Math.cos(y / 11));
}

/**
 * A striped, pixel-interleaved, uncompressed uint16 TIFF with no georeferencing (as CRESDA L1A
 * images are), written row by row so bench-sized images never sit in memory.
 */
export function writeRawTiff(
  file: string,
  w: number,
  h: number,
  bands: number,
  value: (x: number, y: number, b: number) => number = rawValue,
  rowsPerStrip = 16,
): void {
  const strips = Math.ceil(h / rowsPerStrip);
  const tags: [number, number, number, number[]][] = []; // tag, type, count, values
  const dataStart = 4096 + strips * 8;
  const stripBytes = (s: number) => Math.min(rowsPerStrip, h - s * rowsPerStrip) * w * bands * 2;
  const offsets: number[] = [];
  let o = dataStart;
  for (let s = 0; s < strips; s++) {
    offsets.push(o);
    o += stripBytes(s);
  }
  tags.push([256, 4, 1, [w]], [257, 4, 1, [h]], [258, 3, bands, new Array(bands).fill(16)], [259, 3, 1, [1]]);
  tags.push([262, 3, 1, [1]], [273, 4, strips, offsets], [277, 3, 1, [bands]], [278, 4, 1, [rowsPerStrip]]);
  tags.push([279, 4, strips, Array.from({ length: strips }, (_, s) => stripBytes(s))], [284, 3, 1, [1]]);
  if (bands > 1) tags.push([338, 3, bands - 1, new Array(bands - 1).fill(0)]);
  tags.push([339, 3, bands, new Array(bands).fill(1)]);
  const head = Buffer.alloc(dataStart);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(tags.length, 8);
  let extra = 8 + 2 + tags.length * 12 + 4;
  tags.forEach(([tag, type, count, values], i) => {
    const e = 10 + i * 12;
    head.writeUInt16LE(tag, e);
    head.writeUInt16LE(type, e + 2);
    head.writeUInt32LE(count, e + 4);
    const size = type === 3 ? 2 : 4;
    const put = (at: number) => {
      for (const [k, v] of values.entries()) {
        if (size === 2) head.writeUInt16LE(v, at + k * 2);
        else head.writeUInt32LE(v, at + k * 4);
      }
    };
    if (count * size <= 4) put(e + 8);
    else {
      head.writeUInt32LE(extra, e + 8);
      put(extra);
      extra += count * size;
    }
  });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head, 0, head.length, 0);
    const row = new Uint16Array(w * bands);
    let pos = dataStart;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) for (let b = 0; b < bands; b++) row[x * bands + b] = value(x, y, b);
      const buf = Buffer.from(row.buffer, row.byteOffset, row.byteLength);
      writeSync(fd, buf, 0, buf.length, pos);
      pos += buf.length;
    }
  } finally {
    closeSync(fd);
  }
}

const deflate = (b: Uint8Array) => deflateSync(b, { level: 1 });

/** A float32 DEM of terrain() in EPSG:4326 over [w, s, e, n] at `res` degrees. */
export function writeDem4326(file: string, bbox: [number, number, number, number], res = 0.0005): void {
  const [w, s, e, n] = bbox;
  const width = Math.ceil((e - w) / res);
  const height = Math.ceil((n - s) / res);
  const data = new Float32Array(width * height);
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++) data[j * width + i] = terrain(w + (i + 0.5) * res, n - (j + 0.5) * res);
  const chunks = writeCog({
    width,
    height,
    dataType: 'float32',
    nodata: -32768,
    geo: { epsg: 4326, geographic: true, transform: [w, res, 0, n, 0, -res] },
    data: [data],
    compress: deflate,
  });
  writeFileSync(file, Buffer.concat(chunks));
}

/** The same surface as a DEM in UTM 42N (EPSG:32642) at `res` metres. */
export function writeDemUtm(file: string, bbox: [number, number, number, number], res = 50): void {
  const toUtm = proj4(projDef(4326), projDef(32642));
  const toLL = proj4(projDef(32642), projDef(4326));
  const c = [
    toUtm.forward([bbox[0], bbox[1]]),
    toUtm.forward([bbox[2], bbox[1]]),
    toUtm.forward([bbox[2], bbox[3]]),
    toUtm.forward([bbox[0], bbox[3]]),
  ];
  const x0 = Math.floor(Math.min(...c.map((p) => p[0])) / res) * res;
  const y1 = Math.ceil(Math.max(...c.map((p) => p[1])) / res) * res;
  const width = Math.ceil((Math.max(...c.map((p) => p[0])) - x0) / res);
  const height = Math.ceil((y1 - Math.min(...c.map((p) => p[1]))) / res);
  const data = new Float32Array(width * height);
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++) {
      const [lon, lat] = toLL.forward([x0 + (i + 0.5) * res, y1 - (j + 0.5) * res]);
      data[j * width + i] = terrain(lon, lat);
    }
  const chunks = writeCog({
    width,
    height,
    dataType: 'float32',
    nodata: -32768,
    geo: { epsg: 32642, transform: [x0, res, 0, y1, 0, -res] },
    data: [data],
    compress: deflate,
  });
  writeFileSync(file, Buffer.concat(chunks));
}

/** A lon/lat box around the model's image with a margin (degrees). */
export function sceneBox(m: RpcModel, margin = 0.02): [number, number, number, number] {
  return [
    m.longOff - m.longScale * 1.3 - margin,
    m.latOff - m.latScale * 1.3 - margin,
    m.longOff + m.longScale * 1.3 + margin,
    m.latOff + m.latScale * 1.3 + margin,
  ];
}

export const PRODUCT = 'GF1_WFV1_E68.0_N26.5_20220830_L1A0001234567';

export function packageXml(extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ProductMetaData>
  <SatelliteID>GF1</SatelliteID>
  <SensorID>WFV1</SensorID>
  <ProductLevel>LEVEL1A</ProductLevel>
  <CenterTime>2022-08-30 05:40:00</CenterTime>
  <CloudPercent>4</CloudPercent>
  <SolarZenith>25.5</SolarZenith>
  <SolarAzimuth>120.1</SolarAzimuth>
  <TopLeftLatitude>26.54</TopLeftLatitude><TopLeftLongitude>67.96</TopLeftLongitude>
  <TopRightLatitude>26.54</TopRightLatitude><TopRightLongitude>68.04</TopRightLongitude>
  <BottomRightLatitude>26.46</BottomRightLatitude><BottomRightLongitude>68.04</BottomRightLongitude>
  <BottomLeftLatitude>26.46</BottomLeftLatitude><BottomLeftLongitude>67.96</BottomLeftLongitude>
  ${extra}
</ProductMetaData>
`;
}

/** A package folder <dir>/<PRODUCT>/ with the raw TIFF, its .rpb and XML. */
export function writePackage(
  dir: string,
  w: number,
  h: number,
  opts: { rpb?: string | null; xml?: string } = {},
): string {
  const pkg = path.join(dir, PRODUCT);
  mkdirSync(pkg, { recursive: true });
  writeRawTiff(path.join(pkg, `${PRODUCT}.tiff`), w, h, 4);
  const rpb = opts.rpb === undefined ? formatRpb(syntheticModel(w, h)) : opts.rpb;
  if (rpb !== null) writeFileSync(path.join(pkg, `${PRODUCT}.rpb`), rpb);
  writeFileSync(path.join(pkg, `${PRODUCT}.xml`), opts.xml ?? packageXml());
  return pkg;
}
