/**
 * Tile rendering in a worker: bands sampled onto the tile grid, then either a true-colour stretch
 * or an index computed by the shared kernels (shared/analysis) and colourised with the shared ramps,
 * so the map and the CLI numbers come from the same code. Nodata and off-scene pixels → alpha 0.
 */
import { colorize } from '../../../shared/analysis/colormap';
import { type CompiledExpression, compileExpression } from '../../../shared/analysis/expression';
import {
  type BandArray,
  type BandSet,
  computeIndex,
  getIndex,
  type ScalingSet,
} from '../../../shared/analysis/indices';
import { type Histogram, histogram } from '../../../shared/analysis/stretch';
import { NigahError } from '../../../shared/errors';
import type { BandRole } from '../../../shared/scene';
import { renderClasses } from './classes';
import type { PixelResult, RenderBand, RenderMode, TileResult } from './protocol';
import { bandStats, readPixel, sampleBand } from './raster';
import type { WarpGrid } from './warp';

/** Display gamma for composites: lifts dark vegetation and water without blowing out sand. */
const GAMMA = 1 / 1.8;
const GAMMA_LUT = Uint8ClampedArray.from({ length: 1024 }, (_, i) => Math.round(255 * (i / 1023) ** GAMMA));
const LINEAR_LUT = Uint8ClampedArray.from({ length: 1024 }, (_, i) => Math.round((255 * i) / 1023));

/** Top of the display range for reflectance composites (surface/TOA reflectance, 0–1). */
export const REFLECTANCE_MAX = 0.3;
/** Vegetation reflects 0.3–0.5 in the near infrared: a wider range keeps density differences visible. */
export const INFRARED_MAX = 0.5;
const INFRARED = new Set<RenderBand['role']>(['nir', 'nir08', 'nir09', 'swir16', 'swir22']);

/**
 * Bands whose scale turns DN into reflectance (S-2 L2A 1e-4, Landsat C2 2.75e-5, GF-1 TOA ~1e-4),
 * as opposed to 8-bit DN or radiance.
 */
export function isReflectance(b: RenderBand): boolean {
  return b.scale > 0 && b.scale <= 0.001;
}

/**
 * Display ranges for a composite. Reflectance bands all get one fixed range [0, 0.3]: colours keep
 * their balance, bright clouds cannot darken the land (a per-band 98th percentile lands on them when
 * they cover > 2 % of a scene), and a pre- and a post-flood scene are drawn alike, so they can be
 * compared by eye; no statistics are needed, so the first tile does not wait for any. Other data
 * (8-bit DN, radiance) get each band's own 2–98 % range from an overview.
 */
export async function compositeRanges(bands: RenderBand[]): Promise<[number, number][]> {
  if (bands.every(isReflectance))
    return bands.map((b) => [0, INFRARED.has(b.role) ? INFRARED_MAX : REFLECTANCE_MAX]);
  const stats = await Promise.all(bands.map((b) => bandStats(b)));
  return stats.map((s) => [s.p2, s.p98]);
}

/** The finest band for each role (S-2 has 10 m and 20 m bands). */
export function bandsByRole(bands: RenderBand[]): Map<BandRole, RenderBand> {
  const map = new Map<BandRole, RenderBand>();
  for (const b of bands) {
    if (!b.role) continue;
    const prev = map.get(b.role);
    if (!prev || Math.abs(b.geotransform[1]) < Math.abs(prev.geotransform[1])) map.set(b.role, b);
  }
  return map;
}

function need(byRole: Map<BandRole, RenderBand>, role: BandRole): RenderBand {
  const b = byRole.get(role);
  if (!b)
    throw new NigahError('MISSING_BAND', `This scene has no ${role} band.`, {
      hint: 'Pick another view in the index list.',
    });
  return b;
}

/** A result mask's tile: value-1 pixels in `color`, everything else transparent. */
async function renderMask(
  band: RenderBand,
  color: [number, number, number],
  grid: WarpGrid,
  signal?: AbortSignal,
): Promise<TileResult> {
  const t0 = performance.now();
  const { data } = await sampleBand(band, grid, signal);
  const rgba = new Uint8ClampedArray(grid.width * grid.height * 4);
  let filled = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // Overviews of a mask may hold averaged values; anything between 0.5 and nodata counts as yes.
    if (!(v >= 0.5 && v < 255)) continue;
    const o = i * 4;
    rgba[o] = color[0];
    rgba[o + 1] = color[1];
    rgba[o + 2] = color[2];
    rgba[o + 3] = 255;
    filled++;
  }
  return { rgba, filled, ms: performance.now() - t0 };
}

/** Compiled band-math expressions, by text (evaluation is synchronous, so one per worker is safe). */
const expressions = new Map<string, CompiledExpression>();

function compiled(text: string): CompiledExpression {
  let c = expressions.get(text);
  if (!c) {
    c = compileExpression(text);
    if (expressions.size > 16) expressions.clear();
    expressions.set(text, c);
  }
  return c;
}

