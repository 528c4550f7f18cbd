/**
 * Reading the engine's summary JSON (electron/engine/report.ts) for display, defensively: it is
 * `Record<string, unknown>` in the contract, so every field is checked before use; a field the
 * engine did not write shows as missing, never as a wrong number.
 */
import type { AnalysisJobResult } from '../../../../shared/contract';
import { toTsv } from '../../../../shared/csv';
import { fmtNumber, i18n } from '../../i18n';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export interface Threshold {
  label: string;
  value: number | null;
  method: string | null;
}

export interface SummaryView {
  kind: 'flood' | 'water';
  index: string | null;
  areaKm2: number | null;
  areaHa: number | null;
  croplandKm2: number | null;
  croplandHa: number | null;
  validKm2: number | null;
  /** Observed (valid, cloud-free), hidden by cloud, without data, water before and after: km². */
  observedKm2: number | null;
  cloudKm2: number | null;
  nodataKm2: number | null;
  permanentWaterKm2: number | null;
  thresholds: Threshold[];
  ndviThreshold: number | null;
  dates: { label: string; date: string | null; id: string | null }[];
  method: string | null;
  synthetic: boolean;
  reprojected: boolean;
  elapsedMs: number | null;
}

function area(v: unknown): { km2: number | null; ha: number | null } {
  const o = obj(v);
  return { km2: num(o?.km2), ha: num(o?.ha) };
}

function threshold(label: string, v: unknown): Threshold | null {
  const o = obj(v);
  if (!o) return null;
  return { label, value: num(o.value), method: str(o.method) };
}

export function readSummary(kind: 'flood' | 'water', summary: Obj): SummaryView {
  const a = area(summary.area);
  const c = area(summary.cropland);
  const thresholds: Threshold[] = [];
  let ndviThreshold: number | null = null;
  const dates: SummaryView['dates'] = [];
  const ts = obj(summary.thresholds);
  if (ts) {
    const post = threshold('after', ts.post);
    const pre = threshold('before', ts.pre);
    if (post) thresholds.push(post);
    if (pre) thresholds.push(pre);
    ndviThreshold = num(ts.ndviPre);
  } else {
    const t = threshold('water', summary.threshold);
    if (t) thresholds.push(t);
  }
  const scenes = obj(summary.scenes);
  if (scenes) {
    for (const [key, label] of [
      ['pre', 'Before'],
      ['post', 'After'],
    ] as const) {
      const s = obj(scenes[key]);
      if (s) dates.push({ label, date: str(s.datetime), id: str(s.id) });
    }
  }
  const scene = obj(summary.scene);
  if (scene) dates.push({ label: 'Scene', date: str(scene.datetime), id: str(scene.id) });
  return {
    kind,
    index: str(summary.index),
    areaKm2: a.km2,
    areaHa: a.ha,
    croplandKm2: c.km2,
    croplandHa: c.ha,
    validKm2: area(summary.validArea).km2,
    observedKm2: num(summary.observedKm2) ?? area(summary.validArea).km2,
    cloudKm2: num(summary.cloudKm2),
    nodataKm2: num(summary.nodataKm2),
    permanentWaterKm2: num(summary.permanentWaterKm2),
    thresholds,
    ndviThreshold,
    dates,
    method: str(summary.method),
    synthetic: summary.synthetic === true,
    reprojected: summary.reprojected === true,
    elapsedMs: num(summary.elapsedMs),
  };
}

export function methodLabel(method: string | null): string {
  switch (method) {
    case 'otsu':
    case 'tiled-otsu':
    case 'manual':
      return i18n.t(`workspace:result.methods.${method}`);
    default:
      return method ?? '?';
  }
}

/** Figures in the interface language's digits (Urdu digits in Urdu). */
export function fmtKm2(v: number | null): string {
  return v === null ? '—' : fmtNumber(v, v >= 100 ? 1 : 2);
}

export function fmtHa(v: number | null): string {
  return v === null ? '—' : fmtNumber(v, 0);
}

export function fmtPct(v: number | null): string {
  return v === null ? '—' : `${fmtNumber(v, v >= 10 ? 1 : 2)}\u00a0%`;
}

export function fmtDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : i18n.t('workspace:scenes.noDate');
}

export type ZoneRow = NonNullable<AnalysisJobResult['zones']>[number];

/** Zones sorted by affected area, largest first. */
export function sortZones(zones: ZoneRow[]): ZoneRow[] {
  return [...zones].sort((a, b) => b.km2 - a.km2 || a.name.localeCompare(b.name));
}

/** The district table as tab-separated text (for pasting into a spreadsheet). */
export function zonesTsv(kind: 'flood' | 'water', zones: ZoneRow[]): string {
  const what = kind === 'flood' ? 'flooded' : 'water';
  const head = ['District', `${what} km2`, `${what} ha`, '% of district', 'flooded cropland km2'];
  // What the figures rest on, when the engine reports it: observed, hidden, permanent water.
  const cover = zones.some((z) => typeof z.observedKm2 === 'number');
  if (cover) head.push('observed km2', 'cloud km2', 'no data km2', 'permanent water km2');
  const km2 = (v: number | undefined) => (v === undefined ? '' : v.toFixed(3));
  const rows = sortZones(zones).map((z) => [
    z.name,
    z.km2.toFixed(3),
    z.ha.toFixed(1),
    z.sharePct === null ? '' : z.sharePct.toFixed(2),
    km2(z.croplandKm2),
    ...(cover ? [km2(z.observedKm2), km2(z.cloudKm2), km2(z.nodataKm2), km2(z.permanentWaterKm2)] : []),
  ]);
  return toTsv(head, rows);
}
