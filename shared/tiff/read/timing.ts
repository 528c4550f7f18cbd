/**
 * Where reading time goes, per thread: milliseconds spent inflating (any decompression), undoing
 * predictors and deinterleaving samples. The engine reports the totals in its run breakdown.
 */
export interface ReadTimes {
  inflate: number;
  predictor: number;
  deinterleave: number;
}

export const readTimes: ReadTimes = { inflate: 0, predictor: 0, deinterleave: 0 };

/** A copy of the counters, to subtract later. */
export function snapshotReadTimes(): ReadTimes {
  return { ...readTimes };
}
