/** A flood run of the engine as the report and the exports read it: method facts, district rows, totals. */
import type { DistrictInput } from '../../shared/export/table';
import type { FloodResult, WaterResult } from '../engine/analysis';
import { zoneFigures } from '../engine/zone-figures';
import type { MethodFacts } from './compose';

export function floodFacts(r: FloodResult): MethodFacts {
  return {
    kind: 'flood',
    index: r.index,
    post: r.thresholds.post.value,
    pre: r.thresholds.pre.value,
    how: r.thresholds.post.method,
    ndvi: r.thresholds.ndviPre,
    cloudKm2: r.cloudKm2 ?? null,
    nodataKm2: r.nodataKm2 ?? null,
  };
}

export function waterFacts(r: WaterResult): MethodFacts {
  return {
    kind: 'water',
    index: r.index,
    post: r.threshold.value,
    how: r.threshold.method,
    cloudKm2: r.cloudKm2 ?? null,
    nodataKm2: r.nodataKm2 ?? null,
  };
}

/** Zones the scene reaches, as table rows. */
export function districtInputs(
  r: FloodResult | WaterResult,
  label: 'flood' | 'water',
): DistrictInput[] | null {
  if (!r.zones) return null;
  return r.zones
    .filter((z) => z.pixels > 0)
    .map((z) => ({
      ...zoneFigures(z, label),
      ...(typeof z.cloudKm2 === 'number' ? { cloudKm2: z.cloudKm2 } : {}),
    }));
}

export function floodTotals(r: FloodResult): {
  km2: number;
  ha: number;
  croplandKm2: number | null;
  cloudKm2: number | null;
} {
  return {
    km2: r.area.km2,
    ha: r.area.ha,
    croplandKm2: r.cropland?.km2 ?? null,
    cloudKm2: r.cloudKm2 ?? null,
  };
}

/** Facts from the summary an analysis job returned (the engine's result without polygons and zones). */
export function factsFromSummary(s: Record<string, unknown>): MethodFacts | null {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const index = typeof s.index === 'string' ? s.index : null;
  if (!index) return null;
  const t = (s.thresholds ?? null) as {
    post?: { value: number; method: string };
    pre?: { value: number };
    ndviPre?: number | null;
  } | null;
  const w = (s.threshold ?? null) as { value: number; method: string } | null;
  const common = { index, cloudKm2: num(s.cloudKm2), nodataKm2: num(s.nodataKm2) };
  if (s.kind === 'flood' && t?.post)
    return {
      ...common,
      kind: 'flood',
      post: t.post.value,
      pre: t.pre?.value,
      how: t.post.method,
      ndvi: t.ndviPre ?? null,
    };
  if (w) return { ...common, kind: 'water', post: w.value, how: w.method };
  return null;
}
