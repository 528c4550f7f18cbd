/** Messages between the result layer and the mask workers (structured-clone data only). */
import type { ErrorData } from '../../../../shared/errors';
import type { RenderBand } from '../../workers/protocol';

export interface MaskTileRequest {
  type: 'tile';
  id: number;
  band: RenderBand;
  /** proj4 definitions of the tile CRS (the view's) and of the mask's CRS. */
  viewDef: string;
  maskDef: string;
  extent: [number, number, number, number];
  width: number;
  height: number;
  /** Colour of value-1 pixels; 0 and nodata (255) stay transparent. */
  color: [number, number, number];
}

export type MaskRequest = MaskTileRequest | { type: 'cancel'; id: number };

export type MaskResponse =
  | { id: number; ok: true; bitmap: ImageBitmap; filled: number }
  | { id: number; ok: false; error: ErrorData };
