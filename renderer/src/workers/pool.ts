/**
 * A pool of tile workers sized to the machine's cores. Requests go to the least busy worker; an
 * aborted request is cancelled in its worker and its promise rejects with CANCELLED.
 */
import { fromErrorData, NigahError } from '../../../shared/errors';
import type { RenderBand, WorkerRequest, WorkerResponse } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; worker: number };
type Queued = { id: number; req: PoolRequest; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Jobs in flight per worker. More would only interleave their range fetches and decodes, so every
 * tile finishes late together; with a short queue the centre tiles (OpenLayers asks for them first)
 * reach the screen first while the next job's I/O still overlaps the current one's compute.
 */
const PER_WORKER = 2;

/** Requests without the id; the pool numbers them. */
export type PoolRequest = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private seq = 0;

  constructor(size = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2))) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./tile.worker.ts', import.meta.url), {
        type: 'module',
        name: `tiles-${i}`,
      });
      worker.onmessage = (ev: MessageEvent<WorkerResponse>) => this.settle(ev.data);
      worker.onerror = (ev) => {
        ev.preventDefault();
        for (const [id, p] of this.pending) {
          if (p.worker !== i) continue;
          this.settle({
            id,
            ok: false,
            error: { code: 'INTERNAL', message: `Tile worker failed: ${ev.message}` },
          });
        }
      };
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  request<T>(req: PoolRequest, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id, req, resolve: resolve as (v: unknown) => void, reject });
      signal?.addEventListener(
        'abort',
        () => {
          const q = this.queue.findIndex((x) => x.id === id);
          if (q >= 0) {
            this.queue.splice(q, 1);
            reject(cancelled());
            return;
          }
          const p = this.pending.get(id);
          if (!p) return;
          this.workers[p.worker].postMessage({ type: 'cancel', id });
          this.settle({ id, ok: false, error: { code: 'CANCELLED', message: 'Tile request cancelled.' } });
        },
        { once: true },
      );
      this.pump();
    });
  }

  /** Every worker opens these bands' files now (no reply; errors surface when a tile needs them). */
  warm(bands: RenderBand[]): void {
    for (const w of this.workers) w.postMessage({ type: 'warm', id: 0, bands } as WorkerRequest);
  }

  private pump(): void {
    while (this.queue.length) {
      let w = 0;
      for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[w]) w = i;
      if (this.load[w] >= PER_WORKER) return;
      const job = this.queue.shift() as Queued;
      this.load[w]++;
      this.pending.set(job.id, { resolve: job.resolve, reject: job.reject, worker: w });
      this.workers[w].postMessage({ ...job.req, id: job.id } as WorkerRequest);
    }
  }

  private settle(msg: WorkerResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    this.load[p.worker]--;
    if (msg.ok) p.resolve(msg.value);
    else p.reject(fromErrorData(msg.error));
    this.pump();
  }

  dispose(): void {
    for (const w of this.workers) w.terminate();
    for (const p of this.pending.values()) p.reject(cancelled());
    for (const q of this.queue) q.reject(cancelled());
    this.pending.clear();
    this.queue.length = 0;
  }
}

function cancelled(): NigahError {
  return new NigahError('CANCELLED', 'Tile request cancelled.');
}

let shared: WorkerPool | null = null;

/** The app-wide pool, created on first use. */
export function tilePool(): WorkerPool {
  if (!shared) shared = new WorkerPool();
  return shared;
}
