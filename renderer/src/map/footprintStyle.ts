/**
 * Scene footprints on the map: a dashed outline, and while a footprint is too small to see (a
 * scene of a few tens of kilometres at country zoom is a few pixels) a ringed marker at its centre,
 * so the sample scenes can be found from the whole-country view.
 */

import { getCenter } from 'ol/extent';
import type { FeatureLike } from 'ol/Feature';
import Point from 'ol/geom/Point';
import { Circle, Fill, Stroke, Style } from 'ol/style';

const ORANGE = 'rgba(180, 83, 9, 0.95)';
const OUTLINE = new Style({
  // Outline only: a fill would tint the scene drawn underneath (and the colours read off it).
  stroke: new Stroke({ color: 'rgba(180, 83, 9, 0.9)', width: 1.2, lineDash: [5, 4] }),
});
const OUTLINE_SELECTED = new Style({ stroke: new Stroke({ color: '#b45309', width: 2 }) });
const RING = new Circle({
  radius: 9,
  stroke: new Stroke({ color: ORANGE, width: 3 }),
  fill: new Fill({ color: 'rgba(254, 243, 199, 0.85)' }),
});

/** Below this size on screen (CSS pixels) a footprint also gets a marker. */
export const MIN_FOOTPRINT_PX = 24;

export function footprintStyle(feature: FeatureLike, resolution: number): Style[] {
  const outline = feature.get('selected') ? OUTLINE_SELECTED : OUTLINE;
  const ext = feature.getGeometry()?.getExtent();
  if (!ext) return [outline];
  const px = Math.max(ext[2] - ext[0], ext[3] - ext[1]) / resolution;
  if (px >= MIN_FOOTPRINT_PX) return [outline];
  return [outline, new Style({ geometry: new Point(getCenter(ext)), image: RING })];
}
