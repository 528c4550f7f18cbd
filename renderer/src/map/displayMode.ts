/**
 * What the workers are asked to draw for a view, from the layers store: a composite with the
 * user's per-band stretch, an index with its chosen ramp and range, or the custom band-math view.
 * The key changes exactly when the drawing does, so the map re-renders only then.
 */
import { getIndex } from '../../../shared/analysis/indices';
import { EXPRESSION_VIEW, type LayersState } from '../state/layers';
import type { RenderMode } from '../workers/protocol';
import { findView } from './views';

export interface DisplayMode {
  mode: RenderMode;
  key: string;
}

export function displayMode(viewId: string, l: LayersState): DisplayMode | null {
  if (viewId === EXPRESSION_VIEW) {
    const { text, range, ramp } = l.expression;
    return { mode: { kind: 'expression', text, range, ramp }, key: `expr|${text}|${range}|${ramp}` };
  }
  const view = findView(viewId);
  if (!view) return null;
  if (view.type === 'composite') {
    const roles = view.def.roles;
    const ranges = roles.map((r) => l.ranges[r]);
    if (l.stretchMode === 'fixed' || ranges.some((r) => !r))
      return { mode: { kind: 'rgb', roles }, key: `${viewId}|default` };
    const stretch = Object.fromEntries(roles.map((r, i) => [r, ranges[i]]));
    return { mode: { kind: 'rgb', roles, stretch, linear: true }, key: `${viewId}|${ranges.join(';')}` };
  }
  const def = getIndex(view.def.id);
  const ramp = l.ramps[def.id] ?? def.ramp;
  const range = l.indexRanges[def.id] ?? def.typicalRange;
  return { mode: { kind: 'index', index: def.id, range, ramp }, key: `${viewId}|${ramp}|${range}` };
}
