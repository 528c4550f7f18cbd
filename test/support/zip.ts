/** Zips files (by base name) with fflate, so tests need no `zip` binary. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

export function zipFiles(out: string, files: string[]): string {
  writeFileSync(
    out,
    zipSync(Object.fromEntries(files.map((f) => [path.basename(f), new Uint8Array(readFileSync(f))]))),
  );
  return out;
}
