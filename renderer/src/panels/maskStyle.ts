/**
 * Colours of result masks on the map, and which scenes a result belongs to.
 *
 * Flood is a vivid violet that no index ramp uses (test/renderer/mask-colors.test.ts measures the
 * CIELAB distance to every ramp colour), so a flood mask is never read as the water end of an MNDWI
 * view; it also stands out against brown flood water and dark rivers in true colour. Water (single
 * scene) is cyan.
 */
import {
  CLASS_CLOUD,
  CLASS_DRY,
  CLASS_FLOODED,
  CLASS_FLOODED_CROPLAND,
  CLASS_PERMANENT_WATER,
} from '../../../shared/analysis/resultClasses';
import type { ClassColor } from '../workers/protocol';

export const MASK_COLORS: Record<'flood' | 'water', [number, number, number]> = {
  flood: [150, 40, 255],
  water: [6, 182, 212],
};

/**
 * Colours of the result classes (shared/analysis/resultClasses.ts) on the map and in its key:
 * flooded keeps the flood violet (water maps: cyan); flooded cropland is a pink of the same family,
 * so it still reads as flood; permanent water is a deep blue, far from both; cloud is grey stripes
 * (the imagery shows between them). Dry land and no data are not drawn.
 */
export function classColors(kind: 'flood' | 'water'): ClassColor[] {
  return [
    { code: CLASS_FLOODED, rgb: MASK_COLORS[kind] },
    { code: CLASS_FLOODED_CROPLAND, rgb: [236, 72, 153] },
    { code: CLASS_PERMANENT_WATER, rgb: [30, 64, 175] },
    { code: CLASS_CLOUD, rgb: [148, 163, 184], hatch: true },
  ];
}

/** The legend name (layers:classes.*) of a class code in a flood or water result. */
export function classLabelKey(code: number, kind: 'flood' | 'water'): string {
  if (code === CLASS_FLOODED) return kind === 'flood' ? 'flooded' : 'water';
  if (code === CLASS_FLOODED_CROPLAND) return 'flooded_cropland';
  if (code === CLASS_PERMANENT_WATER) return 'permanent_water';
  if (code === CLASS_CLOUD) return 'cloud';
  if (code === CLASS_DRY) return kind === 'flood' ? 'not_flooded' : 'land';
  return 'nodata';
}

/**
 * A result is drawn (mask and key) only over a scene it was computed from: the post-event scene of
 * a flood pair or the analysed scene of a water map (the pre-event scene too, to compare). Results
 * whose scene ids are unknown are shown.
 */
export function resultShownWith(dates: { id: string | null }[], sceneId: string | null): boolean {
  const ids = dates.map((d) => d.id).filter((id): id is string => !!id);
  if (ids.length === 0) return true;
  if (!sceneId) return false;
  return ids.some((id) => id === sceneId || sceneId.endsWith(`:${id}`) || id.endsWith(`:${sceneId}`));
}
