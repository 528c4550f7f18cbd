/**
 * The result class raster of a water or flood run: one uint8 code per pixel, so the map and the pixel
 * inspector show each class (dry, flooded, flooded cropland, permanent water, cloud, no data) from
 * one file. Codes derive from the pixel codes of shared/analysis/flood.ts; a pixel is in exactly one
 * class, so class pixel counts add up to the run's areas:
 *   flood (or water) = FLOODED + FLOODED_CROPLAND, flooded cropland = FLOODED_CROPLAND,
 *   permanent water = PERMANENT_WATER, cloud = CLOUD, observed = DRY + FLOODED + FLOODED_CROPLAND +
 *   PERMANENT_WATER. No data (and pixels outside a polygon area of interest) are NODATA.
 */
import {
  CODE_OUTSIDE,
  codeState,
  FLAG_FLOODED_CROPLAND,
  FLAG_PERMANENT,
  FLAG_YES,
  STATE_CLOUD,
  STATE_OBSERVED,
} from './flood';

export const CLASS_DRY = 0;
/** Flooded (flood run) or water (single-scene water run). */
export const CLASS_FLOODED = 1;
export const CLASS_FLOODED_CROPLAND = 2;
export const CLASS_PERMANENT_WATER = 3;
export const CLASS_CLOUD = 4;
export const CLASS_NODATA = 255;

/**
 * Classes by code with their English names, written into the COG's metadata (the app's legend and
 * inspector name them in the interface language: renderer/src/panels/maskStyle.ts).
 */
export const RESULT_CLASSES: { code: number; name: string }[] = [
  { code: CLASS_DRY, name: 'dry' },
  { code: CLASS_FLOODED, name: 'flooded (water in a water map)' },
  { code: CLASS_FLOODED_CROPLAND, name: 'flooded cropland' },
  { code: CLASS_PERMANENT_WATER, name: 'permanent water' },
  { code: CLASS_CLOUD, name: 'cloud' },
  { code: CLASS_NODATA, name: 'no data' },
];

/** The `NIGAH_CLASSES` metadata text: "0 dry, 1 flooded …, 255 no data". */
export const RESULT_CLASSES_TEXT = RESULT_CLASSES.map((c) => `${c.code} ${c.name}`).join(', ');

/** The class of one pixel code. */
export function classOfCode(code: number): number {
  if (code === CODE_OUTSIDE) return CLASS_NODATA;
  const state = codeState(code);
  if (state === STATE_CLOUD) return CLASS_CLOUD;
  if (state !== STATE_OBSERVED) return CLASS_NODATA;
  if (code & FLAG_FLOODED_CROPLAND) return CLASS_FLOODED_CROPLAND;
  if (code & FLAG_YES) return CLASS_FLOODED;
  if (code & FLAG_PERMANENT) return CLASS_PERMANENT_WATER;
  return CLASS_DRY;
}

/** The class raster of a tile of pixel codes. */
export function classesOfCodes(codes: Uint8Array, out: Uint8Array): Uint8Array {
  const table = new Uint8Array(256);
  for (let c = 0; c < 256; c++) table[c] = classOfCode(c);
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]];
  return out;
}
