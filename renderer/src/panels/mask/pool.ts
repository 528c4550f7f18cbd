/**
 * Two mask workers (masks are one uint8 band: cheap next to the scene tiles, which keep R's pool to
 * themselves). Requests alternate between them; an aborted request is cancelled in its worker.
 */
import { fromErrorData, NigahError } from '../../../../shared/errors';
import type { MaskRequest, MaskResponse, MaskTileRequest } from './protocol';

export interface MaskTile {
  bitmap: ImageBitmap;
  filled: number;
}

type Pending = { resolve(v: MaskTile): void; reject(e: unknown): void; worker: number };

export class MaskWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  constructor(size = 2) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./mask.worker.ts', import.meta.url), {
        type: 'module',
        name: `mask-${i}`,
      });
      w.onmessage = (ev: MessageEvent<MaskResponse>) => this.settle(ev.data);
      w.onerror = (ev) => {
        ev.preventDefault();
        for (const [id, p] of this.pending)
          if (p.worker === i)
            this.settle({
              id,
              ok: false,
              error: { code: 'INTERNAL', message: `Mask worker failed: ${ev.message}` },
            });
      };
      this.workers.push(w);
    }
  }

  tile(req: Omit<MaskTileRequest, 'id' | 'type'>, signal?: AbortSignal): Promise<MaskTile> {
    if (signal?.aborted) return Promise.reject(new NigahError('CANCELLED', 'Tile request cancelled.'));
    const id = ++this.seq;
    const worker = id % this.workers.length;
    return new Promise<MaskTile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id)) return;
          this.workers[worker].postMessage({ type: 'cancel', id } satisfies MaskRequest);
          this.settle({ id, ok: false, error: { code: 'CANCELLED', message: 'Tile request cancelled.' } });
        },
        { once: true },
      );
      this.workers[worker].postMessage({ ...req, type: 'tile', id } satisfies MaskRequest);
    });
  }

  private settle(msg: MaskResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve({ bitmap: msg.bitmap, filled: msg.filled });
    else p.reject(fromErrorData(msg.error));
  }

  dispose(): void {
    for (const w of this.workers) w.terminate();
    for (const p of this.pending.values()) p.reject(new NigahError('CANCELLED', 'Tile request cancelled.'));
    this.pending.clear();
  }
}
