/// <reference lib="webworker" />
/**
 * Tile worker: decodes COG windows and renders display tiles (see render.ts). One instance per
 * core, driven by pool.ts; results go back as transferables.
 */
import { toErrorData } from '../../../shared/errors';
import type { TileReply, WorkerRequest, WorkerResponse } from './protocol';
import { getTiff, warmDecoders } from './raster';
import { bandHistograms, inspectPixel, renderTile } from './render';
import { warpGrid } from './warp';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();
warmDecoders();

function reply(msg: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  if (req.type === 'cancel') {
    running.get(req.id)?.abort();
    return;
  }
  if (req.type === 'warm') {
    for (const b of req.bands) getTiff(b.url).catch(() => {});
    return;
  }
  const ctrl = new AbortController();
  running.set(req.id, ctrl);
  try {
    if (req.type === 'tile') {
      const grid = warpGrid(req.viewDef, req.sceneDef, req.extent, req.width, req.height);
      const result = await renderTile(req.bands, req.mode, grid, ctrl.signal);
      const bitmap = await createImageBitmap(
        new ImageData(result.rgba as ImageDataArray, req.width, req.height),
      );
      const value: TileReply = { bitmap, filled: result.filled, ms: result.ms };
      reply({ id: req.id, ok: true, value }, [bitmap]);
    } else if (req.type === 'pixel') {
      const value = await inspectPixel(req.bands, req.x, req.y, req.index, req.indices);
      reply({ id: req.id, ok: true, value });
    } else if (req.type === 'histogram') {
      const grid = warpGrid(req.viewDef, req.sceneDef, req.extent, req.size, req.size);
      reply({ id: req.id, ok: true, value: await bandHistograms(req.bands, grid, req.bins, ctrl.signal) });
    }
  } catch (e) {
    reply({ id: req.id, ok: false, error: toErrorData(e) });
  } finally {
    running.delete(req.id);
  }
};
