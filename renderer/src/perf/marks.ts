/**
 * Timing marks the benchmark (scripts/bench/app.bench.ts) and the e2e test read. Times are
 * performance.now() values (ms since performance.timeOrigin); each also becomes a
 * performance.mark so DevTools shows them.
 */
export interface NigahPerf {
  timeOrigin: number;
  /** First frame of the map with boundary outlines on it (the first layer to arrive). */
  mapFirstFrame?: number;
  /** Every boundary layer added (districts are the largest). */
  boundariesDrawn?: number;
  /** Metadata of the listed scenes prefetched (and local files being opened by the workers). */
  prefetchDone?: number;
  sceneRequested?: number;
  sceneFirstPixels?: number;
  viewRequested?: number;
  viewFirstPixels?: number;
  /** Id of the scene/view the last *FirstPixels mark belongs to. */
  sceneId?: string;
  viewId?: string;
  tilesRendered: number;
  tileMsTotal: number;
  /** The last tiles: when asked and answered (performance.now()), worker time, pixels with data. */
  tileLog: { key: string; asked: number; done: number; ms: number; filled: number }[];
}

declare global {
  interface Window {
    __nigahPerf?: NigahPerf;
  }
}

export const perf: NigahPerf = {
  timeOrigin: performance.timeOrigin,
  tilesRendered: 0,
  tileMsTotal: 0,
  tileLog: [],
};

export function logTile(entry: NigahPerf['tileLog'][number]): void {
  perf.tilesRendered++;
  perf.tileMsTotal += entry.ms;
  perf.tileLog.push(entry);
  if (perf.tileLog.length > 200) perf.tileLog.shift();
}
if (typeof window !== 'undefined') window.__nigahPerf = perf;

type MarkName = Exclude<
  keyof NigahPerf,
  'timeOrigin' | 'tilesRendered' | 'tileMsTotal' | 'tileLog' | 'sceneId' | 'viewId'
>;

export function mark(name: MarkName, at = performance.now()): void {
  perf[name] = at;
  try {
    performance.mark(`nigah:${name}`, { startTime: at });
  } catch {
    // performance.mark with startTime is unsupported in very old engines; the object is enough.
  }
}
