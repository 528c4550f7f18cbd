/**
 * What can be shown for a scene: colour composites and the shared indices, each with the bands it
 * needs, so the picker can disable a view and name the missing band.
 */
import { type LegendStop, legendStops, RAMPS } from '../../../shared/analysis/colormap';
import { INDICES, type IndexDef, missingBands, ROLE_LABELS } from '../../../shared/analysis/indices';
import type { BandRole } from '../../../shared/scene';

export interface CompositeDef {
  id: 'truecolor' | 'falsecolor' | 'agriculture';
  name: string;
  label: string;
  longName: string;
  roles: [BandRole, BandRole, BandRole];
}

export const COMPOSITES: CompositeDef[] = [
  {
    id: 'truecolor',
    name: 'True colour',
    label: 'True colour (red, green, blue)',
    longName: 'True colour composite (red, green, blue)',
    roles: ['red', 'green', 'blue'],
  },
  {
    id: 'falsecolor',
    name: 'False colour',
    label: 'False colour (NIR, red, green)',
    longName: 'Colour-infrared composite: vegetation red, water dark',
    roles: ['nir', 'red', 'green'],
  },
  {
    id: 'agriculture',
    name: 'Agriculture',
    label: 'Agriculture (SWIR, NIR, blue)',
    longName: 'Agriculture composite (SWIR 1.6 µm, NIR, blue): crops bright green, bare soil brown',
    roles: ['swir16', 'nir', 'blue'],
  },
];

export type ViewDef = { type: 'composite'; def: CompositeDef } | { type: 'index'; def: IndexDef };

export const VIEWS: ViewDef[] = [
  ...COMPOSITES.map((def) => ({ type: 'composite' as const, def })),
  ...INDICES.map((def) => ({ type: 'index' as const, def })),
];

export function findView(id: string): ViewDef | undefined {
  return VIEWS.find((v) => v.def.id === id);
}

export function viewRoles(view: ViewDef): BandRole[] {
  return view.type === 'composite' ? view.def.roles : view.def.bands;
}

/** Missing roles for a view given the scene's roles ([] = available). */
export function viewMissing(view: ViewDef, roles: Iterable<BandRole>): BandRole[] {
  if (view.type === 'index') return missingBands(view.def, roles);
  const have = new Set(roles);
  return view.def.roles.filter((r) => !have.has(r));
}

export function roleLabel(role: BandRole): string {
  return ROLE_LABELS[role] ?? role;
}

/** The first view a scene can show, preferring `wanted`. */
export function availableView(wanted: string, roles: BandRole[]): string {
  const v = findView(wanted);
  if (v && viewMissing(v, roles).length === 0) return wanted;
  const first = VIEWS.find((x) => viewMissing(x, roles).length === 0);
  return first ? first.def.id : wanted;
}

export interface Legend {
  title: string;
  subtitle: string;
  gradient: string;
  stops: LegendStop[];
  rampLabel: string;
}

/** The legend of an index as drawn: its own ramp and range unless the layers panel chose others. */
export function indexLegend(
  def: IndexDef,
  rampId: string = def.ramp,
  range: [number, number] = def.typicalRange,
): Legend {
  return rampLegend(`${def.name} · ${def.longName}`, def.formula, rampId, range);
}

/** A legend for values drawn with a ramp over [min, max] (an index or a band-math expression). */
export function rampLegend(
  title: string,
  subtitle: string,
  rampId: string,
  [min, max]: [number, number],
): Legend {
  const ramp = RAMPS[rampId];
  const stops = legendStops(rampId, min, max, 6);
  const fine = legendStops(rampId, min, max, 24);
  return {
    title,
    subtitle,
    gradient: `linear-gradient(to right, ${fine.map((s, i) => `${s.color} ${((i / (fine.length - 1)) * 100).toFixed(1)}%`).join(', ')})`,
    stops,
    rampLabel: ramp?.label ?? '',
  };
}
