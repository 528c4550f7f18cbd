/**
 * Colours of result masks on the map, and which scenes a result belongs to.
 *
 * Flood is a vivid violet that no index ramp uses (test/renderer/mask-colors.test.ts measures the
 * CIELAB distance to every ramp colour), so a flood mask is never read as the water end of an MNDWI
 * view; it also stands out against brown flood water and dark rivers in true colour. Water (single
 * scene) is cyan.
 */
export const MASK_COLORS: Record<'flood' | 'water', [number, number, number]> = {
  flood: [150, 40, 255],
  water: [6, 182, 212],
};

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
