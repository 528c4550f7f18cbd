/**
 * Streams a COG to disk through the COG writer in shared/tiff: full-resolution tiles arrive already
 * compressed from worker threads (any order); overview tiles are reduced here as 2×2 blocks complete
 * (OverviewPyramid) and compressed on the pool. Compressed tiles stay in memory up to a budget, then
 * spill to a spool file beside the output, so memory stays bounded on a 10980² scene. The file is
 * written to a temp name in the target folder and renamed (atomic); ENOSPC → DISK_FULL.
 */
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NigahError } from '../../shared/errors';
import {
  buildCogHeader,
  type CogLayout,
  type CogOptions,
  OverviewPyramid,
  planCog,
  type TileSlot,
  type TypedPixels,
  tileLeader,
} from '../../shared/tiff';
import type { WorkerPool } from './pool';

interface Stored {
  mem?: Uint8Array;
  spoolOffset?: number;
  length: number;
}

export function diskError(e: unknown, path: string): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'ENOSPC')
    return new NigahError('DISK_FULL', `The disk is full; ${path} was not written.`, {
      hint: 'Free some space or choose another folder, then try again.',
      cause: e,
    });
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT' || code === 'EROFS')
    return new NigahError('BAD_ARGUMENT', `Cannot write ${path}: ${(e as Error).message}.`, {
      hint: 'Choose a folder you can write to.',
      cause: e,
    });
  return e;
}

/** Temp path in the same folder as `path` (so rename is atomic). */
export function tempPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
}

/** Write `chunks` to `path` atomically (temp + rename). */
export function writeFileAtomic(path: string, chunks: (Uint8Array | string)[]): void {
  const tmp = tempPathFor(path);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'w');
    for (const c of chunks) {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    }
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw diskError(e, path);
  }
}

export class CogFileWriter {
  readonly layout: CogLayout;
  private readonly tiles = new Map<string, Stored>();
  private readonly pyramid: OverviewPyramid;
  private readonly encodes: Promise<void>[] = [];
  private memBytes = 0;
  private spoolFd: number | null = null;
  private spoolPath: string | null = null;
  private spoolSize = 0;
  private failed: unknown = null;

  constructor(
    readonly path: string,
    opts: CogOptions,
    private readonly pool: WorkerPool,
    readonly deflateLevel = 6,
    // Compressed tiles kept in memory before spilling to a spool file: a 10980² float32 COG is
    // ~430 MB compressed, so 512 MB keeps it in memory (peak RSS ~0.8 GB, under the 1.5 GB budget).
    private readonly memoryBudget = 512 * 1024 * 1024,
    /** zlib level for overview tiles (0 = Huffman only); defaults to deflateLevel. */
    private readonly overviewLevel = deflateLevel,
  ) {
    this.layout = planCog(opts);
    this.pyramid = new OverviewPyramid(this.layout, (level, band, tx, ty, pixels) =>
      this.sink(level, band, tx, ty, pixels),
    );
  }

  /** An overview tile: compressed on the pool (not transferred: the pyramid still holds `pixels`). */
  private sink(level: number, band: number, tx: number, ty: number, pixels: TypedPixels): void {
    const p = this.pool
      .run<Uint8Array>({ kind: 'encode', layout: this.layout, pixels, deflateLevel: this.overviewLevel })
      .then((bytes) => this.store(level, band, ty * this.layout.levels[level].tilesAcross + tx, bytes))
      .catch((e) => {
        this.failed ??= e;
      });
    this.encodes.push(p);
  }

  /**
   * A full-resolution tile: its compressed bytes and its pixels (for the overviews). The pyramid
   * keeps a reference to `pixels` until its 2×2 block completes; the caller must not reuse it.
   */
  addTile(band: number, tx: number, ty: number, bytes: Uint8Array, pixels: TypedPixels | null): void {
    this.store(0, band, ty * this.layout.levels[0].tilesAcross + tx, bytes);
    if (pixels) this.pyramid.push(0, band, tx, ty, pixels);
  }

  private readonly quarters = new Map<string, { pixels: TypedPixels; got: number; need: number }>();

