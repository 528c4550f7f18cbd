/**
 * The analyst's workspace in Debian's Chromium at 1280 × 720 (browser mode, built by `npm run
 * build`): the first-run guide to a flood map in three clicks, the flood result's key tied to its
 * scenes, floating panels clear of the map's centre, the map panned from the keyboard, English and
 * Urdu (right to left, Nastaliq, Urdu digits) with axe-core finding no serious or critical problem
 * in either, and the workspace restored after the host restarts. Screenshots go to
 * test-output/e2e-workspace/ (look at them).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../renderer/src/state/store';
import { e2eSkip, useApp } from './helpers/app';
import { pixelsAt, ROOT, waitForMark } from './helpers/launch';
import { pickPoints, pixelLonLat, readMask, truthGrid } from './helpers/truth';

const NO_CHROMIUM = e2eSkip('workspace e2e');

const POST = 'S2-SYN-SINDH-20220830';
const OTHER = 'GF1-SYN-SINDH-20220901';
const SHOTS = path.join(ROOT, 'test-output/e2e-workspace');
const sceneButton = (id: string) => `[data-scene-id$=":${id}"]`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Serious and critical axe-core findings (rule id and the first offending element). */
async function axeProblems(page: Page): Promise<string[]> {
  const res = await new AxeBuilder({ page: page as never }).analyze();
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary ?? ''}`,
    );
}

const appState = (page: Page) =>
  page.evaluate(() => {
    const s = (window.__nigahTest?.state() as { app?: AppState } | undefined)?.app;
    return { sceneId: s?.sceneId ?? null, center: s?.view.center ?? [0, 0], zoom: s?.view.zoom ?? 0 };
  });

describe.skipIf(NO_CHROMIUM)('the workspace in Chromium (browser mode, 1280 × 720)', () => {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-workspace-'));
  const app = useApp({
    viewport: { width: 1280, height: 720 },
    env: () => ({ NIGAH_USER_DATA: userData }),
    prepare: () => {
      mkdirSync(SHOTS, { recursive: true });
    },
    open: 'first-frame',
    cleanup: () => rmSync(userData, { recursive: true, force: true }),
  });

  it('guides a first run to a flood map in three clicks', { timeout: 180_000 }, async () => {
    const { page } = app.browser;
    const guide = page.locator('[data-testid="guide"]');
    await guide.waitFor();
    // At country zoom the sample scenes (20 km across: a few pixels) are marked by a ring.
    const item = JSON.parse(
      readFileSync(path.join(ROOT, `sample-data/sindh-synthetic/${POST}/${POST}.json`), 'utf8'),
    ) as { bbox: number[] };
    const [w, s, e, n] = item.bbox;
    await page.evaluate(() => window.__nigahTest?.idle());
    const [x, y] = (await page.evaluate(
      ([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0],
      [(w + e) / 2, (s + n) / 2],
    )) as [number, number];
    const png = await page.screenshot();
    const [ring] = await pixelsAt(page, png, [[x + 8, y]]);
    // The ring's orange (180, 83, 9), not land or sea.
    expect(ring[0] - ring[2]).toBeGreaterThan(100);
    await shot(page, 'en-1-first-run');
    await page.click('[data-testid="guide-step-1"]');
    await waitForMark(page, 'sceneFirstPixels');
    await page.click('[data-testid="guide-step-2"]');
    await page.click('[data-testid="run-analysis"]');
    await page.locator('[data-testid="analysis-result"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="result-legend"]').waitFor();
    expect(await guide.count()).toBe(0);
    await page
      .locator('[data-testid="zone-table"]')
      .screenshot({ path: path.join(SHOTS, 'en-zone-table.png') });
    const km2 = Number(await page.locator('[data-testid="area-km2"]').getAttribute('data-value'));
    // The generator's truth is 121.39 km² flooded on the sample pair (sample-data/README.md).
    expect(km2).toBeGreaterThan(110);
    expect(km2).toBeLessThan(135);
    // The area the figures rest on is stated beside them.
    const observed = Number(await page.locator('[data-testid="observed-km2"]').getAttribute('data-value'));
    expect(observed).toBeGreaterThan(km2);
    await shot(page, 'en-2-flood-result');
  });

  it('keeps the floating panels off the centre of the map', async () => {
    const { page } = app.browser;
    const map = await page.locator('[data-testid="map"]').boundingBox();
    if (!map) throw new Error('no map');
    const cx = map.x + map.width / 2;
    const cy = map.y + map.height / 2;
    for (const sel of [
      '[data-testid="legend"]',
      '[data-testid="inspector"]',
      '[data-testid="result-legend"]',
    ]) {
      const box = await page.locator(sel).boundingBox();
      if (!box) continue;
      const covers = cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height;
      expect(covers, `${sel} covers the map's centre`).toBe(false);
    }
    // The side panel folds away and comes back.
    await page.click('[data-testid="side-fold"]');
    const wide = await page.locator('[data-testid="map"]').boundingBox();
    expect(wide?.width ?? 0).toBeGreaterThan(map.width + 300);
    expect(wide?.y).toBe(map.y);
    expect(await page.locator('aside.side').isVisible()).toBe(false);
    await shot(page, 'en-3-side-folded');
    await page.click('[data-testid="show-side"]');
    await page.locator('[data-tab="analysis"]').waitFor();
  });

  it('hides the result key over a scene the result is not about', async () => {
    const { page } = app.browser;
    await page.click('[data-tab="scenes"]');
    await page.click(sceneButton(OTHER));
    await page.locator('[data-testid="result-legend"]').waitFor({ state: 'detached' });
    await page.click(sceneButton(POST));
    await page.locator('[data-testid="result-legend"]').waitFor();
  });

  it('greys out clouds in a water-index view instead of showing them as water', async () => {
    const { page } = app.browser;
    const after = await page.evaluate(() => performance.now());
    await page.click('[data-view="mndwi"]');
    await waitForMark(page, 'viewFirstPixels', after);
    await page.locator('[data-testid="legend-clouds"]').waitFor();
    await page.click('[data-tab="analysis"]');
    await page.locator('[data-testid="mask-visible"]').uncheck();
    try {
      await cloudsAreGrey(page);
    } finally {
      await page.locator('[data-testid="mask-visible"]').check();
    }
  });

  async function cloudsAreGrey(page: Page): Promise<void> {
    await page.evaluate(() => window.__nigahTest?.idle());
    await page.waitForTimeout(300);
    // Points well inside the clouds of the post-event scene (the generator's cloud mask).
    const grid = truthGrid();
    const cloud = await readMask('cloud.tif');
    const spots = pickPoints(grid, (i) => cloud[i] === 1, 3);
    expect(spots.length).toBe(3);
    const points = (await Promise.all(
      spots.map(({ col, row }) => {
        const [lon, lat] = pixelLonLat(grid, col, row);
        return page.evaluate(([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0], [lon, lat]);
      }),
    )) as [number, number][];
    const png = await page.screenshot({ path: path.join(SHOTS, 'en-mndwi-clouds.png') });
    for (const [r, g, b] of await pixelsAt(page, png, points)) {
      // Neutral grey (128 at 90 % over whatever is below), not the blues of the water ramp.
      expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(30);
      expect(r).toBeGreaterThan(100);
      expect(r).toBeLessThan(160);
    }
  }

  it('pans the map from the keyboard', async () => {
    const { page } = app.browser;
    await page.focus('[data-testid="map"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('map');
    const before = await appState(page);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('+');
    await page.waitForFunction(
      (b) => {
        const v = (window.__nigahTest?.state() as { app?: AppState } | undefined)?.app?.view;
        return !!v && v.center[0] > b.center[0] && v.zoom > b.zoom;
      },
      before,
      { timeout: 5000 },
    );
  });

  it('has no serious or critical axe-core problem in English', async () => {
    expect(await axeProblems(app.browser.page)).toEqual([]);
  });

  it('switches to Urdu at runtime: right to left, Nastaliq, Urdu digits, map and result kept', async () => {
    const { page } = app.browser;
    const before = await appState(page);
    await page.click('[data-lang="ur"]');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ur');
    await page.locator('[data-tab="analysis"]', { hasText: 'تجزیہ' }).waitFor();
    const area = await page.locator('[data-testid="area-km2"]').innerText();
    expect(area).toMatch(/^[۰-۹٬٫]+$/);
    expect((await appState(page)).sceneId).toBe(before.sceneId);
    await page.locator('[data-testid="result-legend"]').waitFor();
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('Noto Nastaliq Urdu');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Nastaliq Urdu"', 'نگاہ'))).toBe(true);
    // The side panel is on the right in Urdu.
    const side = await page.locator('aside.side').boundingBox();
    expect(side?.x ?? 0).toBeGreaterThan(600);
    await shot(page, 'ur-1-flood-result');
  });

  it('has no serious or critical axe-core problem in Urdu', async () => {
    expect(await axeProblems(app.browser.page)).toEqual([]);
  });

  it('restores the workspace after the host restarts', async () => {
    const { page } = app.browser;
    // A second analysis (water on the post-event scene) makes the flood an earlier one.
    await page.click('[data-tab="analysis"]');
    await page.click('[data-mode="water"]');
    const settingsOpen = await page.locator('[data-testid="run-analysis"]').isVisible();
    if (!settingsOpen) await page.locator('.analysis-settings > summary').click();
    await page.click('[data-testid="run-analysis"]');
    await page.locator('[data-testid="recent-analyses"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => window.__nigahTest?.centerOn(67.75, 26.45, 11));
    // The store follows the map at the end of the move.
    await page.waitForFunction(() => {
      const v = (window.__nigahTest?.state() as { app?: AppState } | undefined)?.app?.view;
      return !!v && Math.abs(v.zoom - 11) < 1e-6;
    });
    const saved = await appState(page);
    // Written a moment after the last change, atomically, into the host's settings file.
    const file = path.join(userData, 'settings.json');
    const deadline = Date.now() + 10_000;
    let settings: {
      language?: string;
      workspace?: { map?: { view?: { zoom?: number } }; panels?: { recent?: unknown[] } };
    } = {};
    while (Date.now() < deadline) {
      try {
        settings = JSON.parse(readFileSync(file, 'utf8'));
      } catch {}
      if (
        settings.workspace?.map?.view?.zoom === saved.zoom &&
        settings.workspace?.panels?.recent?.length === 2
      )
        break;
      await page.waitForTimeout(200);
    }
    expect(settings.language).toBe('ur');
    expect(settings.workspace?.map?.view?.zoom).toBe(saved.zoom);
    expect(settings.workspace?.panels?.recent?.length).toBe(2);

    await app.restartWeb();
    await page.goto(app.web.url);
    await waitForMark(page, 'mapFirstFrame');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const after = await appState(page);
    expect(after.sceneId).toBe(saved.sceneId);
    expect(after.zoom).toBeCloseTo(saved.zoom, 1);
    expect(after.center[0]).toBeCloseTo(saved.center[0], 2);
    expect(after.center[1]).toBeCloseTo(saved.center[1], 2);
    // The last flood result is back: its key over its scene, its figures in the Analysis tab.
    await page.locator('[data-testid="result-legend"]').waitFor();
    await page.click('[data-tab="analysis"]');
    await page.locator('[data-testid="analysis-result"]').waitFor();
    expect(await page.locator('[data-testid="guide"]').count()).toBe(0);
    // The water map is shown; the flood is one click away among the earlier analyses.
    const recent = page.locator('[data-testid="recent-analyses"]');
    await recent.locator('summary').click();
    await recent.locator('button[data-job]').first().click();
    await page.locator('[data-testid="cropland-km2"]').waitFor();
    await waitForMark(page, 'sceneFirstPixels');
    await page.evaluate(() => window.__nigahTest?.idle());
    await page.waitForTimeout(500);
    await shot(page, 'ur-2-restored');
  });
});
