/**
 * RPCs carried inside a TIFF: GDAL's RPCCoefficientTag (50844, 92 doubles, what GDAL writes for
 * GTiff) read from the first IFD, else the RPC metadata domain of GDAL_METADATA (LINE_OFF …).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type RpcModel, rpcFromItems, rpcFromTag } from '../../shared/rpc';
import { tiffOf } from './scene-input';

const RPC_TAG = 50844;

function readAt(fd: number, offset: number, length: number): DataView {
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, offset);
  return new DataView(buf.buffer, buf.byteOffset, length);
}

/** The 92 doubles of tag 50844 in the first IFD, or null. */
function rpcTagValues(path: string): number[] | null {
  const fd = openSync(path, 'r');
  try {
    const head = readAt(fd, 0, 16);
    const le = head.getUint16(0, false) === 0x4949;
    const big = head.getUint16(2, le) === 43;
    const ifd = big ? Number(head.getBigUint64(8, le)) : head.getUint32(4, le);
    const count = big ? Number(readAt(fd, ifd, 8).getBigUint64(0, le)) : readAt(fd, ifd, 2).getUint16(0, le);
    const entry = big ? 20 : 12;
    const entries = readAt(fd, ifd + (big ? 8 : 2), count * entry);
    for (let i = 0; i < count; i++) {
      const e = i * entry;
      if (entries.getUint16(e, le) !== RPC_TAG) continue;
      const type = entries.getUint16(e + 2, le);
      const n = big ? Number(entries.getBigUint64(e + 4, le)) : entries.getUint32(e + 4, le);
      if (type !== 12 || n !== 92) return null;
      const off = big ? Number(entries.getBigUint64(e + 12, le)) : entries.getUint32(e + 8, le);
      const v = readAt(fd, off, n * 8);
      return Array.from({ length: n }, (_, k) => v.getFloat64(k * 8, le));
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The TIFF's own RPC model, or null when it carries none. */
export function tiffRpc(path: string): RpcModel | null {
  const tag = rpcTagValues(path);
  if (tag) return rpcFromTag(tag, `${path} (RPCCoefficientTag)`);
  const md = tiffOf(path).metadata;
  if (md.LINE_OFF !== undefined || md.LINE_NUM_COEFF !== undefined)
    return rpcFromItems(md, `${path} (GDAL_METADATA RPC domain)`);
  return null;
}
