/**
 * Result-mask tiles (flood, water, cloud masks: one uint8 band) rendered by the app's one worker
 * pool (workers/pool.ts, 'mask' render mode), so masks and scenes share the same workers, the same
 * COG reader and warp, and land on exactly the same pixels.
 */
import { tilePool } from '../../workers/pool';
import type { ClassColor, RenderBand, TileReply } from '../../workers/protocol';

export interface MaskTile {
  bitmap: ImageBitmap;
  filled: number;
}

export interface MaskTileRequest {
  band: RenderBand;
  /** proj4 definitions of the tile CRS (the view's) and of the mask's CRS. */
  viewDef: string;
  maskDef: string;
  extent: [number, number, number, number];
  width: number;
  height: number;
  /** Colour of value-1 pixels; 0 and nodata (255) stay transparent. */
  color: [number, number, number];
  /** A class raster instead: each code in its colour (workers/classes.ts). */
  classes?: ClassColor[];
}

export class MaskWorkers {
  tile(req: MaskTileRequest, signal?: AbortSignal): Promise<MaskTile> {
    return tilePool()
      .request<TileReply>(
        {
          type: 'tile',
          bands: [req.band],
          mode: req.classes ? { kind: 'classes', colors: req.classes } : { kind: 'mask', color: req.color },
          viewDef: req.viewDef,
          sceneDef: req.maskDef,
          extent: req.extent,
          width: req.width,
          height: req.height,
        },
        signal,
      )
      .then((r) => ({ bitmap: r.bitmap, filled: r.filled }));
  }

  /** The workers are the app's shared pool: nothing to stop here. */
  dispose(): void {}
}
