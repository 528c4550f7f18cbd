/// <reference lib="webworker" />
/**
 * Renders display tiles of a uint8 result mask (1 yes, 0 no, 255 nodata): the mask COG is read and
 * warped onto the view's tile grid with the scene workers' own code (workers/raster.ts, warp.ts), so
 * a mask lands on exactly the pixels its scene does.
 */
import { toErrorData } from '../../../../shared/errors';
import { sampleBand } from '../../workers/raster';
import { warpGrid } from '../../workers/warp';
import type { MaskRequest, MaskResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();

function reply(msg: MaskResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = async (ev: MessageEvent<MaskRequest>) => {
  const req = ev.data;
  if (req.type === 'cancel') {
    running.get(req.id)?.abort();
    return;
  }
  const ctrl = new AbortController();
  running.set(req.id, ctrl);
  try {
    const grid = warpGrid(req.viewDef, req.maskDef, req.extent, req.width, req.height);
    const { data } = await sampleBand(req.band, grid, ctrl.signal);
    const rgba = new Uint8ClampedArray(req.width * req.height * 4);
    const [r, g, b] = req.color;
    let filled = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      // Overviews of a mask may hold averaged values; anything between 0.5 and nodata counts as yes.
      if (!(v >= 0.5 && v < 255)) continue;
      const o = i * 4;
      rgba[o] = r;
      rgba[o + 1] = g;
      rgba[o + 2] = b;
      rgba[o + 3] = 255;
      filled++;
    }
    const bitmap = await createImageBitmap(new ImageData(rgba as ImageDataArray, req.width, req.height));
    reply({ id: req.id, ok: true, bitmap, filled }, [bitmap]);
  } catch (e) {
    reply({ id: req.id, ok: false, error: toErrorData(e) });
  } finally {
    running.delete(req.id);
  }
};
