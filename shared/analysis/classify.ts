/**
 * Masks from index values. Encoding shared by every mask file: 1 = yes, 0 = no, 255 = nodata.
 */
export const MASK_YES = 1;
export const MASK_NO = 0;
export const MASK_NODATA = 255;

/** values > threshold → 1, otherwise 0, NaN → 255. */
export function thresholdMask(
  values: Float32Array,
  threshold: number,
  out: Uint8Array,
  start = 0,
  end = values.length,
): Uint8Array {
  for (let i = start; i < end; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? MASK_NODATA : v > threshold ? MASK_YES : MASK_NO;
  }
  return out;
}

/** Flood = water after ∧ not water before; nodata in either → 255. */
export function floodMask(waterPost: Uint8Array, waterPre: Uint8Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < out.length; i++) {
    const a = waterPost[i];
    const b = waterPre[i];
    out[i] =
      a === MASK_NODATA || b === MASK_NODATA
        ? MASK_NODATA
        : a === MASK_YES && b === MASK_NO
          ? MASK_YES
          : MASK_NO;
  }
  return out;
}

/** Flooded cropland = flood ∧ NDVI_pre > threshold; nodata in the flood mask or NaN NDVI → 255. */
export function floodedCroplandMask(
  flood: Uint8Array,
  ndviPre: Float32Array,
  threshold: number,
  out: Uint8Array,
): Uint8Array {
  for (let i = 0; i < out.length; i++) {
    const f = flood[i];
    const v = ndviPre[i];
    out[i] =
      f === MASK_NODATA || Number.isNaN(v)
        ? MASK_NODATA
        : f === MASK_YES && v > threshold
          ? MASK_YES
          : MASK_NO;
  }
  return out;
}

/** Count of 1, 0 and 255 pixels. */
export function countMask(
  mask: Uint8Array,
  start = 0,
  end = mask.length,
): { yes: number; no: number; nodata: number } {
  let yes = 0;
  let no = 0;
  let nodata = 0;
  for (let i = start; i < end; i++) {
    const v = mask[i];
    if (v === MASK_YES) yes++;
    else if (v === MASK_NO) no++;
    else nodata++;
  }
  return { yes, no, nodata };
}