export async function renderTile(
  bands: RenderBand[],
  mode: RenderMode,
  grid: WarpGrid,
  signal?: AbortSignal,
): Promise<TileResult> {
  const t0 = performance.now();
  if (mode.kind === 'mask') return renderMask(bands[0], mode.color, grid, signal);
  if (mode.kind === 'classes') return renderClasses(bands[0], mode.colors, grid, signal);
  const { width, height } = grid;
  const byRole = bandsByRole(bands);
  const n = width * height;
  const rgba = new Uint8ClampedArray(n * 4);
  let filled = 0;
  if (mode.kind === 'rgb') {
    const roles = mode.roles;
    const used = roles.map((r) => need(byRole, r));
    const sampled = await Promise.all(used.map((b) => sampleBand(b, grid, signal)));
    if (sampled.every((s) => s.inside === 0)) return { rgba, filled: 0, ms: performance.now() - t0 };
    const ranges = mode.stretch
      ? roles.map((r) => mode.stretch?.[r] ?? ([0, 1] as [number, number]))
      : await compositeRanges(used);
    // DN → LUT index in one multiply-add: ((DN·scale + offset) − lo) / (hi − lo) · (LUT − 1).
    const k = used.map((b, i) => {
      const [lo, hi] = ranges[i];
      const f = (GAMMA_LUT.length - 1) / (hi - lo);
      return { m: f * b.scale, c: (b.offset - lo) * f, nd: b.nodata ?? Number.NaN };
    });
    const top = GAMMA_LUT.length - 1;
    const lut = mode.linear ? LINEAR_LUT : GAMMA_LUT;
    const [R, G, B] = sampled.map((s) => s.data);
    for (let i = 0; i < n; i++) {
      const r = R[i];
      const g = G[i];
      const b = B[i];
      if (Number.isNaN(r + g + b) || r === k[0].nd || g === k[1].nd || b === k[2].nd) continue;
      const o = i * 4;
      const ir = r * k[0].m + k[0].c;
      const ig = g * k[1].m + k[1].c;
      const ib = b * k[2].m + k[2].c;
      rgba[o] = lut[ir <= 0 ? 0 : ir >= top ? top : ir | 0];
      rgba[o + 1] = lut[ig <= 0 ? 0 : ig >= top ? top : ig | 0];
      rgba[o + 2] = lut[ib <= 0 ? 0 : ib >= top ? top : ib | 0];
      rgba[o + 3] = 255;
      filled++;
    }
    return { rgba, filled, ms: performance.now() - t0 };
  }
  const expr = mode.kind === 'expression' ? compiled(mode.text) : null;
  const roles = mode.kind === 'index' ? getIndex(mode.index).bands : (expr as CompiledExpression).bands;
  const used = roles.map((r) => need(byRole, r));
  const sampled = await Promise.all(used.map((b) => sampleBand(b, grid, signal)));
  if (sampled.every((s) => s.inside === 0)) return { rgba, filled: 0, ms: performance.now() - t0 };
  const set: BandSet = {};
  const scales: ScalingSet = {};
  roles.forEach((role, i) => {
    set[role] = sampled[i].data as BandArray;
    scales[role] = { scale: used[i].scale, offset: used[i].offset, nodata: used[i].nodata };
  });
  const values =
    mode.kind === 'index'
      ? computeIndex(mode.index, set, scales, new Float32Array(n))
      : (expr as CompiledExpression).evaluate(set, scales, new Float32Array(n));
  colorize(values, mode.ramp, mode.range[0], mode.range[1], rgba);
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) filled++;
  return { rgba, filled, ms: performance.now() - t0 };
}

/** Band values and the index at one point (scene CRS), all at full resolution. */
export async function inspectPixel(
  bands: RenderBand[],
  x: number,
  y: number,
  index: string | null,
  indices?: string[],
): Promise<PixelResult> {
  const dns = await Promise.all(bands.map((b) => readPixel(b, x, y)));
  const rows = bands.map((b, i) => {
    const dn = dns[i];
    const valid = dn !== null && dn !== b.nodata && !Number.isNaN(dn);
    return { name: b.name, role: b.role, dn, value: valid ? dn * b.scale + b.offset : null };
  });
  const inside = dns.some((d) => d !== null);
  const byRole = bandsByRole(bands);
  const at = (id: string): number | null => {
    const def = getIndex(id);
    const set: BandSet = {};
    const scales: ScalingSet = {};
    for (const role of def.bands) {
      const b = need(byRole, role);
      const dn = dns[bands.indexOf(b)];
      set[role] = Float32Array.of(dn === null ? Number.NaN : dn);
      scales[role] = { scale: b.scale, offset: b.offset, nodata: b.nodata };
    }
    const out = computeIndex(def.id, set, scales, new Float32Array(1));
    return Number.isNaN(out[0]) ? null : out[0];
  };
  const value = index && inside ? at(index) : null;
  const values = inside ? (indices ?? []).map((id) => ({ id: getIndex(id).id, value: at(id) })) : [];
  return { inside, bands: rows, index: value, indices: values };
}

/** Histograms of each band's physical values over a warp grid (the current view). */
export async function bandHistograms(
  bands: RenderBand[],
  grid: WarpGrid,
  bins: number,
  signal?: AbortSignal,
): Promise<Histogram[]> {
  const sampled = await Promise.all(bands.map((b) => sampleBand(b, grid, signal)));
  return sampled.map((s, i) =>
    histogram(s.data, bins, { scale: bands[i].scale, offset: bands[i].offset, nodata: bands[i].nodata }),
  );
}
