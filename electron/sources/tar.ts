/**
 * A small streaming tar(.gz) reader (ustar + GNU long names + pax path) over Node's zlib: lists
 * members and keeps only the ones asked for, so metadata is found without writing pixels anywhere.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
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

function cstr(b: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(off, end));
}

function octal(b: Uint8Array, off: number, len: number): number {
  if (b[off] & 0x80) {
    // GNU base-256 for big sizes.
    let v = 0;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + b[i];
    return v;
  }
  const s = cstr(b, off, len).trim();
  return s ? Number.parseInt(s, 8) : 0;
}

function isGzip(file: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(file);
}

/** Walks the members of a .tar/.tar.gz, calling back as described in ScanOptions. */
export async function scanTar(
  file: string,
  opts: ScanOptions,
): Promise<{ members: TarMember[]; got: Map<string, Uint8Array> }> {
  const members: TarMember[] = [];
  const got = new Map<string, Uint8Array>();
  const input = createReadStream(file);
  const stream = isGzip(file) ? input.pipe(createGunzip()) : input;
  let buf: Uint8Array = new Uint8Array(0);
  let state = 'header' as 'header' | 'body' | 'pad';
  let name = '';
  let remaining = 0;
  let pad = 0;
  let longName: string | null = null;
  let collect: Uint8Array[] | null = null;
  let sink: NodeJS.WritableStream | null = null;
  let kind = '0';
  let zeroBlocks = 0;
  const finishBody = async (): Promise<void> => {
    if (kind === 'L' && collect) longName = cstr(concat(collect), 0, 1 << 20);
    else if (kind === 'x' && collect) {
      const m = /\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(concat(collect)));
      if (m) longName = m[1];
    } else if (collect) got.set(name, concat(collect));
    if (sink) {
      const s = sink;
      await new Promise<void>((res, rej) => {
        s.once('error', rej);
        s.end(() => res());
      });
    }
    collect = null;
    sink = null;
  };
  try {
    outer: for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = buf.length ? concat([buf, new Uint8Array(chunk)]) : new Uint8Array(chunk);
      let pos = 0;
      while (true) {
        if (state === 'header') {
          if (buf.length - pos < 512) break;
          const h = buf.subarray(pos, pos + 512);
          pos += 512;
          if (h.every((x) => x === 0)) {
            if (++zeroBlocks >= 2) break outer;
            continue;
          }
          zeroBlocks = 0;
          const size = octal(h, 124, 12);
          kind = String.fromCharCode(h[156] || 48);
          const prefix = cstr(h, 257, 6) === 'ustar' ? cstr(h, 345, 155) : '';
          name = longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
          if (kind !== 'L' && kind !== 'x') longName = null;
          remaining = size;
          pad = (512 - (size % 512)) % 512;
          collect = null;
          sink = null;
          if (kind === 'L' || kind === 'x') collect = [];
          else if (kind === '0' || kind === '\0' || kind === '7') {
            members.push({ name, size });
            if (opts.want(name, size)) collect = [];
            else if (opts.sink) sink = opts.sink(name);
          }
          state = 'body';
          if (remaining === 0) {
            await finishBody();
            state = 'pad';
          }
        } else if (state === 'body') {
          if (pos >= buf.length) break;
          const n = Math.min(remaining, buf.length - pos);
          const part = buf.subarray(pos, pos + n);
          if (collect) collect.push(part.slice());
          if (sink) {
            const s = sink;
            if (!s.write(Buffer.from(part))) await new Promise((r) => s.once('drain', r));
          }
          pos += n;
          remaining -= n;
          if (remaining === 0) {
            await finishBody();
            state = 'pad';
            if (opts.done?.(members, got)) break outer;
          }
        } else {
          if (buf.length - pos < pad) {
            pad -= buf.length - pos;
            pos = buf.length;
            break;
          }
          pos += pad;
          pad = 0;
          state = 'header';
        }
      }
      buf = buf.subarray(pos);
    }
  } catch (e) {
    if (e instanceof NigahError || (e as { code?: string }).code === 'ENOSPC') throw e;
    throw new NigahError('CORRUPT_TIFF', `${file} is not a readable tar archive (${(e as Error).message}).`, {
      hint: 'The package may be incomplete: download it again.',
      details: { file },
    });
  } finally {
    input.destroy();
  }
  if (state === 'body' && remaining > 0) {
    throw new NigahError('CORRUPT_TIFF', `${file} ends in the middle of ${name} (truncated archive).`, {
      hint: 'The package download is incomplete: download it again.',
      details: { file, member: name },
    });
  }
  return { members, got };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
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
