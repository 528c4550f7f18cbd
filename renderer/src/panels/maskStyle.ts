/**
 * Colours of result masks on the map. Flood in a saturated blue-violet that reads against both the
 * brown flood water and the dark river of a true-colour scene; water in cyan.
 */
export const MASK_COLORS: Record<'flood' | 'water', [number, number, number]> = {
  flood: [37, 99, 235],
  water: [6, 182, 212],
};
