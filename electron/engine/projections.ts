/**
 * The EPSG registry for Node (host, CLI, engine workers): the epsg-index package keeps one small JSON
 * file per code (name, WKT, proj4); a code is read from disk the first time it is asked for and
 * cached by shared/proj. Importing this module installs the loader.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setProjectionLoader } from '../../shared/proj';

let dir: string | null | undefined;

function indexDir(): string | null {
  if (dir === undefined) {
    try {
      // In the esbuild CJS bundle import.meta is empty and __filename is set; under tsx, the reverse.
      const from = typeof __filename === 'string' ? __filename : import.meta.url;
      dir = join(dirname(createRequire(from).resolve('epsg-index/package.json')), 's');
    } catch {
      dir = null;
    }
  }
  return dir;
}

export function loadEpsg(epsg: number): readonly [string, string] | null {
  const d = indexDir();
  if (!d || !Number.isInteger(epsg) || epsg <= 0) return null;
  try {
    const rec = JSON.parse(readFileSync(join(d, `${epsg}.json`), 'utf8')) as {
      name?: string;
      proj4?: string;
    };
    if (!rec.proj4) return null;
    // "+type=crs" is PROJ's marker for a CRS object; proj4js does not need it.
    return [rec.name ?? `EPSG:${epsg}`, rec.proj4.replace(/\s*\+type=crs\b/, '').trim()];
  } catch {
    return null;
  }
}

setProjectionLoader(loadEpsg);
