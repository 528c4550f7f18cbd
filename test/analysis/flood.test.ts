/** The flood module's pixel codes and area tally against hand-computed small grids. */
import { describe, expect, it } from 'vitest';
import { MASK_NODATA } from '../../shared/analysis/classify';
import {
  FLAG_YES,
  maskOfFlag,
  newTally,
  newZoneTally,
  pixelCodes,
  sceneState,
  tallyAreas,
  tallyWindow,
  tallyZoneWindow,
} from '../../shared/analysis/flood';
import { rasterizeSpans } from '../../shared/analysis/zonal';

const N = Number.NaN;
/**
 * 4×2 pixels, rows of 100 m² and 200 m². Threshold 0 for water, 0.3 for NDVI.
 *   pixel 0: water before and after            → permanent water
 *   pixel 1: land before, water after, NDVI .6 → flood, flooded cropland
 *   pixel 2: land before, water after, NDVI .1 → flood
 *   pixel 3: land before and after             → observed, no class
 *   pixel 4: cloud after (pre has data)         → cloud
 *   pixel 5: no data before                     → no data
 *   pixel 6: cloud after AND no data before     → no data (missing data wins)
 *   pixel 7: cloud-mask nodata (255) after      → no data
 */
const post = Float32Array.from([0.5, 0.4, 0.2, -0.3, 0.9, 0.3, 0.8, 0.1]);
const postCloud = Uint8Array.from([0, 0, 0, 0, 1, 0, 1, 255]);
const pre = Float32Array.from([0.6, -0.2, -0.1, -0.4, -0.3, N, N, -0.2]);
const ndvi = Float32Array.from([0.1, 0.6, 0.1, 0.5, 0.5, N, N, 0.5]);
const areas = [100, 200];

function codes() {
  return pixelCodes(
    {
      post,
      postState: sceneState(post, postCloud, new Uint8Array(8)),
      postThreshold: 0,
      pre,
      preState: sceneState(pre, null, new Uint8Array(8)),
      preThreshold: 0,
      ndviPre: ndvi,
      ndviThreshold: 0.3,
    },
    new Uint8Array(8),
  );
}

describe('flood module', () => {
  it('flood mask: 1 flood, 0 observed otherwise, 255 under cloud or without data', () => {
    expect([...maskOfFlag(codes(), FLAG_YES, new Uint8Array(8))]).toEqual([
      0,
      1,
      1,
      0,
      MASK_NODATA,
      MASK_NODATA,
      MASK_NODATA,
      MASK_NODATA,
    ]);
  });

  it('tally: flood, flooded cropland, permanent water, observed, cloud and no-data areas', () => {
    const a = tallyAreas(tallyWindow(newTally(), codes(), 4, 4, 2, 0, areas));
    // Row 0 (pixels 0–3) is 100 m² a pixel, row 1 (pixels 4–7) 200 m².
    expect(a.yes).toMatchObject({ pixels: 2, m2: 200 });
    expect(a.floodedCropland).toMatchObject({ pixels: 1, m2: 100 });
    expect(a.permanentWater).toMatchObject({ pixels: 1, m2: 100 });
    expect(a.waterPost).toMatchObject({ pixels: 3, m2: 300 });
    expect(a.observed).toMatchObject({ pixels: 4, m2: 400 });
    expect(a.cloud).toMatchObject({ pixels: 1, m2: 200 });
    expect(a.nodata).toMatchObject({ pixels: 3, m2: 600 });
    expect(a.cloud.km2).toBeCloseTo(0.0002, 12);
  });

  it('a single scene (water run): water where observed, cloud and no data apart', () => {
    const c = pixelCodes(
      { post, postState: sceneState(post, postCloud, new Uint8Array(8)), postThreshold: 0.35 },
      new Uint8Array(8),
    );
    const a = tallyAreas(tallyWindow(newTally(), c, 4, 4, 2, 0, areas));
    expect(a.yes.pixels).toBe(2); // 0.5 and 0.4 (0.9 and 0.8 are under cloud)
    expect(a.cloud.pixels).toBe(2);
    expect(a.nodata.pixels).toBe(1);
    expect(a.observed.pixels).toBe(5);
  });

  it('zone tally counts only the zone’s pixels, with their row areas and the mean index', () => {
    // Square over columns 1–2 of both rows (pixel centres at x = 1.5, 2.5).
    const zone = rasterizeSpans(
      [
        [
          [
            [1, 0],
            [3, 0],
            [3, 2],
            [1, 2],
            [1, 0],
          ],
        ],
      ],
      4,
      2,
    );
    const zt = newZoneTally();
    const index = Float32Array.from(post);
    tallyZoneWindow(zt, zone, codes(), index, 4, { x0: 0, y0: 0, w: 4, h: 2 }, areas);
    const a = tallyAreas(zt.tally);
    // Pixels 1, 2 (flood, row 0) and 5 (no data), 6 (no data) in row 1.
    expect(a.yes.m2).toBe(200);
    expect(a.nodata.m2).toBe(400);
    expect(a.observed.pixels).toBe(2);
    expect(zt.indexCount).toBe(4);
    expect(zt.indexSum).toBeCloseTo(0.4 + 0.2 + 0.3 + 0.8, 6);
  });
});