  /**
   * A full-resolution tile given with its 2×2-reduced quarter (computed in the worker): the quarters
   * are assembled into first-overview tiles here, which then feed the pyramid for the higher levels.
   * Float rasters with NaN nodata only (the quarter must follow reduceTile's NaN-skipping average).
   */
  addTileWithQuarter(band: number, tx: number, ty: number, bytes: Uint8Array, quarter: Float32Array): void {
    this.store(0, band, ty * this.layout.levels[0].tilesAcross + tx, bytes);
    if (this.layout.levels.length < 2) return;
    const t = this.layout.tileSize;
    const half = t / 2;
    const l0 = this.layout.levels[0];
    const ptx = tx >> 1;
    const pty = ty >> 1;
    const key = `${band}/${ptx}/${pty}`;
    let p = this.quarters.get(key);
    if (!p) {
      const need = Math.min(2, l0.tilesAcross - ptx * 2) * Math.min(2, l0.tilesDown - pty * 2);
      p = { pixels: new Float32Array(t * t).fill(Number.NaN), got: 0, need };
      this.quarters.set(key, p);
    }
    const ox = (tx & 1) * half;
    const oy = (ty & 1) * half;
    for (let y = 0; y < half; y++)
      p.pixels.set(quarter.subarray(y * half, y * half + half), (oy + y) * t + ox);
    if (++p.got === p.need) {
      this.quarters.delete(key);
      this.sink(1, band, ptx, pty, p.pixels);
      this.pyramid.push(1, band, ptx, pty, p.pixels);
    }
  }

  private store(level: number, band: number, index: number, bytes: Uint8Array): void {
    const key = `${level}/${band}/${index}`;
    if (this.memBytes + bytes.length <= this.memoryBudget) {
      this.tiles.set(key, { mem: bytes, length: bytes.length });
      this.memBytes += bytes.length;
      return;
    }
    try {
      if (this.spoolFd === null) {
        this.spoolPath = `${tempPathFor(this.path)}.spool`;
        this.spoolFd = openSync(this.spoolPath, 'w+');
      }
      let off = 0;
      while (off < bytes.length)
        off += writeSync(this.spoolFd, bytes, off, bytes.length - off, this.spoolSize + off);
    } catch (e) {
      throw diskError(e, this.path);
    }
    this.tiles.set(key, { spoolOffset: this.spoolSize, length: bytes.length });
    this.spoolSize += bytes.length;
  }

  private bytesOf(s: TileSlot): Uint8Array {
    const t = this.tiles.get(`${s.level}/${s.band}/${s.index}`);
    if (!t) throw new NigahError('INTERNAL', `COG tile ${s.level}/${s.band}/${s.index} is missing.`);
    if (t.mem) return t.mem;
    const buf = Buffer.allocUnsafe(t.length);
    readSync(this.spoolFd!, buf, 0, t.length, t.spoolOffset!);
    return buf;
  }

  /** Wait for overview encodes, then write header + tiles to a temp file and rename it into place. */
  async finish(): Promise<{ bytes: number }> {
    await Promise.all(this.encodes);
    if (this.failed) {
      this.abort();
      throw this.failed;
    }
    const head = buildCogHeader(this.layout, (s) => {
      const t = this.tiles.get(`${s.level}/${s.band}/${s.index}`);
      if (!t)
        throw new NigahError('INTERNAL', `COG tile ${s.level}/${s.band}/${s.index} was never produced.`);
      return t.length;
    });
    const tmp = tempPathFor(this.path);
    let fd: number | null = null;
    try {
      fd = openSync(tmp, 'w');
      let pos = 0;
      const put = (b: Uint8Array) => {
        let off = 0;
        while (off < b.length) off += writeSync(fd!, b, off, b.length - off, pos + off);
        pos += b.length;
      };
      put(head.header);
      for (const s of head.order) {
        const b = this.bytesOf(s);
        put(tileLeader(b));
        put(b);
        put(b.subarray(b.length - 4));
      }
      closeSync(fd);
      fd = null;
      renameSync(tmp, this.path);
      return { bytes: pos };
    } catch (e) {
      if (fd !== null) closeSync(fd);
      rmSync(tmp, { force: true });
      throw diskError(e, this.path);
    } finally {
      this.abort();
    }
  }

  /** Drop spooled data (after finish or on failure). */
  abort(): void {
    if (this.spoolFd !== null) {
      closeSync(this.spoolFd);
      this.spoolFd = null;
    }
    if (this.spoolPath) rmSync(this.spoolPath, { force: true });
    this.spoolPath = null;
    this.tiles.clear();
  }
}
