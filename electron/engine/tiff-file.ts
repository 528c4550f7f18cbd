/**
 * Local GeoTIFF directories for the engine, through the one reader (shared/tiff/read): the host
 * supplies synchronous file reads, so worker threads and synchronous callers get the directory (tile
 * offsets included) without an event-loop turn.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { NigahError } from '../../shared/errors';
import { readDirectory, type TiffFile } from '../../shared/tiff/read';
import './projections';

export type { TiffFile, TiffImage } from '../../shared/tiff/read';

/** Reads the directory of a local TIFF. Throws CORRUPT_TIFF / NOT_FOUND with the path. */
export function readTiffFile(path: string): TiffFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new NigahError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INTERNAL',
      `Cannot open ${path}: ${(e as Error).message}`,
      { hint: 'Check the path.', cause: e },
    );
  }
  try {
    return readDirectory((offset, length) => {
      const buf = new Uint8Array(length);
      const n = readSync(fd, buf, 0, length, offset);
      return n < length ? buf.subarray(0, n) : buf;
    }, path);
  } finally {
    closeSync(fd);
  }
}
