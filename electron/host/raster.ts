/**
 * The raster endpoint shared by both hosts: GET /raster?href=<file:// or http(s):// URL> with
 * HTTP Range. Local files are read only inside configured sources; remote assets go through the
 * range cache so a scene looked at once can be looked at again offline.
 */
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NigahError } from '../../shared/errors';

export interface RasterBackend {
  /** True when a local file may be served (inside an enabled source or the sample data). */
  allowFile(path: string): Promise<boolean>;
  /** Bytes [start, end] of a remote asset, through the cache; end undefined = to the end. */
  readRemote(href: string, start: number, end?: number): Promise<{ bytes: Uint8Array; totalSize: number }>;
}

export interface RasterReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Parses "bytes=a-b", "bytes=a-" and "bytes=-n"; null = whole file; throws on unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number | undefined,
): [number, number | undefined] | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (size === undefined) throw new NigahError('BAD_ARGUMENT', 'Suffix ranges need a known size.');
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? undefined : Number(m[2]);
  if (end !== undefined && end < start) throw new NigahError('BAD_ARGUMENT', `Bad range ${header}.`);
  return [start, end];
}

const MAX_CHUNK = 64 * 1024 * 1024;

export async function serveRaster(
  href: string,
  rangeHeader: string | undefined,
  backend: RasterBackend,
): Promise<RasterReply> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new NigahError('BAD_ARGUMENT', `"${href}" is not a file or http(s) URL.`);
  }
  const common = { 'accept-ranges': 'bytes', 'content-type': 'image/tiff', 'cache-control': 'no-store' };
  if (url.protocol === 'file:') {
    const file = fileURLToPath(url);
    if (!(await backend.allowFile(file)))
      throw new NigahError(
        'OUTSIDE_ROOT',
        `Refused to read ${file}: it is outside every configured source.`,
        {
          hint: 'Add its folder as a source in Settings → Sources.',
        },
      );
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch {
      throw new NigahError('NOT_FOUND', `The file ${file} is missing.`, {
        hint: 'It may have been moved or deleted; refresh the scene list.',
      });
    }
    try {
      const size = (await handle.stat()).size;
      const range = parseRange(rangeHeader, size);
      const start = range ? range[0] : 0;
      const end = Math.min(range?.[1] ?? size - 1, size - 1, start + MAX_CHUNK - 1);
      if (start >= size)
        return {
          status: 416,
          headers: { ...common, 'content-range': `bytes */${size}` },
          body: new Uint8Array(0),
        };
      const body = new Uint8Array(end - start + 1);
      await handle.read(body, 0, body.length, start);
      if (!range && end === size - 1) return { status: 200, headers: { ...common }, body };
      return { status: 206, headers: { ...common, 'content-range': `bytes ${start}-${end}/${size}` }, body };
    } finally {
      await handle.close();
    }
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const range = parseRange(rangeHeader, undefined);
    const start = range ? range[0] : 0;
    const { bytes, totalSize } = await backend.readRemote(href, start, range?.[1]);
    const end = start + bytes.length - 1;
    if (!range) return { status: 200, headers: { ...common }, body: bytes };
    return {
      status: 206,
      headers: { ...common, 'content-range': `bytes ${start}-${end}/${totalSize}` },
      body: bytes,
    };
  }
  throw new NigahError('BAD_ARGUMENT', `Unsupported URL scheme ${url.protocol} for a raster.`);
}
