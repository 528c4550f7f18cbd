/**
 * An independent, minimal TIFF/BigTIFF structure reader for tests: IFD offsets and the tile
 * offset/byte-count arrays, plus the checks of GDAL's validate_cloud_optimized_geotiff.py
 * (ported: ghost header, IFD order, data order, block leader/trailer, row-major order).
 */
export interface Ifd {
  offset: number;
  tags: Map<number, number[]>;
}

const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  16: 8,
  17: 8,
  18: 8,
};

function readValue(dv: DataView, pos: number, type: number): number {
  switch (type) {
    case 1:
    case 2:
    case 7:
      return dv.getUint8(pos);
    case 3:
      return dv.getUint16(pos, true);
    case 4:
      return dv.getUint32(pos, true);
    case 12:
      return dv.getFloat64(pos, true);
    case 16:
      return Number(dv.getBigUint64(pos, true));
    default:
      return Number.NaN;
  }
}

export function readIfds(bytes: Uint8Array): { bigTiff: boolean; ifds: Ifd[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint16(0, true) !== 0x4949) throw new Error('not a little-endian TIFF');
  const magic = dv.getUint16(2, true);
  const big = magic === 43;
  if (!big && magic !== 42) throw new Error(`bad magic ${magic}`);
  let next = big ? Number(dv.getBigUint64(8, true)) : dv.getUint32(4, true);
  const ifds: Ifd[] = [];
  while (next !== 0) {
    const offset = next;
    const n = big ? Number(dv.getBigUint64(offset, true)) : dv.getUint16(offset, true);
    const tags = new Map<number, number[]>();
    let p = offset + (big ? 8 : 2);
    for (let i = 0; i < n; i++) {
      const tag = dv.getUint16(p, true);
      const type = dv.getUint16(p + 2, true);
      const count = big ? Number(dv.getBigUint64(p + 4, true)) : dv.getUint32(p + 4, true);
      const size = (TYPE_SIZE[type] ?? 1) * count;
      const inline = big ? 8 : 4;
      const vp = p + (big ? 12 : 8);
      const at = size <= inline ? vp : big ? Number(dv.getBigUint64(vp, true)) : dv.getUint32(vp, true);
      const values: number[] = [];
      if (type !== 2)
        for (let k = 0; k < count; k++) values.push(readValue(dv, at + k * TYPE_SIZE[type], type));
      tags.set(tag, values);
      p += big ? 20 : 12;
    }
    ifds.push({ offset, tags });
    next = big ? Number(dv.getBigUint64(p, true)) : dv.getUint32(p, true);
  }
  return { bigTiff: big, ifds };
}

/** Errors found by the ported COG checks (empty = valid). */
export function cogErrors(bytes: Uint8Array): string[] {
  const errors: string[] = [];
  const { bigTiff, ifds } = readIfds(bytes);
  const text = new TextDecoder('latin1');
  let expected = bigTiff ? 16 : 8;
  const pattern = 'GDAL_STRUCTURAL_METADATA_SIZE=000000 bytes\n';
  const head = text.decode(bytes.subarray(expected, expected + pattern.length));
  if (!head.startsWith('GDAL_STRUCTURAL_METADATA_SIZE=')) return ['no GDAL ghost header'];
  const size = Number(
    head.slice('GDAL_STRUCTURAL_METADATA_SIZE='.length, 'GDAL_STRUCTURAL_METADATA_SIZE='.length + 6),
  );
  const md = text.decode(bytes.subarray(expected + pattern.length, expected + pattern.length + size));
  for (const k of [
    'LAYOUT=IFDS_BEFORE_DATA',
    'BLOCK_ORDER=ROW_MAJOR',
    'BLOCK_LEADER=SIZE_AS_UINT4',
    'BLOCK_TRAILER=LAST_4_BYTES_REPEATED',
    'KNOWN_INCOMPATIBLE_EDITION=NO',
  ]) {
    if (!md.includes(k)) errors.push(`ghost header lacks ${k}`);
  }
  expected += pattern.length + size;
  expected += expected % 2;
  if (ifds[0].offset !== expected) errors.push(`main IFD at ${ifds[0].offset}, expected ${expected}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const firstData: number[] = [];
  ifds.forEach((ifd, i) => {
    if (i > 0 && ifd.offset < ifds[i - 1].offset) errors.push(`IFD ${i} before IFD ${i - 1}`);
    if (i > 0) {
      const w = ifd.tags.get(256)![0];
      const pw = ifds[i - 1].tags.get(256)![0];
      if (w > pw) errors.push(`overview ${i} wider than its parent`);
      if (ifd.tags.get(254)?.[0] !== 1) errors.push(`overview ${i} lacks NewSubfileType=1`);
    }
    const offsets = ifd.tags.get(324) ?? [];
    const counts = ifd.tags.get(325) ?? [];
    if (offsets.length === 0) errors.push(`IFD ${i} is not tiled`);
    firstData.push(offsets[0]);
    const planes = ifd.tags.get(284)?.[0] === 2 ? (ifd.tags.get(277)?.[0] ?? 1) : 1;
    const perPlane = offsets.length / planes;
    for (let pl = 0; pl < planes; pl++) {
      let last = 0;
      for (let t = 0; t < perPlane; t++) {
        const k = pl * perPlane + t;
        const off = offsets[k];
        const count = counts[k];
        if (off < last) errors.push(`IFD ${i} plane ${pl} tile ${t} not in row-major order`);
        last = off;
        if (dv.getUint32(off - 4, true) !== count) errors.push(`IFD ${i} tile ${k}: bad leader`);
        for (let b = 0; b < 4; b++) {
          if (bytes[off + count - 4 + b] !== bytes[off + count + b]) {
            errors.push(`IFD ${i} tile ${k}: bad trailer`);
            break;
          }
        }
        if (off + count + 4 > bytes.length) errors.push(`IFD ${i} tile ${k} beyond the end of file`);
      }
    }
  });
  const lastIfd = ifds[ifds.length - 1].offset;
  if (firstData[firstData.length - 1] < lastIfd) errors.push('smallest overview data before its IFD');
  for (let i = firstData.length - 2; i >= 0; i--) {
    if (firstData[i] < firstData[i + 1]) errors.push(`data of level ${i} before data of level ${i + 1}`);
  }
  return errors;
}
