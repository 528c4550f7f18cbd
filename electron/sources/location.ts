/** Source locations: a path, a file:// URL or an http(s) URL, read the same way. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NigahError } from '../../shared/errors';
import { fetchJson, type HttpOptions, parseJsonBytes } from './http';

export function isHttp(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

/** Absolute href for a location: http(s) URLs as they are, paths as file:// URLs. */
export function toHref(location: string): string {
  if (isHttp(location) || location.startsWith('file://')) return location;
  return pathToFileURL(path.resolve(location)).href;
}

export function hrefToPath(href: string): string {
  return href.startsWith('file://') ? fileURLToPath(href) : href;
}

export async function readJson(href: string, opts: HttpOptions = {}): Promise<unknown> {
  if (isHttp(href)) return fetchJson(href, opts);
  const p = hrefToPath(href);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(p);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT')
      throw new NigahError('NOT_FOUND', `${p} does not exist.`, {
        hint: 'Check the path in Settings → Sources.',
        details: { href },
      });
    throw e;
  }
  return parseJsonBytes(bytes, p);
}
