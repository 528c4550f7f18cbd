/**
 * The map raster of a printed page, composed in Node with the engine's readers: the scene in true
 * colour (or an index through its colour ramp) resampled onto a page-resolution grid of the
 * extent, with result masks (flood, water) laid over in their map colours.
 */
import { colorize, RAMPS } from '../../shared/analysis/colormap';
import type { IndexDef } from '../../shared/analysis/indices';
import { histogram, histogramPercentile } from '../../shared/analysis/stretch';
import type { Extent } from '../../shared/export/carto';
import type { BandRole, GeoTransform, Scene } from '../../shared/scene';
import { resolveFormula } from '../engine/analysis';
import { type BandSource, computeWindow, FdCache, type Grid, readBandOnGrid } from '../engine/compute';
import { bandSources, cloudMaskSource, maskFileSource, sceneRoles } from '../engine/scene-input';

/** The grid of the map box: the extent in the scene's CRS at the page's pixel size. */
export interface MapFrame extends Grid {
  extent: Extent;
}

export function mapFrame(crs: string, extent: Extent, width: number, height: number): MapFrame {
  const gt: GeoTransform = [
    extent[0],
    (extent[2] - extent[0]) / width,
    0,
    extent[3],
    0,
    -(extent[3] - extent[1]) / height,
  ];
  return { crs, extent, width, height, gt };
}

export interface RasterLayer {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Physical values of one band on the frame; nodata and outside the scene → NaN. */
function physical(fds: FdCache, src: BandSource, frame: MapFrame): Float32Array {
  const raw = readBandOnGrid(fds, src, frame, 0, 0, frame.width, frame.height, 'bilinear');
  const { scale, offset, nodata } = src.scaling;
  const out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i];
    out[i] = d === nodata || Number.isNaN(d) ? Number.NaN : d * (scale ?? 1) + (offset ?? 0);
  }
  return out;
}

/**
 * The app map's composite rule (renderer/src/workers/render.ts), so the page looks like the
 * screen: reflectance bands share one fixed range [0, 0.3] with a display gamma of 1/1.8 (pre- and
 * post-flood scenes drawn alike, clouds cannot darken the land); other data get each band's 2–98 %.
 */
const REFLECTANCE_MAX = 0.3;
const GAMMA = 1 / 1.8;

function stretchInto(
  values: Float32Array,
  rgba: Uint8ClampedArray,
  channel: number,
  reflectance: boolean,
): void {
  let lo = 0;
  let hi = REFLECTANCE_MAX;
  if (!reflectance) {
    const h = histogram(values, 1024);
    lo = histogramPercentile(h, 2);
    hi = histogramPercentile(h, 98);
  }
  const k = hi > lo ? 1 / (hi - lo) : 0;
  const gamma = reflectance ? GAMMA : 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const t = Math.min(1, Math.max(0, (v - lo) * k));
    rgba[i * 4 + channel] = 255 * t ** gamma;
    rgba[i * 4 + 3] = 255;
  }
}

/** Red, green and blue (or the first band in grey when the scene lacks them). */
export function trueColour(
  scene: Scene,
  frame: MapFrame,
  rgb: BandRole[] = ['red', 'green', 'blue'],
): RasterLayer {
  const roles = sceneRoles(scene);
  const fds = new FdCache();
  const rgba = new Uint8ClampedArray(frame.width * frame.height * 4);
  try {
    const sources = bandSources(scene, rgb.every((r) => roles.includes(r)) ? rgb : [roles[0]]);
    const reflectance = sources.every((s) => (s.scaling.scale ?? 1) > 0 && (s.scaling.scale ?? 1) <= 0.001);
    if (sources.length === 3) {
      sources.forEach((src, c) => {
        stretchInto(physical(fds, src, frame), rgba, c, reflectance);
      });
    } else {
      const grey = physical(fds, sources[0], frame);
      for (const c of [0, 1, 2]) stretchInto(grey, rgba, c, reflectance);
    }
  } finally {
    fds.close();
  }
  return { rgba, width: frame.width, height: frame.height };
}

export interface IndexLayer extends RasterLayer {
  label: string;
  def: IndexDef | null;
  range: [number, number];
  ramp: string;
}

/** An index or band-math expression through its ramp over its typical range (2–98 % for expressions). */
export function indexLayer(
  scene: Scene,
  indexOrExpression: string,
  frame: MapFrame,
  shown: { ramp?: string; range?: [number, number] } = {},
): IndexLayer {
  const f = resolveFormula(scene, indexOrExpression);
  const fds = new FdCache();
  let values: Float32Array;
  try {
    const spec = {
      bands: bandSources(scene, f.roles),
      formula: f.formula,
      grid: frame,
      resampling: 'bilinear' as const,
    };
    const mask = cloudMaskSource(scene);
    values = computeWindow(fds, mask ? { ...spec, mask } : spec, 0, 0, frame.width, frame.height);
  } finally {
    fds.close();
  }
  let range: [number, number];
  if (shown.range && shown.range[1] > shown.range[0]) range = shown.range;
  else if (f.def) range = f.def.typicalRange;
  else {
    const h = histogram(values, 1024);
    range = [histogramPercentile(h, 2), histogramPercentile(h, 98)];
  }
  const ramp = shown.ramp && RAMPS[shown.ramp] ? shown.ramp : (f.def?.ramp ?? 'ndvi');
  const rgba = colorize(values, ramp, range[0], range[1], new Uint8ClampedArray(values.length * 4));
  return { rgba, width: frame.width, height: frame.height, label: f.label, def: f.def, range, ramp };
}

/** Pixels of a mask COG equal to `value` (1 = yes), read onto the frame with nearest neighbour. */
export function maskPixels(path: string, frame: MapFrame, value = 1): Uint8Array {
  const mask = maskFileSource(path, frame.crs);
  if (!mask) return new Uint8Array(frame.width * frame.height);
  const src: BandSource = { role: 'pan', ...mask };
  const fds = new FdCache();
  try {
    const raw = readBandOnGrid(fds, src, frame, 0, 0, frame.width, frame.height, 'nearest');
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw[i] === value ? 1 : 0;
    return out;
  } finally {
    fds.close();
  }
}

/** Paints `color` with `alpha` (0–1) over the layer where `mask` is set. */
export function overlay(
  layer: RasterLayer,
  mask: Uint8Array,
  color: [number, number, number],
  alpha = 0.85,
): void {
  const { rgba } = layer;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const o = i * 4;
    for (let c = 0; c < 3; c++) rgba[o + c] = rgba[o + c] * (1 - alpha) + color[c] * alpha;
    rgba[o + 3] = 255;
  }
}

/** Cloudy pixels of the scene's cloud mask on the frame (any value but 0 and nodata); null without a mask. */
export function cloudPixels(scene: Scene, frame: MapFrame): Uint8Array | null {
  const src = cloudMaskSource(scene);
  if (!src) return null;
  const fds = new FdCache();
  try {
    const raw = readBandOnGrid(
      fds,
      { ...src, role: 'pan' },
      frame,
      0,
      0,
      frame.width,
      frame.height,
      'nearest',
    );
    const nodata = src.scaling.nodata;
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++)
      out[i] = raw[i] && raw[i] !== nodata && !Number.isNaN(raw[i]) ? 1 : 0;
    return out;
  } finally {
    fds.close();
  }
}
