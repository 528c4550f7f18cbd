/**
 * Product packages in .tar / .tar.gz, read as a stream with tar-stream (over Node's zlib for .gz):
 * lists members and keeps only the ones asked for, so metadata is found without writing pixels
 * anywhere, and stops reading once the caller has what it needs.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { NigahError } from '../../shared/errors';

export interface TarMember {
  name: string;
  size: number;
}

interface ScanOptions {
  /** Members whose content is wanted (kept in memory; keep them small). */
  want: (name: string, size: number) => boolean;
  /** Stop reading once this returns true (e.g. metadata found). */
  done?: (members: TarMember[], got: Map<string, Uint8Array>) => boolean;
  /** Stream a member to a sink instead of memory. */
  sink?: (name: string) => NodeJS.WritableStream | null;
}

function isGzip(file: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(file);
}

function damaged(file: string, e: unknown): NigahError {
  return new NigahError('CORRUPT_TIFF', `${file} is not a complete tar archive (${(e as Error).message}).`, {
    hint: 'The package download is incomplete or damaged: download it again.',
    details: { file },
    cause: e,
  });
}

/** Walks the members of a .tar/.tar.gz, calling back as described in ScanOptions. */
export async function scanTar(
  file: string,
  opts: ScanOptions,
): Promise<{ members: TarMember[]; got: Map<string, Uint8Array> }> {
  const members: TarMember[] = [];
  const got = new Map<string, Uint8Array>();
  const input = createReadStream(file);
  const extract = tarExtract();
  const feeding = (isGzip(file) ? pipeline(input, createGunzip(), extract) : pipeline(input, extract)).catch(
    (e: unknown) => e,
  );
  try {
    for await (const entry of extract) {
      const { name, size = 0, type } = entry.header;
      if (type !== 'file' && type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      members.push({ name, size });
      const sink = opts.sink?.(name) ?? null;
      if (sink) await pipeline(entry, sink);
      else if (opts.want(name, size)) {
        const parts: Buffer[] = [];
        for await (const chunk of entry) parts.push(chunk as Buffer);
        got.set(name, new Uint8Array(Buffer.concat(parts)));
      } else entry.resume();
      if (opts.done?.(members, got)) break;
    }
  } catch (e) {
    throw e instanceof NigahError ? e : damaged(file, e);
  } finally {
    input.destroy();
  }
  const failed = await Promise.race([feeding, Promise.resolve(undefined)]);
  if (failed instanceof Error && !/premature close/i.test(failed.message)) throw damaged(file, failed);
  return { members, got };
}

/** Extracts one member to `dest` (temp file + rename). */
export async function extractMember(file: string, member: string, dest: string): Promise<void> {
  const tmp = `${dest}.${process.pid}.part`;
  let found = false;
  try {
    await scanTar(file, {
      want: () => false,
      sink: (name) => {
        if (name !== member) return null;
        found = true;
        return createWriteStream(tmp);
      },
      done: () => found,
    });
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  if (!found) {
    throw new NigahError('NOT_FOUND', `${member} is not in ${file}.`, { details: { file, member } });
  }
  await rename(tmp, dest);
}
