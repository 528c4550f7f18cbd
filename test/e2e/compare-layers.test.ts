/**
 * The analyst's workspace in Debian's Chromium (browser mode, `npm run build` beforehand): comparing
 * the pre- and post-flood scenes (view kept on scene change, swipe, the T toggle, side by side), the
 * layers panel (presets, a stretch checked against the inspector's reflectances, band math with its
 * positioned error, the colour ramp) and the inspector in compare mode. Points come from the
 * generator's ground-truth masks; screenshots go to test-output/workspace/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { classColors } from '../../renderer/src/panels/maskStyle';
import { CLASS_PERMANENT_WATER } from '../../shared/analysis/resultClasses';
import { stretchByte } from '../../shared/analysis/stretch';
import { fromLonLat } from '../../shared/proj';
import { e2eSkip, useApp } from './helpers/app';
import { pixelsAt, ROOT, waitForMark } from './helpers/launch';
import { pickPoints, pixelLonLat, readMask, truthGrid } from './helpers/truth';

const NO_CHROMIUM = e2eSkip('e2e');

const POST = 'S2-SYN-SINDH-20220830';
const PRE = 'S2-SYN-SINDH-20220615';
const OUT = path.join(ROOT, 'test-output/workspace');
const sceneButton = (id: string) => `[data-scene-id$=":${id}"]`;

interface TestState {
  app: {
    sceneId: string | null;
    indexId: string;
    view: { center: [number, number]; zoom: number };
    inspector: unknown;
  };
  layers: {
    compare: { mode: string; sceneId: string | null; viewId: string };
    ranges: Record<string, [number, number]>;
    histograms: Record<string, { total: number }>;
  };
}

const state = (page: Page) => page.evaluate(() => window.__nigahTest?.state() as TestState);
const idle = (page: Page) => page.evaluate(() => window.__nigahTest?.idle());
const toPixel = (page: Page, lon: number, lat: number) =>
  page.evaluate(([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0], [lon, lat]);

async function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe.skipIf(NO_CHROMIUM)('compare, layers and inspector in Chromium', () => {
  let page: Page;
  /** A newly flooded point (water after, dry before, no cloud) and its neighbourhood. */
  let flood: [number, number];
  let preId = '';
  let postId = '';

  const app = useApp({
    viewport: { width: 1280, height: 720 },
    prepare: async () => {
      mkdirSync(OUT, { recursive: true });
      const grid = truthGrid();
      const [postWater, preWater, cloud] = await Promise.all(
        ['post_water.tif', 'pre_water.tif', 'cloud.tif'].map(readMask),
      );
      const [p] = pickPoints(grid, (i) => postWater[i] === 1 && preWater[i] === 0 && cloud[i] === 0, 1, 8);
      flood = pixelLonLat(grid, p.col, p.row);
    },
  });
  beforeAll(() => {
    page = app.page;
  });

  it('keeps the view when the scene changes, swipes between dates and flips them with T', async () => {
    await page.goto(app.web.url);
    await page.waitForSelector(sceneButton(POST));
    await waitForMark(page, 'mapFirstFrame');
    if (await page.locator('[data-testid="guide-close"]').count())
      await page.click('[data-testid="guide-close"]');
    postId = (await page.locator(sceneButton(POST)).getAttribute('data-scene-id')) ?? '';
    preId = (await page.locator(sceneButton(PRE)).getAttribute('data-scene-id')) ?? '';

    await page.click(sceneButton(POST));
    await waitForMark(page, 'sceneFirstPixels');
    await page.evaluate(([lo, la]) => window.__nigahTest?.centerOn(lo, la, 13), flood);
    await idle(page);
    const before = (await state(page)).app.view;

    // Choosing the other date: the map stays on the spot (no re-fit to the whole scene).
    let mark = await page.evaluate(() => window.__nigahPerf?.sceneFirstPixels ?? 0);
    await page.click(sceneButton(PRE));
    await waitForMark(page, 'sceneFirstPixels', mark);
    await idle(page);
    const after = (await state(page)).app.view;
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.center[0]).toBeCloseTo(before.center[0], 6);
    expect(after.center[1]).toBeCloseTo(before.center[1], 6);

    // The pre-flood scene alone at the flood point, then the post-flood one alone (references).
    const [fx, fy] = await toPixel(page, flood[0], flood[1]);
    const [preAlone] = await pixelsAt(page, await shot(page, 'pre-alone'), [[fx, fy]]);
    mark = await page.evaluate(() => window.__nigahPerf?.sceneFirstPixels ?? 0);
    await page.click(sceneButton(POST));
    await waitForMark(page, 'sceneFirstPixels', mark);
    await idle(page);
    const [postAlone] = await pixelsAt(page, await shot(page, 'post-alone'), [[fx, fy]]);
    // The flood point is dry land before and water after: the two dates differ there.
    expect(Math.hypot(...preAlone.map((v, i) => v - postAlone[i]))).toBeGreaterThan(30);

    // Main = before, compare = after, swiped: left of the line is "before", right is "after".
    mark = await page.evaluate(() => window.__nigahPerf?.sceneFirstPixels ?? 0);
    await page.click(sceneButton(PRE));
    await waitForMark(page, 'sceneFirstPixels', mark);
    await page.selectOption('[data-testid="compare-scene"]', postId);
    await page.check('[data-compare-mode="swipe"]');
    const bar = page.locator('[data-testid="swipe-bar"]');
    await bar.waitFor();
    const map = await page.locator('[data-testid="map"]').boundingBox();
    if (!map) throw new Error('no map');
    // Drag the line to just right of the flood point: the point shows the main (before) scene.
    await page.mouse.move(map.x + map.width / 2, map.y + 200);
    const box = await bar.boundingBox();
    if (!box) throw new Error('no swipe bar');
    await page.mouse.move(box.x + box.width / 2, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(fx + 40, box.y + 100, { steps: 5 });
    await page.mouse.up();
    await idle(page);
    const [leftSide] = await pixelsAt(page, await shot(page, 'swipe-left'), [[fx, fy]]);
    // Then to the left of it: the point shows the compare (after) scene.
    await page.mouse.move(fx + 40, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(fx - 40, box.y + 100, { steps: 5 });
    await page.mouse.up();
    await idle(page);
    const [rightSide] = await pixelsAt(page, await shot(page, 'swipe-right'), [[fx, fy]]);
    const close = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));
    expect(close(leftSide, preAlone), `${leftSide} vs ${preAlone}`).toBeLessThan(6);
    expect(close(rightSide, postAlone), `${rightSide} vs ${postAlone}`).toBeLessThan(6);

    // T flips the dates in place: main becomes the after scene, compare the before scene.
    await page.keyboard.press('t');
    await expect.poll(async () => (await state(page)).app.sceneId).toBe(postId);
    const s = await state(page);
    expect(s.layers.compare.sceneId).toBe(preId);
    expect(s.app.view.zoom).toBeCloseTo(before.zoom, 6);
  });

  it('reads both dates, every index and the class at a pixel in compare mode', async () => {
    const [fx, fy] = await toPixel(page, flood[0], flood[1]);
    await page.mouse.click(fx, fy);
    const main = page.locator('[data-testid="inspector-main-indices"]');
    const other = page.locator('[data-testid="inspector-compare-indices"]');
    await main.waitFor();
    await other.waitFor();
    const ndwi = async (loc: typeof main) =>
      Number(await loc.locator('[data-index="ndwi"] td').nth(1).innerText());
    // The main scene is now the post-flood one: water (NDWI > 0) there, land (< 0) before.
    expect(await ndwi(main)).toBeGreaterThan(0);
    expect(await ndwi(other)).toBeLessThan(0);
    // Every index the Sentinel-2-like bands allow (all twelve of them).
    expect(await main.locator('tr').count()).toBeGreaterThanOrEqual(12);
    await shot(page, 'inspector-compare');
  });

  it('shows the two scenes side by side on locked maps', async () => {
    await page.check('[data-compare-mode="split"]');
    const b = page.locator('[data-testid="map-b"]');
    await b.waitFor({ state: 'visible' });
    await idle(page);
    const [boxA, boxB] = await Promise.all([
      page.locator('[data-testid="map"]').boundingBox(),
      b.boundingBox(),
    ]);
    if (!boxA || !boxB) throw new Error('maps missing');
    expect(Math.abs(boxA.width - boxB.width)).toBeLessThan(4);
    // Pan the left map: the right one follows (one shared view).
    await page.evaluate(([lo, la]) => window.__nigahTest?.centerOn(lo, la, 12), flood);
    await idle(page);
    await page.waitForTimeout(300);
    const png = await shot(page, 'split');
    // The flood point sits at the centre of both maps; the left shows after (water), the right
    // before (land), as the two reference renderings did.
    const [ca, cb] = await pixelsAt(page, png, [
      [boxA.x + boxA.width / 2, boxA.y + boxA.height / 2],
      [boxB.x + boxB.width / 2, boxB.y + boxB.height / 2],
    ]);
    expect(Math.hypot(...ca.map((v, i) => v - cb[i]))).toBeGreaterThan(30);
    await page.check('[data-compare-mode="off"]');
    await b.waitFor({ state: 'hidden' });
  });

  it('stretches each band from the view histogram, drawn as the inspector values predict', async () => {
    await page.click('[data-preset="truecolor"]');
    await idle(page);
    await expect.poll(async () => Object.keys((await state(page)).layers.histograms).length).toBe(3);
    const mark = await page.evaluate(() => window.__nigahPerf?.viewFirstPixels ?? 0);
    await page.selectOption('[data-testid="stretch-mode"]', 'minmax');
    await waitForMark(page, 'viewFirstPixels', mark);
    await idle(page);
    const s = await state(page);
    const ranges = ['red', 'green', 'blue'].map((r) => s.layers.ranges[r]);
    for (const r of ranges) expect(r[1]).toBeGreaterThan(r[0]);
    // The legend states the stretch now in use, not the fixed reflectance range.
    expect(await page.locator('[data-testid="legend-stretch"]').innerText()).toContain(
      `red ${ranges[0][0].toFixed(3)}–${ranges[0][1].toFixed(3)}`,
    );
    // The drawn colour at the flood point (no inspector marker on it), then its reflectances.
    const clear = page.locator('[data-testid="inspector"] button.link');
    if (await clear.count()) await clear.click();
    await expect.poll(async () => (await state(page)).app.inspector ?? null).toBeNull();
    await idle(page);
    const [fx, fy] = await toPixel(page, flood[0], flood[1]);
    const [rgb] = await pixelsAt(page, await shot(page, 'stretch-minmax'), [[fx, fy]]);
    await page.mouse.click(fx, fy);
    const rows = page.locator('[data-testid="inspector-main"] table').first().locator('tbody tr');
    await rows.first().waitFor();
    const values: Record<string, number> = {};
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      values[cells[1]] = Number(cells[3]);
    }
    const expected = ['red', 'green', 'blue'].map((r, i) =>
      stretchByte(values[r], ranges[i][0], ranges[i][1]),
    );
    // Linear stretch through a 1024-step table: within 2 of the exact byte, plus PNG rounding.
    for (let i = 0; i < 3; i++)
      expect(Math.abs(rgb[i] - expected[i]), `${rgb} vs ${expected}`).toBeLessThanOrEqual(3);
    await page.locator('[data-testid="stretch"]').screenshot({ path: path.join(OUT, 'stretch-panel.png') });

    // Dragging the red range's high end to the left: a manual stretch with a lower top for red only.
    const handle = page.locator('[data-testid="hist-red"] [data-end="1"]');
    const hb = await handle.boundingBox();
    if (!hb) throw new Error('no histogram handle');
    const before = await page.evaluate(() => window.__nigahPerf?.viewFirstPixels ?? 0);
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb.x - 60, hb.y + hb.height / 2, { steps: 6 });
    await page.mouse.up();
    await waitForMark(page, 'viewFirstPixels', before);
    const after = await state(page);
    expect((after.layers as unknown as { stretchMode: string }).stretchMode).toBe('manual');
    expect(after.layers.ranges.red[1]).toBeLessThan(ranges[0][1]);
    expect(after.layers.ranges.green).toEqual(ranges[1]);
  });

  it('applies presets and band math, and points at the error in a bad expression', async () => {
    let mark = await page.evaluate(() => window.__nigahPerf?.viewFirstPixels ?? 0);
    await page.click('[data-preset="agriculture"]');
    await waitForMark(page, 'viewFirstPixels', mark);
    // (An earlier stretch's redraw may land first: wait for the agriculture view's own pixels.)
    await expect.poll(() => page.evaluate(() => window.__nigahPerf?.viewId)).toBe('agriculture');

    await page.fill('[data-testid="bandmath-input"]', '(nir - red / (nir + red)');
    const err = page.locator('[data-testid="bandmath-error"]');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/position \d+/);
    expect(await page.locator('[data-testid="bandmath-apply"]').isDisabled()).toBe(true);
    await page.fill('[data-testid="bandmath-input"]', 'nir - swirl6');
    expect(await err.innerText()).toMatch(/swirl6/);
    await page.locator('[data-testid="bandmath"]').screenshot({ path: path.join(OUT, 'bandmath-error.png') });

    await page.fill('[data-testid="bandmath-input"]', '(green - nir) / (green + nir)');
    mark = await page.evaluate(() => window.__nigahPerf?.viewFirstPixels ?? 0);
    await page.click('[data-testid="bandmath-apply"]');
    await waitForMark(page, 'viewFirstPixels', mark);
    await expect.poll(() => page.evaluate(() => window.__nigahPerf?.viewId)).toBe('expression');
    expect(await page.locator('[data-testid="legend"]').innerText()).toContain(
      '(green - nir) / (green + nir)',
    );
    await idle(page);
    await shot(page, 'bandmath');
    expect(app.browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });

  it('limits a flood run to a drawn rectangle (the truth flood inside it), draws a polygon, picks a boundary area', async () => {
    // A 300 × 300 px block of the truth grid with flood in it and no cloud or nodata.
    const grid = truthGrid();
    const floodMask = await readMask('flood.tif');
    let block: { col: number; row: number; flood: number } | null = null;
    for (let row = 100; row + 300 < grid.height && !block; row += 150)
      for (let col = 100; col + 300 < grid.width && !block; col += 150) {
        let flood = 0;
        let bad = false;
        for (let r = row; r < row + 300 && !bad; r++)
          for (let c = col; c < col + 300; c++) {
            const v = floodMask[r * grid.width + c];
            if (v === 255) bad = true;
            else flood += v;
          }
        if (!bad && flood > 20_000) block = { col, row, flood };
      }
    if (!block) throw new Error('no clear flooded block in the truth');
    const nw = pixelLonLat(grid, block.col, block.row);
    const se = pixelLonLat(grid, block.col + 300, block.row + 300);
    const mid = pixelLonLat(grid, block.col + 150, block.row + 150);
    await page.evaluate(([lo, la]) => window.__nigahTest?.centerOn(lo, la, 13), mid);
    await idle(page);

    await page.click('[data-draw="rectangle"]');
    const [x0, y0] = await toPixel(page, nw[0], nw[1]);
    const [x1, y1] = await toPixel(page, se[0], se[1]);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 8 });
    await page.mouse.up();
    await page.locator('[data-testid="aoi-current"]').waitFor();
    const aoi = (
      await page.evaluate(() => window.__nigahTest?.state() as { layers: { aoi: { bbox: number[] } } })
    ).layers.aoi;
    // The box drawn is the box asked for, to a screen pixel (~17 m at zoom 13).
    expect(Math.abs(aoi.bbox[0] - Math.min(nw[0], se[0]))).toBeLessThan(0.0005);
    expect(Math.abs(aoi.bbox[3] - Math.max(nw[1], se[1]))).toBeLessThan(0.0005);
    await shot(page, 'aoi-rectangle');
    // Scenes searched over the rectangle: the sample pair covers it.
    await page.click('[data-testid="aoi-search"]');
    await page.locator(sceneButton(POST)).waitFor();
    await page.locator(sceneButton(PRE)).waitFor();

    // Truth flood pixels under the box: its corners on the truth grid (UTM 42N, 10 m).
    const utm = aoiCornersOnGrid(aoi.bbox, grid);
    let expected = 0;
    for (let r = utm.r0; r < utm.r1; r++)
      for (let c = utm.c0; c < utm.c1; c++) if (floodMask[r * grid.width + c] === 1) expected++;
    const expectedKm2 = (expected * 100) / 1e6;

    await page.click('[data-tab="analysis"]');
    await page.click('[data-mode="flood"]');
    await page.click('[data-testid="run-analysis"]');
    await page.waitForSelector(
      '[data-testid="job-row"][data-state="done"], [data-testid="job-row"][data-state="failed"]',
      {
        timeout: 90_000,
      },
    );
    const km2 = Number(await page.locator('[data-testid="area-km2"]').getAttribute('data-value'));
    expect(Math.abs(km2 - expectedKm2) / expectedKm2, `${km2} vs ${expectedKm2}`).toBeLessThan(0.01);
    await idle(page);
    await shot(page, 'aoi-flood');
    // The inspector names the result's class at a newly flooded pixel inside the area.
    const [fx, fy] = await toPixel(page, flood[0], flood[1]);
    const inside =
      flood[0] > aoi.bbox[0] && flood[0] < aoi.bbox[2] && flood[1] > aoi.bbox[1] && flood[1] < aoi.bbox[3];
    const probe = inside ? [fx, fy] : await toPixel(page, mid[0], mid[1]);
    await page.mouse.click(probe[0], probe[1]);
    const cls = page.locator('[data-testid="mask-class"]');
    await cls.waitFor();
    const truthAt = inside ? 1 : floodMask[(block.row + 150) * grid.width + block.col + 150];
    // Flooded fields are their own class (flooded cropland), still flooded.
    expect(await cls.getAttribute('data-class')).toMatch(truthAt === 1 ? /^flooded/ : /^not_flooded$/);
    await page.click('[data-tab="scenes"]');

    // A polygon: three corners clicked, the last double-clicked.
    await page.click('[data-draw="polygon"]');
    const corners = [nw, [se[0], nw[1]], se] as [number, number][];
    const px = await Promise.all(corners.map(([lo, la]) => toPixel(page, lo, la)));
    for (const [x, y] of px.slice(0, 2)) await page.mouse.click(x, y);
    await page.mouse.dblclick(px[2][0], px[2][1]);
    await expect
      .poll(async () => ((await state(page)).layers as unknown as { aoi: { kind: string } }).aoi.kind)
      .toBe('polygon');
    const poly = ((await state(page)).layers as unknown as { aoi: { rings: number[][][] } }).aoi.rings[0];
    // Closed ring through the three corners (each to a screen pixel).
    expect(poly.length).toBe(4);
    for (let i = 0; i < 3; i++)
      expect(Math.hypot(poly[i][0] - corners[i][0], poly[i][1] - corners[i][1])).toBeLessThan(0.0005);

    // An area from the boundaries (a district, else a province): the map zooms to it.
    const options = await page.locator('[data-testid="aoi-district"] option').allInnerTexts();
    // A fresh profile has the built-in province outlines at least (districts when installed).
    expect(options.length).toBeGreaterThan(4);
    await page.selectOption('[data-testid="aoi-district"]', options[1]);
    await expect
      .poll(async () => (await state(page)).layers as unknown as { aoi: { kind: string; bbox: number[] } })
      .toMatchObject({ aoi: { kind: 'district' } });
    // The view lands on it (the store follows the map's moveend).
    await expect
      .poll(async () => {
        const d = (await state(page)) as unknown as {
          app: TestState['app'];
          layers: { aoi: { bbox: number[] } };
        };
        const [lon, lat] = d.app.view.center;
        const b = d.layers.aoi.bbox;
        return lon > b[0] && lon < b[2] && lat > b[1] && lat < b[3];
      })
      .toBe(true);
    await idle(page);
    await shot(page, 'aoi-district');
    // Searching scenes over that area (Azad Kashmir, far from the Sindh samples) lists none of them.
    expect(options[1]).toMatch(/Kashmir/);
    await page.click('[data-testid="aoi-search"]');
    await page.locator(sceneButton(POST)).waitFor({ state: 'detached' });
    await page.click('[data-testid="aoi-clear"]');
  });

  it('draws permanent water and cloud as their own classes, and the inspector names them', async () => {
    const grid = truthGrid();
    const [postWater, preWater, cloud] = await Promise.all(
      ['post_water.tif', 'pre_water.tif', 'cloud.tif'].map(readMask),
    );
    // Manchar lake core: water before and after, no cloud; a clouded pixel where the pre scene has data.
    const [lake] = pickPoints(grid, (i) => preWater[i] === 1 && postWater[i] === 1 && cloud[i] === 0, 1, 12);
    const [cloudy] = pickPoints(grid, (i) => cloud[i] === 1 && preWater[i] !== 255, 1, 8);
    const lakeAt = pixelLonLat(grid, lake.col, lake.row);
    const cloudAt = pixelLonLat(grid, cloudy.col, cloudy.row);
    await page.click('[data-tab="analysis"]');
    await page.click('[data-mode="flood"]');
    // The form folds once a result is shown: open it, run over the whole scene (the area was cleared).
    await page.$eval('[data-testid="run-analysis"]', (b) => {
      const d = b.closest('details');
      if (d) d.open = true;
    });
    await page.click('[data-testid="run-analysis"]');
    const area = page.locator('[data-testid="area-km2"]');
    await expect
      .poll(async () => Number(await area.getAttribute('data-value')), { timeout: 90_000 })
      .toBeGreaterThan(100);
    await page.evaluate(([lo, la]) => window.__nigahTest?.centerOn(lo, la, 14), lakeAt);
    await idle(page);
    const [lx, ly] = await toPixel(page, lakeAt[0], lakeAt[1]);
    const [rgb] = await pixelsAt(page, await shot(page, 'result-classes'), [[lx, ly]]);
    // Permanent-water blue (30, 64, 175) at 85 % over dark water; far from the flood violet (150, 40, 255).
    const blue = permanentWaterColor();
    for (let k = 0; k < 3; k++) expect(Math.abs(rgb[k] - blue[k]), `${rgb} vs ${blue}`).toBeLessThan(45);
    await page.mouse.click(lx, ly);
    const cls = page.locator('[data-testid="mask-class"]');
    await expect.poll(() => cls.getAttribute('data-class')).toBe('permanent_water');
    expect(await cls.innerText()).toContain('permanent water');
    const legend = page.locator('[data-testid="class-key"] li');
    expect(await legend.evaluateAll((els) => els.map((e) => e.getAttribute('data-class')))).toEqual([
      'flooded',
      'flooded_cropland',
      'permanent_water',
      'cloud',
    ]);
    await page.evaluate(([lo, la]) => window.__nigahTest?.centerOn(lo, la, 14), cloudAt);
    await idle(page);
    const [cx, cy] = await toPixel(page, cloudAt[0], cloudAt[1]);
    await page.mouse.click(cx, cy);
    await expect.poll(() => cls.getAttribute('data-class')).toBe('cloud');
    await shot(page, 'result-classes-cloud');
    // The Pixel panel folds to its title and unfolds with its reading.
    await page.click('[data-testid="inspector-fold"]');
    await cls.waitFor({ state: 'detached' });
    await page.click('[data-testid="inspector-fold"]');
    await cls.waitFor();
  });
});

/** The permanent-water class colour the map uses (renderer/src/panels/maskStyle.ts). */
function permanentWaterColor(): number[] {
  return classColors('flood').find((c) => c.code === CLASS_PERMANENT_WATER)?.rgb ?? [];
}

/** Truth-grid pixel range under a lon/lat box (its four corners through proj4; UTM edges are near straight). */
function aoiCornersOnGrid(
  bbox: number[],
  grid: { crs: string; geotransform: number[] },
): { c0: number; c1: number; r0: number; r1: number } {
  const g = grid.geotransform;
  const pts = fromLonLat(grid.crs, [
    [bbox[0], bbox[1]],
    [bbox[0], bbox[3]],
    [bbox[2], bbox[1]],
    [bbox[2], bbox[3]],
  ]);
  const cols = pts.map(([x]) => (x - g[0]) / g[1]);
  const rows = pts.map(([, y]) => (y - g[3]) / g[5]);
  return {
    c0: Math.floor(Math.min(...cols)),
    c1: Math.ceil(Math.max(...cols)),
    r0: Math.floor(Math.min(...rows)),
    r1: Math.ceil(Math.max(...rows)),
  };
}
