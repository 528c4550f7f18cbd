/**
 * Reading the layers store back from a saved workspace, field by field: the value may come from an
 * older version or be damaged, and anything malformed falls back to the default.
 */

import { RAMPS } from '../../../shared/analysis/colormap';
import type { RampId } from '../../../shared/analysis/indices';
import type { StretchMode } from '../../../shared/analysis/stretch';
import { BAND_ROLES, type BandRole } from '../../../shared/scene';
import {
  type Aoi,
  type CompareMode,
  initialLayers,
  type LayersState,
  type MapLayerId,
  ringsBox,
} from './layers';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const pair = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && num(v[0]) && num(v[1]) && v[1] > v[0];

const MODES: StretchMode[] = ['fixed', 'percentile', 'minmax', 'manual'];
const COMPARE: CompareMode[] = ['off', 'swipe', 'split'];

function pairs<K extends string>(
  v: unknown,
  ok: (k: string) => boolean,
): Partial<Record<K, [number, number]>> {
  const out: Partial<Record<K, [number, number]>> = {};
  for (const [k, r] of Object.entries(obj(v) ?? {})) if (ok(k) && pair(r)) out[k as K] = r;
  return out;
}

/** A saved value → the layers state it describes (defaults for anything missing or malformed). */
function savedAoi(v: unknown): Aoi | null {
  const a = obj(v);
  if (!a || !['rectangle', 'polygon', 'district'].includes(a.kind as string) || !Array.isArray(a.rings))
    return null;
  const rings = (a.rings as unknown[]).filter(
    (r): r is [number, number][] =>
      Array.isArray(r) &&
      r.length >= 4 &&
      r.every((p) => Array.isArray(p) && p.length === 2 && num(p[0]) && num(p[1])),
  );
  if (!rings.length) return null;
  const bbox = ringsBox(rings);
  if (!(bbox[2] > bbox[0] && bbox[3] > bbox[1])) return null;
  return { kind: a.kind as Aoi['kind'], name: typeof a.name === 'string' ? a.name : undefined, rings, bbox };
}

export function layersFromSaved(v: unknown): Omit<LayersState, 'histograms' | 'drawing'> {
  const o = obj(v) ?? {};
  const d = initialLayers;
  const ramps: Record<string, RampId> = {};
  for (const [k, r] of Object.entries(obj(o.ramps) ?? {}))
    if (typeof r === 'string' && r in RAMPS) ramps[k] = r as RampId;
  const e = obj(o.expression);
  const c = obj(o.compare);
  const order = Array.isArray(o.order) ? (o.order as unknown[]) : [];
  const sameIds = order.length === d.order.length && d.order.every((id) => order.includes(id));
  const opacity = { ...d.opacity };
  for (const id of d.order) {
    const x = obj(o.opacity)?.[id];
    if (num(x) && x >= 0 && x <= 1) opacity[id] = x;
  }
  return {
    stretchMode: MODES.includes(o.stretchMode as StretchMode)
      ? (o.stretchMode as StretchMode)
      : d.stretchMode,
    lowPct: num(o.lowPct) ? o.lowPct : d.lowPct,
    highPct: num(o.highPct) ? o.highPct : d.highPct,
    ranges: pairs<BandRole>(o.ranges, (k) => (BAND_ROLES as readonly string[]).includes(k)),
    ramps,
    indexRanges: pairs<string>(o.indexRanges, () => true) as Record<string, [number, number]>,
    expression:
      e && typeof e.text === 'string' && pair(e.range) && typeof e.ramp === 'string' && e.ramp in RAMPS
        ? { text: e.text, range: e.range, ramp: e.ramp as RampId }
        : d.expression,
    compare: {
      mode: COMPARE.includes(c?.mode as CompareMode) ? (c?.mode as CompareMode) : 'off',
      sceneId: typeof c?.sceneId === 'string' ? c.sceneId : null,
      viewId: typeof c?.viewId === 'string' ? c.viewId : d.compare.viewId,
      swipe: num(c?.swipe) && c.swipe >= 0 && c.swipe <= 1 ? c.swipe : d.compare.swipe,
    },
    order: sameIds ? (order as MapLayerId[]) : d.order,
    opacity,
    hidden: Array.isArray(o.hidden) ? d.order.filter((id) => (o.hidden as unknown[]).includes(id)) : [],
    aoi: savedAoi(o.aoi),
    aoiForAnalysis: o.aoiForAnalysis !== false,
  };
}
