/**
 * COG file assembly: TIFF/BigTIFF header, GDAL's ghost header, every IFD (full resolution first,
 * then overviews) with their out-of-line values, then tile data from the smallest overview to full
 * resolution, band by band, tiles in row-major order, each framed by a 4-byte size leader and a
 * 4-byte trailer repeating its last 4 bytes — the layout of GDAL's COG driver
 * (https://gdal.org/drivers/raster/cog.html, "Header ghost area").
 */
import { type CogLayout, isFloat } from './layout';

/** One stored tile: level (0 = full res), band (plane) and row-major tile index within the level. */
export interface TileSlot {
  level: number;
  band: number;
  index: number;
}

/** Ghost header exactly as GDAL writes it (gtiffdataset_write.cpp), without the mask line. */
export function ghostHeader(): Uint8Array {
  const body =
    'LAYOUT=IFDS_BEFORE_DATA\n' +
    'BLOCK_ORDER=ROW_MAJOR\n' +
    'BLOCK_LEADER=SIZE_AS_UINT4\n' +
    'BLOCK_TRAILER=LAST_4_BYTES_REPEATED\n' +
    'KNOWN_INCOMPATIBLE_EDITION=NO\n' +
    ' ';
  const text = `GDAL_STRUCTURAL_METADATA_SIZE=${String(body.length).padStart(6, '0')} bytes\n${body}`;
  return asciiBytes(text, false);
}

function asciiBytes(s: string, nul: boolean): Uint8Array {
  const out = new Uint8Array(s.length + (nul ? 1 : 0));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 128 ? c : 63;
  }
  return out;
}

/** Tile slots in file order: smallest overview first, band by band, row-major. */
export function tileOrder(layout: CogLayout): TileSlot[] {
  const out: TileSlot[] = [];
  for (let l = layout.levels.length - 1; l >= 0; l--) {
    const lv = layout.levels[l];
    for (let b = 0; b < layout.bands; b++) {
      for (let i = 0; i < lv.tilesPerBand; i++) out.push({ level: l, band: b, index: i });
    }
  }
  return out;
}

// TIFF field types.
const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const DOUBLE = 12;
const LONG8 = 16;
const TYPE_SIZE: Record<number, number> = { 2: 1, 3: 2, 4: 4, 12: 8, 16: 8 };

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Values; for ASCII a string. Offsets filled late for TileOffsets. */
  values: number[] | string;
}

