/**
 * A pool of worker threads (one per core by default) running engine jobs, with lazy job feeding
 * (bounded memory), progress and cancellation through AbortSignal.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorData, fromErrorData, NigahError } from '../../shared/errors';
import type { Job } from './jobs';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

function workerEntry(): URL {
  const env = process.env.NIGAH_ENGINE_WORKER;
  if (env) return pathToFileURL(env);
  // In the esbuild CJS bundle (dist/electron/*.cjs) import.meta is empty: the worker is bundled beside it.
  const here: string | undefined = import.meta.url;
  // Packaged app: worker threads load from disk, so the worker is unpacked beside app.asar
  // (electron-builder.yml asarUnpack).
  if (!here)
    return pathToFileURL(
      join(__dirname.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked'), 'engine-worker.cjs'),
    );
  // From source (tsx, vitest): a bootstrap that registers the TypeScript loader in the thread.
  if (here.endsWith('.ts')) return new URL('./worker-boot.mjs', here);
  return new URL('./engine-worker.cjs', here);
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private broken: NigahError | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly size = Math.max(1, Math.min(availableParallelism(), Number(process.env.NIGAH_THREADS) || 64)),
    /** Jobs in flight per worker: 2 hides message latency behind the running job. */
    readonly depth = 2,
  ) {
    const url = workerEntry();
    for (let i = 0; i < size; i++) {
      // workerData is an object so geotiff.js's web-worker dependency, loaded with the codecs, sees
      // a plain thread rather than one of its own workers (it reads workerData.mod on import).
      const worker = new Worker(url, { stdout: false, stderr: false, workerData: { nigahEngine: true } });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: ErrorData }) => {
        const p = this.pending.get(msg.id);
        slot.busy--;
        // Idle workers must not keep the process alive; busy ones must (a pending promise does not).
        if (slot.busy === 0) worker.unref();
        this.wake();
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(fromErrorData(msg.error as ErrorData));
      });
      // A worker that dies (crash, out of memory) fails every pending job and the pool: later runs
      // would otherwise wait forever on a dead thread. sharedPool() then starts a fresh pool.
      const die = (e: unknown) => {
        this.broken ??= new NigahError(
          'INTERNAL',
          `An analysis worker stopped: ${(e as Error)?.message ?? e}`,
          {
            hint: 'Try again; if it keeps failing, the scene may be too large for the memory available.',
          },
        );
        for (const p of this.pending.values()) p.reject(this.broken);
        this.pending.clear();
        for (const w of this.waiters.splice(0)) w();
        if (shared === this) shared = null;
      };
      worker.on('error', die);
      worker.on('exit', (code) => {
        if (!this.closed) die(new Error(`exit code ${code}`));
      });
      worker.unref();
      this.slots.push(slot);
    }
  }

  private wake(): void {
    const w = this.waiters.shift();
    if (w) w();
  }

  private async freeSlot(): Promise<Slot> {
    for (;;) {
      if (this.broken) throw this.broken;
      if (this.closed) throw new NigahError('CANCELLED', 'The worker pool was closed.');
      let best: Slot | null = null;
      for (const s of this.slots) if (s.busy < this.depth && (!best || s.busy < best.busy)) best = s;
      if (best) return best;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Run one job on the least busy worker. */
  async run<T>(job: Job, transfer: ArrayBuffer[] = []): Promise<T> {
    const slot = await this.freeSlot();
    const id = this.nextId++;
    slot.busy++;
    slot.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ id, job }, transfer);
    });
  }

  /**
   * Run jobs from an iterator with every worker kept busy; `onResult` is called in completion order.
   * Stops feeding new jobs when `signal` aborts and throws CANCELLED once in-flight jobs return.
   */
  async map<T>(
    jobs: Iterable<Job>,
    onResult: (result: T, job: Job) => void | Promise<void>,
    opts: { signal?: AbortSignal; total?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let done = 0;
    let failure: unknown = null;
    for (const job of jobs) {
      if (opts.signal?.aborted || failure) break;
      const p: Promise<void> = this.run<T>(job)
        .then(async (r) => {
          await onResult(r, job);
          done++;
          opts.onProgress?.(done, opts.total ?? done);
        })
        .catch((e) => {
          failure ??= e;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= this.size * this.depth) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    if (opts.signal?.aborted) throw new NigahError('CANCELLED', 'The analysis was cancelled.');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters.splice(0)) w();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

let shared: WorkerPool | null = null;
/** One pool per process, created on first use. */
export function sharedPool(): WorkerPool {
  shared ??= new WorkerPool();
  return shared;
}

export async function closeSharedPool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
