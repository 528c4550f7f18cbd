/**
 * `load_collection` over local scenes: the scenes whose date falls in the temporal extent and whose
 * footprint meets the bounding box, read through the engine's band sources onto one target grid
 * (the first loaded scene's finest grid, cut to the box; other scenes are resampled onto it with
 * nearest, as the engine's `flood` does with the pre-event scene). Values arrive in the
 * collection's units (the graph converts them to reflectance with the collection's scale/offset);
 * the collection's cloud band is synthesised from the scene's cloud mask.
 */

import { NigahError } from '../../shared/errors';
import { type CollectionDef, getCollection, roleOfBand } from '../../shared/openeo/collections';
import { fromLonLat } from '../../shared/proj';
import type { BandRole, Scene } from '../../shared/scene';
import type { Grid } from '../engine/compute';
import { type FdCache, readBandOnGrid } from '../engine/compute';
import { bandSources, cloudMaskSource, finestGrid, sceneRoles } from '../engine/scene-input';
import type { Plane } from './ops';

/** The output window: a w×h block at (x0, y0) of a scene's full grid. */
export interface Target {
  grid: Grid;
  x0: number;
  y0: number;
  w: number;
  h: number;
}

export interface Cube {
  target: Target;
  t: string[] | null;
  bands: string[] | null;
  /** planes[ti · nb + bi], nb = bands?.length ?? 1. */
  planes: Plane[];
}

export interface LoadArgs {
  id: string;
  spatial_extent: { west: number; south: number; east: number; north: number };
  temporal_extent: [string, string];
  bands: string[];
}

function inInterval(dt: string | null, [a, b]: [string, string]): boolean {
  if (!dt) return false;
  const t = Date.parse(dt);
  return t >= Date.parse(a) && t < Date.parse(b);
}

function meetsBox(s: Scene, e: LoadArgs['spatial_extent']): boolean {
  const [w, so, ea, n] = s.bbox;
  return w < e.east && ea > e.west && so < e.north && n > e.south;
}

/** Window of `grid` covering the lon/lat box (corners transformed), or null when outside. */
export function windowOf(grid: Grid, e: LoadArgs['spatial_extent']): Target | null {
  const corners = fromLonLat(grid.crs, [
    [e.west, e.south],
    [e.west, e.north],
    [e.east, e.south],
    [e.east, e.north],
  ]);
  const [ox, px, , oy, , py] = grid.gt;
  const cols = corners.map(([x]) => (x - ox) / px);
  const rows = corners.map(([, y]) => (y - oy) / py);
  const x0 = Math.max(0, Math.floor(Math.min(...cols)));
  const y0 = Math.max(0, Math.floor(Math.min(...rows)));
  const x1 = Math.min(grid.width, Math.ceil(Math.max(...cols)));
  const y1 = Math.min(grid.height, Math.ceil(Math.max(...rows)));
  if (x1 <= x0 || y1 <= y0) return null;
  return { grid, x0, y0, w: x1 - x0, h: y1 - y0 };
}

/** Scene values of one collection band on the target, in the collection's units (NaN = no data). */
function readBand(fds: FdCache, scene: Scene, c: CollectionDef, band: string, t: Target): Plane {
  const { grid, x0, y0, w, h } = t;
  const out = new Float64Array(w * h);
  if (band === c.cloud.band) {
    const m = cloudMaskSource(scene);
    if (!m) return out.fill(c.cloud.clear);
    const raw = readBandOnGrid(fds, { ...m, role: 'pan' }, grid, x0, y0, w, h, 'nearest');
    const cloudy = c.cloud.kind === 'classes' ? 9 : 2 ** 3;
    for (let i = 0; i < out.length; i++) {
      const v = raw[i];
      out[i] = Number.isNaN(v) || v === m.scaling.nodata ? Number.NaN : v === 0 ? c.cloud.clear : cloudy;
    }
    return out;
  }
  const role = roleOfBand(c, band) as BandRole;
  const [src] = bandSources(scene, [role]);
  const raw = readBandOnGrid(fds, src, grid, x0, y0, w, h, 'nearest');
  const { scale, offset, nodata } = src.scaling;
  for (let i = 0; i < out.length; i++) {
    const v = raw[i];
    out[i] = Number.isNaN(v) || v === nodata ? Number.NaN : (v * scale + offset - c.offset) / c.scale;
  }
  return out;
}

function matching(scenes: Scene[], c: CollectionDef, a: LoadArgs): Scene[] {
  const roles = a.bands.filter((b) => b !== c.cloud.band).map((b) => roleOfBand(c, b));
  const unknown = a.bands.filter((b, i) => b !== c.cloud.band && !roles[i]);
  if (unknown.length)
    throw new NigahError('MISSING_BAND', `The collection ${c.id} has no band ${unknown.join(', ')}.`, {
      hint: `Bands of ${c.id}: ${Object.values(c.bands).join(', ')}, ${c.cloud.band}.`,
    });
  return scenes
    .filter((s) => inInterval(s.datetime, a.temporal_extent) && meetsBox(s, a.spatial_extent))
    .filter((s) => roles.every((r) => sceneRoles(s).includes(r as BandRole)))
    .sort((x, y) => Date.parse(x.datetime ?? '') - Date.parse(y.datetime ?? ''));
}

/** Load a collection from local scenes; `target` is fixed by the first load of a run. */
export function loadCollection(scenes: Scene[], a: LoadArgs, state: { target?: Target; fds: FdCache }): Cube {
  const c = getCollection(a.id);
  const found = matching(scenes, c, a);
  if (!found.length)
    throw new NigahError(
      'NOT_FOUND',
      `No local scene for ${a.id} between ${a.temporal_extent.join(' and ')} in the area.`,
      {
        hint: `Local scenes: ${scenes.map((s) => `${s.id} (${s.datetime ?? 'no date'})`).join(', ') || 'none'}.`,
      },
    );
  if (!state.target) {
    const roles = a.bands.filter((b) => b !== c.cloud.band).map((b) => roleOfBand(c, b) as BandRole);
    const t = windowOf(finestGrid(bandSources(found[0], roles)), a.spatial_extent);
    if (!t)
      throw new NigahError('BAD_ARGUMENT', 'The bounding box does not overlap the scene.', {
        hint: 'Draw the area over the scene.',
      });
    state.target = t;
  }
  const target = state.target;
  const planes: Plane[] = [];
  for (const s of found) for (const b of a.bands) planes.push(readBand(state.fds, s, c, b, target));
  return { target, t: found.map((s) => s.datetime ?? ''), bands: [...a.bands], planes };
}
