/**
 * The export dialog's choices and the request they make. Which scene, index, analysis result and
 * boundary layer an export uses come from what the analyst has on screen.
 */
import type { ExportKind, ExportRequest } from '../../../../shared/contract';
import type { ExportLayer } from '../../../../shared/export/layers';

/** The layers with the chosen zones layer named on the map (added on top when the map lacks it). */
export function withZones(layers: ExportLayer[], zones: string | undefined): ExportLayer[] {
  if (!zones) return layers;
  const out = layers.map((l) => (l.type === 'vector' ? { ...l, labels: l.id === zones } : l));
  if (!out.some((l) => l.type === 'vector' && l.id === zones))
    out.push({ type: 'vector', id: zones, labels: true, opacity: 1 });
  return out;
}

export interface ExportChoices {
  kind: ExportKind;
  size: 'a4' | 'a3';
  landscape: boolean;
  dpi: 150 | 300;
  lang: 'en' | 'ur';
  title: string;
  zones: string;
  /** Print the map's current view instead of the whole scene. */
  viewExtent: boolean;
}

export interface ExportContext {
  sceneId: string | null;
  /** What the map shows, lon/lat [w, s, e, n] (null before the first frame). */
  view: [number, number, number, number] | null;
  /** The index shown ('truecolor' for true colour). */
  indexId: string;
  /** The map's visible layers, bottom first. */
  layers: ExportLayer[];
  /** The finished analysis shown, with the scenes of a flood pair. */
  result: { jobId: string; kind: 'flood' | 'water'; preId?: string; postId?: string; zones?: string } | null;
}

export const EXPORT_CHOICES: ExportKind[] = [
  'map-pdf',
  'map-png',
  'report-pdf',
  'geojson',
  'kml',
  'csv',
  'cog',
];

/** Kinds that need a finished analysis result. */
export const NEEDS_RESULT = new Set<ExportKind>(['geojson', 'kml', 'csv']);

/** The request for the choices, or the i18n key of what is missing. */
export function exportRequest(c: ExportChoices, ctx: ExportContext): ExportRequest | { missing: string } {
  const index = ctx.indexId !== 'truecolor' ? ctx.indexId : undefined;
  const zones = c.zones || undefined;
  if (c.kind === 'report-pdf') {
    const r = ctx.result;
    if (r?.kind !== 'flood' || !r.preId || !r.postId) return { missing: 'dialog.needsPair' };
    return { kind: c.kind, sceneId: r.postId, preId: r.preId, zones: zones ?? r.zones, lang: c.lang };
  }
  if (!ctx.sceneId) return { missing: 'dialog.needsScene' };
  if (NEEDS_RESULT.has(c.kind)) {
    if (!ctx.result) return { missing: 'dialog.needsResult' };
    return { kind: c.kind, sceneId: ctx.sceneId, resultJobId: ctx.result.jobId, lang: c.lang };
  }
  if (c.kind === 'cog') return { kind: c.kind, sceneId: ctx.sceneId, index: index ?? 'ndvi' };
  return {
    kind: c.kind,
    sceneId: ctx.sceneId,
    index,
    resultJobId: ctx.result?.jobId,
    preId: ctx.result?.kind === 'flood' && ctx.result.postId === ctx.sceneId ? ctx.result.preId : undefined,
    zones,
    title: c.title.trim() || undefined,
    lang: c.lang,
    size: c.size,
    landscape: c.landscape,
    dpi: c.kind === 'map-png' ? c.dpi : 300,
    ...(c.viewExtent && ctx.view ? { bbox: ctx.view } : {}),
    ...(ctx.layers.length ? { layers: withZones(ctx.layers, zones) } : {}),
  };
}
