/** Node helpers for the sample-data generator: atomic writes, COG encoding with zlib, hashing. */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { concatChunks, type WriteCogOptions, writeCog } from '../../shared/tiff';

/** Write a file atomically: temp file in the same folder, then rename over the target. */
export function writeAtomic(target: string, data: string | Uint8Array | Uint8Array[]): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    const bytes = typeof data === 'string' ? data : Array.isArray(data) ? concatChunks(data) : data;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** DEFLATE at level 9: sample data is written once and shipped, so size matters more than time. */
export const deflate9 = (raw: Uint8Array): Uint8Array => deflateSync(raw, { level: 9, memLevel: 9 });

export function writeCogFile(target: string, opts: Omit<WriteCogOptions, 'compress'>): void {
  writeAtomic(target, writeCog({ ...opts, compress: deflate9 }));
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Stable JSON: two-space indentation and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
