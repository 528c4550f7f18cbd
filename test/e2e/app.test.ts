/**
 * The whole app in Debian's Chromium: browser mode (`node dist/electron/web.cjs --port 0`, built by
 * `npm run build` beforehand), the post-flood Sentinel-2-like scene, NDVI computed in the workers,
 * and the overlay's colours checked at points chosen from the generator's ground-truth masks:
 * standing water must be on the water end of the NDVI ramp, dry cropland on the vegetation end.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rampColor } from '../../shared/analysis/colormap';
import { getIndex } from '../../shared/analysis/indices';
import { e2eSkip, useApp } from './helpers/app';
import { pixelsAt, ROOT, waitForMark } from './helpers/launch';
import { pickPoints, pixelLonLat, readMask, truthGrid } from './helpers/truth';

const NO_CHROMIUM = e2eSkip('e2e');

const POST = 'S2-SYN-SINDH-20220830';
const PRE = 'S2-SYN-SINDH-20220615';
const GF1 = 'GF1-SYN-SINDH-20220901';
const sceneButton = (id: string) => `[data-scene-id$=":${id}"]`;

/** Waits until the locator contains the text (vitest's expect has no Playwright matchers). */
async function hasText(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** Position (0–1) along the NDVI ramp of the colour nearest to `rgb`, and its distance. */
function rampPosition(rgb: number[]): { t: number; distance: number } {
  const ramp = getIndex('ndvi').ramp;
  let best = { t: 0, distance: Infinity };
  for (let i = 0; i <= 1000; i++) {
    const c = rampColor(ramp, i / 1000);
    const d = Math.hypot(c[0] - rgb[0], c[1] - rgb[1], c[2] - rgb[2]);
    if (d < best.distance) best = { t: i / 1000, distance: d };
  }
  return best;
}

describe.skipIf(NO_CHROMIUM)('Nigah in Chromium (browser mode)', () => {
  const app = useApp();

  it('shows NDVI of the post-flood scene with water and fields on the right ends of the ramp', async () => {
    const { page } = app.browser;
    await page.goto(app.web.url);
    await page.waitForSelector(sceneButton(POST));
    await waitForMark(page, 'mapFirstFrame');

    await page.click(sceneButton(POST));
    await waitForMark(page, 'sceneFirstPixels');
    const before = await page.evaluate(() => window.__nigahPerf?.viewFirstPixels ?? 0);
    await page.click('[data-view="ndvi"]');
    await waitForMark(page, 'viewFirstPixels', before);
    expect(await page.evaluate(() => window.__nigahPerf?.viewId)).toBe('ndvi');
    await page.evaluate(() => window.__nigahTest?.idle());
    await hasText(page.locator('[data-testid="legend"]'), 'Normalized Difference Vegetation Index');

    // Points from the truth masks, with a 13 × 13 px margin of the same class around each.
    const grid = truthGrid();
    const [postWater, preWater, cropland, cloud] = await Promise.all(
      ['post_water.tif', 'pre_water.tif', 'cropland.tif', 'cloud.tif'].map(readMask),
    );
    const water = pickPoints(grid, (i) => postWater[i] === 1 && preWater[i] === 1 && cloud[i] === 0, 3);
    const fields = pickPoints(grid, (i) => cropland[i] === 1 && postWater[i] === 0 && cloud[i] === 0, 3);
    expect(water.length).toBe(3);
    expect(fields.length).toBe(3);

    const toScreen = (p: { col: number; row: number }) => {
      const [lon, lat] = pixelLonLat(grid, p.col, p.row);
      return page.evaluate(([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0], [lon, lat]);
    };
    const waterPx = await Promise.all(water.map(toScreen));
    const fieldPx = await Promise.all(fields.map(toScreen));

    mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    const png = await page.screenshot({ path: path.join(ROOT, 'test-output/e2e-ndvi.png') });
    const colours = await pixelsAt(page, png, [...waterPx, ...fieldPx] as [number, number][]);

    const report = colours.map((c, i) => ({ kind: i < 3 ? 'water' : 'field', rgb: c, ...rampPosition(c) }));
    for (const r of report) {
      // On the ramp at all (not the base map, not transparent), within rounding of the LUT.
      expect(r.distance, JSON.stringify(r)).toBeLessThan(12);
      if (r.kind === 'water') expect(r.t, JSON.stringify(r)).toBeLessThan(0.12);
      else expect(r.t, JSON.stringify(r)).toBeGreaterThan(0.55);
    }
    expect(app.browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });

  it('reads band values under a click with the pixel inspector', async () => {
    const { page } = app.browser;
    const grid = truthGrid();
    const preWater = await readMask('pre_water.tif');
    const [lake] = pickPoints(grid, (i) => preWater[i] === 1, 1);
    const [lon, lat] = pixelLonLat(grid, lake.col, lake.row);
    const [x, y] = await page.evaluate(
      ([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0],
      [lon, lat],
    );
    await page.mouse.click(x, y);
    const inspector = page.locator('[data-testid="inspector"]');
    await hasText(inspector, 'NDVI =');
    const text = await inspector.innerText();
    const ndvi = Number(/NDVI = (-?[\d.]+)/.exec(text)?.[1]);
    // Open water: NDVI well below zero (docs/indices.md: < 0 water).
    expect(ndvi).toBeLessThan(-0.1);
    expect(text).toContain('B08');
  });
});

describe.skipIf(NO_CHROMIUM)('bad sample data in the UI', () => {
  let dir: string;
  const app = useApp({
    prepare: () => {
      dir = writeBadSampleData();
    },
    env: () => ({ NIGAH_SAMPLE_DATA: dir }),
    cleanup: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  });

  it('lists the problems, names the missing file and keeps the other scenes working', async () => {
    const { page } = app.browser;
    await page.goto(app.web.url);
    await page.waitForSelector(sceneButton(GF1));
    // The unparsable item is reported beside the list, not instead of it.
    const problems = page.locator('[data-testid="problems"]');
    await hasText(problems, 'could not be read');
    await hasText(problems, /BROKEN-ITEM/);
    expect(await page.locator('[data-testid="scene-list"] [data-scene-id]').count()).toBeGreaterThanOrEqual(
      2,
    );

    // The scene without its NIR file: listed with a problem, or drawn in true colour with NDVI
    // failing — either way a message that names the file.
    const post = page.locator(sceneButton(POST));
    const missingMessage = page.getByText(/B08\.tif/);
    if ((await post.count()) > 0) {
      await post.click();
      await page.click('[data-view="ndvi"]').catch(() => {});
    }
    await missingMessage.first().waitFor({ state: 'visible', timeout: 15_000 });
    await waitForMark(page, 'mapFirstFrame');
    await page.screenshot({ path: path.join(ROOT, 'test-output/e2e-problems.png') });

    // The rest keeps working: another scene still renders.
    const before = await page.evaluate(() => window.__nigahPerf?.sceneFirstPixels ?? 0);
    await page.click(sceneButton(GF1));
    await waitForMark(page, 'sceneFirstPixels', before);
    expect(await page.evaluate(() => window.__nigahPerf?.sceneId)).toContain(GF1);
  });
});

/** A copy of the synthetic collection with one unparsable item and one scene missing its NIR file. */
function writeBadSampleData(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-data-'));
  const src = path.join(ROOT, 'sample-data');
  for (const id of [PRE, POST, GF1]) {
    cpSync(path.join(src, 'sindh-synthetic', id), path.join(dir, 'sindh-synthetic', id), {
      recursive: true,
    });
  }
  rmSync(path.join(dir, 'sindh-synthetic', POST, 'B08.tif'));
  mkdirSync(path.join(dir, 'sindh-synthetic', 'BROKEN-ITEM'));
  writeFileSync(
    path.join(dir, 'sindh-synthetic', 'BROKEN-ITEM', 'BROKEN-ITEM.json'),
    '{"type": "Feature", "id": ',
  );
  const catalog = JSON.parse(readFileSync(path.join(src, 'catalog.json'), 'utf8'));
  catalog.links = catalog.links.filter((l: { href: string }) => !l.href.includes('real/'));
  writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(catalog));
  const collection = JSON.parse(readFileSync(path.join(src, 'sindh-synthetic', 'collection.json'), 'utf8'));
  collection.links = collection.links.filter((l: { rel: string }) => l.rel !== 'related');
  collection.links.push({
    rel: 'item',
    href: './BROKEN-ITEM/BROKEN-ITEM.json',
    type: 'application/geo+json',
  });
  writeFileSync(path.join(dir, 'sindh-synthetic', 'collection.json'), JSON.stringify(collection));
  return dir;
}