function sampleFormat(layout: CogLayout): number {
  if (isFloat(layout.dataType)) return 3;
  return layout.dataType === 'int16' ? 2 : 1;
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function gdalMetadataXml(layout: CogLayout): string | null {
  const items: string[] = [];
  for (const [k, v] of Object.entries(layout.metadata ?? {})) {
    items.push(`  <Item name="${xmlEscape(k)}">${xmlEscape(v)}</Item>`);
  }
  (layout.bandMetadata ?? []).forEach((b, i) => {
    if (b.offset !== undefined)
      items.push(`  <Item name="OFFSET" sample="${i}" role="offset">${formatNumber(b.offset)}</Item>`);
    if (b.scale !== undefined)
      items.push(`  <Item name="SCALE" sample="${i}" role="scale">${formatNumber(b.scale)}</Item>`);
    if (b.description !== undefined)
      items.push(
        `  <Item name="DESCRIPTION" sample="${i}" role="description">${xmlEscape(b.description)}</Item>`,
      );
  });
  if (items.length === 0) return null;
  return `<GDALMetadata>\n${items.join('\n')}\n</GDALMetadata>\n`;
}

function geoEntries(layout: CogLayout): Entry[] {
  const geo = layout.geo;
  if (!geo) return [];
  const [x0, a, b, y0, d, e] = geo.transform;
  const entries: Entry[] = [];
  if (b === 0 && d === 0) {
    entries.push({ tag: 33550, type: DOUBLE, count: 3, values: [a, -e, 0] });
    entries.push({ tag: 33922, type: DOUBLE, count: 6, values: [0, 0, 0, x0, y0, 0] });
  } else {
    entries.push({
      tag: 34264,
      type: DOUBLE,
      count: 16,
      values: [a, b, 0, x0, d, e, 0, y0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
  }
  // GeoKeyDirectory: version 1.1.0; GTModelType, GTRasterType = PixelIsArea, then the CRS key.
  const keys: number[][] = [
    [1024, 0, 1, geo.geographic ? 2 : 1],
    [1025, 0, 1, 1],
  ];
  if (geo.geographic) keys.push([2048, 0, 1, geo.epsg]);
  else keys.push([3072, 0, 1, geo.epsg]);
  const dir = [1, 1, 0, keys.length, ...keys.flat()];
  entries.push({ tag: 34735, type: SHORT, count: dir.length, values: dir });
  return entries;
}

function ifdEntries(layout: CogLayout, level: number, tileOffsets: number[], byteCounts: number[]): Entry[] {
  const lv = layout.levels[level];
  const n = layout.bands;
  const bits = layout.bytesPerSample * 8;
  const entries: Entry[] = [];
  if (level > 0) entries.push({ tag: 254, type: LONG, count: 1, values: [1] });
  entries.push({ tag: 256, type: LONG, count: 1, values: [lv.width] });
  entries.push({ tag: 257, type: LONG, count: 1, values: [lv.height] });
  entries.push({ tag: 258, type: SHORT, count: n, values: new Array(n).fill(bits) });
  entries.push({ tag: 259, type: SHORT, count: 1, values: [layout.compression === 'deflate' ? 8 : 1] });
  entries.push({ tag: 262, type: SHORT, count: 1, values: [1] });
  entries.push({ tag: 277, type: SHORT, count: 1, values: [n] });
  entries.push({ tag: 284, type: SHORT, count: 1, values: [n > 1 ? 2 : 1] });
  if (layout.predictor !== 1) entries.push({ tag: 317, type: SHORT, count: 1, values: [layout.predictor] });
  entries.push({ tag: 322, type: SHORT, count: 1, values: [layout.tileSize] });
  entries.push({ tag: 323, type: SHORT, count: 1, values: [layout.tileSize] });
  entries.push({
    tag: 324,
    type: layout.bigTiff ? LONG8 : LONG,
    count: tileOffsets.length,
    values: tileOffsets,
  });
  entries.push({ tag: 325, type: LONG, count: byteCounts.length, values: byteCounts });
  if (n > 1) entries.push({ tag: 338, type: SHORT, count: n - 1, values: new Array(n - 1).fill(0) });
  entries.push({ tag: 339, type: SHORT, count: n, values: new Array(n).fill(sampleFormat(layout)) });
  if (level === 0) {
    entries.push(...geoEntries(layout));
    const xml = gdalMetadataXml(layout);
    if (xml) entries.push({ tag: 42112, type: ASCII, count: xml.length + 1, values: xml });
  }
  if (layout.nodata !== null) {
    const s = formatNumber(layout.nodata);
    entries.push({ tag: 42113, type: ASCII, count: s.length + 1, values: s });
  }
  entries.sort((p, q) => p.tag - q.tag);
  return entries;
}

function valueBytes(e: Entry): number {
  return e.count * TYPE_SIZE[e.type];
}

/** Size of one IFD block: directory plus its out-of-line values (each word-aligned). */
function ifdSize(entries: Entry[], big: boolean): number {
  const inline = big ? 8 : 4;
  let size = big ? 8 + entries.length * 20 + 8 : 2 + entries.length * 12 + 4;
  for (const e of entries) {
    const vb = valueBytes(e);
    if (vb > inline) size += vb + (vb % 2);
  }
  return size;
}

function writeValues(dv: DataView, pos: number, e: Entry): void {
  if (typeof e.values === 'string') {
    for (let i = 0; i < e.values.length; i++) dv.setUint8(pos + i, e.values.charCodeAt(i) & 0x7f);
    dv.setUint8(pos + e.values.length, 0);
    return;
  }
  const vals = e.values;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    switch (e.type) {
      case SHORT:
        dv.setUint16(pos + i * 2, v, true);
        break;
      case LONG:
        dv.setUint32(pos + i * 4, v, true);
        break;
      case DOUBLE:
        dv.setFloat64(pos + i * 8, v, true);
        break;
      case LONG8:
        dv.setBigUint64(pos + i * 8, BigInt(v), true);
        break;
    }
  }
}

function writeIfd(dv: DataView, start: number, entries: Entry[], big: boolean, next: number): void {
  const inline = big ? 8 : 4;
  let p = start;
  if (big) {
    dv.setBigUint64(p, BigInt(entries.length), true);
    p += 8;
  } else {
    dv.setUint16(p, entries.length, true);
    p += 2;
  }
  let extra = start + (big ? 8 + entries.length * 20 + 8 : 2 + entries.length * 12 + 4);
  for (const e of entries) {
    dv.setUint16(p, e.tag, true);
    dv.setUint16(p + 2, e.type, true);
    if (big) dv.setBigUint64(p + 4, BigInt(e.count), true);
    else dv.setUint32(p + 4, e.count, true);
    const vp = p + (big ? 12 : 8);
    const vb = valueBytes(e);
    if (vb <= inline) {
      writeValues(dv, vp, e);
    } else {
      if (big) dv.setBigUint64(vp, BigInt(extra), true);
      else dv.setUint32(vp, extra, true);
      writeValues(dv, extra, e);
      extra += vb + (vb % 2);
    }
    p += big ? 20 : 12;
  }
  if (big) dv.setBigUint64(p, BigInt(next), true);
  else dv.setUint32(p, next, true);
}

export interface CogHeader {
  /** Header + ghost area + all IFDs; tile data starts right after it. */
  header: Uint8Array;
  /** Tile slots in the order their framed bytes must follow the header. */
  order: TileSlot[];
  /** Total file size in bytes. */
  totalBytes: number;
  bigTiff: boolean;
}

/** Leader and trailer framing around each tile (4 bytes each). */
export const TILE_FRAME_BYTES = 8;

/**
 * Build the header and IFDs once every tile's compressed size is known. `byteCount(slot)` returns
 * the stored size of a tile (excluding leader/trailer). The caller then writes, for each slot of
 * `order`, the framed tile: `frameTile(bytes)` (leader, bytes, trailer).
 */
export function buildCogHeader(layout: CogLayout, byteCount: (slot: TileSlot) => number): CogHeader {
  const order = tileOrder(layout);
  let dataBytes = 0;
  const counts = new Map<string, number>();
  for (const s of order) {
    const c = byteCount(s);
    if (!Number.isInteger(c) || c < 4)
      throw new Error(`COG: tile ${s.level}/${s.band}/${s.index} has size ${c}`);
    counts.set(`${s.level}/${s.band}/${s.index}`, c);
    dataBytes += c + TILE_FRAME_BYTES;
  }
  const attempt = (big: boolean): CogHeader | null => {
    const layoutB = { ...layout, bigTiff: big };
    const ghost = ghostHeader();
    let pos = (big ? 16 : 8) + ghost.length;
    pos += pos % 2;
    const firstIfd = pos;
    // Sizes do not depend on offset values, so plan with zeros first.
    const perLevel = layout.levels.map((lv) => {
      const zeros = new Array(lv.tilesPerBand * layout.bands).fill(0);
      return ifdEntries(layoutB, lv.level, zeros, zeros);
    });
    const ifdStarts: number[] = [];
    for (const entries of perLevel) {
      ifdStarts.push(pos);
      pos += ifdSize(entries, big);
    }
    const headerLen = pos;
    const total = headerLen + dataBytes;
    if (!big && total > 0xffffffff) return null;
    // Tile offsets in file order.
    const offsets = layout.levels.map((lv) => new Array<number>(lv.tilesPerBand * layout.bands).fill(0));
    const sizes = layout.levels.map((lv) => new Array<number>(lv.tilesPerBand * layout.bands).fill(0));
    let p = headerLen;
    for (const s of order) {
      const c = counts.get(`${s.level}/${s.band}/${s.index}`)!;
      const k = s.band * layout.levels[s.level].tilesPerBand + s.index;
      offsets[s.level][k] = p + 4;
      sizes[s.level][k] = c;
      p += c + TILE_FRAME_BYTES;
    }
    const header = new Uint8Array(headerLen);
    const dv = new DataView(header.buffer);
    header[0] = 0x49;
    header[1] = 0x49;
    if (big) {
      dv.setUint16(2, 43, true);
      dv.setUint16(4, 8, true);
      dv.setUint16(6, 0, true);
      dv.setBigUint64(8, BigInt(firstIfd), true);
      header.set(ghost, 16);
    } else {
      dv.setUint16(2, 42, true);
      dv.setUint32(4, firstIfd, true);
      header.set(ghost, 8);
    }
    layout.levels.forEach((lv, i) => {
      const entries = ifdEntries(layoutB, lv.level, offsets[i], sizes[i]);
      const next = i + 1 < ifdStarts.length ? ifdStarts[i + 1] : 0;
      writeIfd(dv, ifdStarts[i], entries, big, next);
    });
    return { header, order, totalBytes: total, bigTiff: big };
  };
  return (layout.bigTiff ? null : attempt(false)) ?? attempt(true)!;
}

/** The 4-byte little-endian size leader of a tile. */
export function tileLeader(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  return out;
}

/** The 4-byte trailer: the tile's last 4 bytes repeated. */
export function tileTrailer(bytes: Uint8Array): Uint8Array {
  return bytes.slice(bytes.length - 4);
}

/** Leader, bytes and trailer, ready to be written after the header in `order`. */
export function frameTile(bytes: Uint8Array): Uint8Array[] {
  return [tileLeader(bytes), bytes, tileTrailer(bytes)];
}

/**
 * Collects compressed tiles in any order (e.g. from worker threads), then emits the whole file as
 * chunks. Holds the compressed tiles in memory; for outputs too big for that, spool tiles yourself
 * and use buildCogHeader + frameTile.
 */
export class CogAssembler {
  private readonly tiles = new Map<string, Uint8Array>();
  constructor(readonly layout: CogLayout) {}

  addTile(level: number, band: number, index: number, bytes: Uint8Array): void {
    const lv = this.layout.levels[level];
    if (!lv || band < 0 || band >= this.layout.bands || index < 0 || index >= lv.tilesPerBand) {
      throw new Error(`COG: no tile slot ${level}/${band}/${index}`);
    }
    this.tiles.set(`${level}/${band}/${index}`, bytes);
  }

  get missing(): number {
    let n = 0;
    for (const lv of this.layout.levels) n += lv.tilesPerBand * this.layout.bands;
    return n - this.tiles.size;
  }

  /** Header first, then framed tiles. Throws if a tile is missing. */
  finish(): Uint8Array[] {
    const get = (s: TileSlot): Uint8Array => {
      const t = this.tiles.get(`${s.level}/${s.band}/${s.index}`);
      if (!t) throw new Error(`COG: tile ${s.level}/${s.band}/${s.index} was never added`);
      return t;
    };
    const head = buildCogHeader(this.layout, (s) => get(s).length);
    const chunks: Uint8Array[] = [head.header];
    for (const s of head.order) chunks.push(...frameTile(get(s)));
    return chunks;
  }
}
