/**
 * Live histograms of the shown composite's bands over what the map shows (sampled 128 × 128 by a
 * worker after each move), and the percentile / min–max stretch fitted to them when asked.
 */

import type OlMap from 'ol/Map';
import { transformExtent } from 'ol/proj';
import type { Histogram } from '../../../shared/analysis/stretch';
import { stretchRange } from '../../../shared/analysis/stretch';
import { projDef } from '../../../shared/proj';
import type { BandRole, Scene, SceneBand } from '../../../shared/scene';
import { layers, setHistograms, setRanges } from '../state/layers';
import { store } from '../state/store';
import type { WorkerPool } from '../workers/pool';
import { toRenderBand } from './sceneLayer';
import { findView } from './views';

const SIZE = 128;
const BINS = 64;

function finest(scene: Scene, role: BandRole): SceneBand | undefined {
  return scene.bands
    .filter((b) => b.role === role)
    .sort((a, b) => Math.abs(a.geotransform[1]) - Math.abs(b.geotransform[1]))[0];
}

/** Sets each composite band's range from its histogram under the current percentile/min–max mode. */
export function fitStretch(): void {
  const s = layers.getState();
  if (s.stretchMode === 'fixed' || s.stretchMode === 'manual') return;
  const ranges: Partial<Record<BandRole, [number, number]>> = {};
  for (const [role, h] of Object.entries(s.histograms) as [BandRole, Histogram][]) {
    const r = stretchRange({ mode: s.stretchMode, lowPct: s.lowPct, highPct: s.highPct }, h, [0, 0]);
    if (r[1] > r[0]) ranges[role] = r;
  }
  setRanges(ranges);
}

export function attachHistograms(
  map: OlMap,
  pool: WorkerPool,
  scene: () => Scene | null,
): { refresh(): void; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ctrl = new AbortController();

  async function refresh(): Promise<void> {
    ctrl.abort();
    ctrl = new AbortController();
    const sc = scene();
    const view = findView(store.getState().indexId);
    const size = map.getSize();
    if (!sc?.drawable || view?.type !== 'composite' || !size) return setHistograms({});
    const bands = view.def.roles.map((r) => finest(sc, r));
    if (bands.some((b) => !b)) return setHistograms({});
    const extent = map.getView().calculateExtent(size) as [number, number, number, number];
    const inScene = transformExtent(sc.bbox, 'EPSG:4326', 'EPSG:3857');
    const clipped: [number, number, number, number] = [
      Math.max(extent[0], inScene[0]),
      Math.max(extent[1], inScene[1]),
      Math.min(extent[2], inScene[2]),
      Math.min(extent[3], inScene[3]),
    ];
    if (clipped[2] <= clipped[0] || clipped[3] <= clipped[1]) return setHistograms({});
    try {
      const hs = await pool.request<Histogram[]>(
        {
          type: 'histogram',
          bands: bands.map((b) => toRenderBand(b as SceneBand)),
          viewDef: projDef('EPSG:3857'),
          sceneDef: projDef(sc.crs),
          extent: clipped,
          size: SIZE,
          bins: BINS,
        },
        ctrl.signal,
      );
      setHistograms(Object.fromEntries(view.def.roles.map((r, i) => [r, hs[i]])));
      const l = layers.getState();
      const complete = view.def.roles.every((r) => l.ranges[r]);
      if (!complete) fitStretch();
    } catch {
      /* cancelled by a newer move, or unreadable: the tiles report read errors */
    }
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 150);
  };
  map.on('moveend', later);
  const unsubs = [
    store.subscribe((s, p) => (s.indexId !== p.indexId || s.sceneId !== p.sceneId) && later()),
    layers.subscribe(
      (s, p) =>
        (s.stretchMode !== p.stretchMode || s.lowPct !== p.lowPct || s.highPct !== p.highPct) && fitStretch(),
    ),
  ];
  return {
    refresh: later,
    dispose() {
      clearTimeout(timer);
      ctrl.abort();
      map.un('moveend', later);
      for (const u of unsubs) u();
    },
  };
}
