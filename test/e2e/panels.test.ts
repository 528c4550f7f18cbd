/**
 * The Sources and Analysis panels in Debian's Chromium, against the real browser-mode host
 * (`node dist/electron/web.cjs --port 0`, its own user-data folder; `npm run build` runs first).
 *
 * (a) A folder source pointing at a temp folder holding one small GeoTIFF written here (the
 *     project's COG writer + zlib): added through the form it lists its scene; disabled, the scene
 *     leaves the list; both survive a page reload (the settings file, not page state).
 * (b) Flood mapping on the sample pair in a fresh profile (no districts added, so the table is per
 *     province; per-district tables are tested in test/boundaries and test/e2e/boundaries): the
 *     flooded area the panel shows is compared with the generator's ground truth (truth.json, within
 *     1 %), the zone table must name Sindh, the map must turn flood-coloured where the truth mask
 *     (flood.tif, read with geotiff.js) is flooded and stay unchanged where it is dry, and the
 *     downloaded CSV must hold the province.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MASK_COLORS } from '../../renderer/src/panels/maskStyle';
import { concatChunks, writeCog } from '../../shared/tiff';
import { e2eSkip, useApp } from './helpers/app';
import { pixelsAt, ROOT } from './helpers/launch';
import { pickPoints, pixelLonLat, readMask, TRUTH_DIR, truthGrid } from './helpers/truth';
import { type StaticServer, serveFolder } from './panels-helpers';

const NO_CHROMIUM = e2eSkip('panels e2e');

const OUT = path.join(ROOT, 'test-output');
/** The flood colour of the result layer (renderer/src/panels/maskStyle.ts), restated on purpose. */
const FLOOD_RGB = MASK_COLORS.flood;

async function hasText(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** A 64 × 48 four-band uint16 scene near Hyderabad (EPSG:32642, 30 m), written with our COG writer. */
function writeSmallScene(dir: string): string {
  const width = 64;
  const height = 48;
  const bands = [0, 1, 2, 3].map((b) => {
    const a = new Uint16Array(width * height);
    for (let i = 0; i < a.length; i++) a[i] = 800 + b * 400 + ((i * 7) % 300);
    return a;
  });
  const file = path.join(dir, 'E2E_SMALL_20220901.tif');
  const chunks = writeCog({
    width,
    height,
    dataType: 'uint16',
    nodata: 0,
    geo: { epsg: 32642, transform: [380000, 30, 0, 2810000, 0, -30] },
    data: bands,
    compress: (b: Uint8Array) => zlib.deflateSync(b, { level: 6 }),
  });
  writeFileSync(file, concatChunks(chunks));
  return file;
}

async function openTab(page: Page, tab: 'scenes' | 'analysis' | 'sources'): Promise<void> {
  await page.click(`[data-tab="${tab}"]`);
}

describe.skipIf(NO_CHROMIUM)('Sources and Analysis panels in Chromium', () => {
  let folder: string;
  let remote: StaticServer;
  const app = useApp({
    viewport: { width: 1440, height: 900 },
    prepare: async () => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-folder-'));
      writeSmallScene(folder);
      mkdirSync(OUT, { recursive: true });
      remote = await serveFolder(path.join(ROOT, 'sample-data'));
    },
    cleanup: async () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
      await remote?.close();
    },
  });

  it('adds a folder source, lists its scene, disables it, and keeps that across a reload', async () => {
    const { page } = app.browser;
    await page.goto(app.web.url);
    await page.waitForSelector('[data-scene-id]');
    await openTab(page, 'sources');
    const panel = page.locator('[data-testid="sources-panel"]');
    await panel.locator('[data-source-id="sample"]').waitFor();

    await page.click('[data-testid="add-source"]');
    const form = page.locator('[data-testid="source-form"]');
    await form.locator('select[name="kind"]').selectOption('folder');
    await form.locator('input[name="name"]').fill('E2E folder');
    // Validation first: a URL is refused for a folder source.
    await form.locator('input[name="location"]').fill('https://example.org/data');
    await form.locator('button[type="submit"]').click();
    await hasText(form.locator('[data-error="location"]'), 'not a URL');
    await form.locator('input[name="location"]').fill(folder);
    await form.locator('button[type="submit"]').click();

    const row = panel.locator('[data-source-id="e2e-folder"]');
    await hasText(row.locator('.scene-count'), /^1 scene$/, 20_000);
    await page.screenshot({ path: path.join(OUT, 'panels-sources.png') });

    await openTab(page, 'scenes');
    const ours = page.locator('[data-testid="scene-list"] [data-scene-id^="e2e-folder:"]');
    await ours.first().waitFor({ timeout: 15_000 });
    expect(await ours.count()).toBe(1);

    await openTab(page, 'sources');
    await row.locator('input[type="checkbox"]').uncheck();
    await hasText(row, 'Disabled');
    await ours.first().waitFor({ state: 'detached', timeout: 15_000 });

    await page.reload();
    await page.waitForSelector('[data-scene-id]');
    await openTab(page, 'sources');
    await row.waitFor();
    expect(await row.locator('input[type="checkbox"]').isChecked()).toBe(false);
    expect(await page.locator('[data-scene-id^="e2e-folder:"]').count()).toBe(0);
    const sampleOn = await panel.locator('[data-source-id="sample"] input[type="checkbox"]').isChecked();
    expect(sampleOn).toBe(true);
  });

  it('edits band roles of a scene and makes a remote scene available offline', async () => {
    const { page } = app.browser;
    // Band roles: B08 without a role → no NDVI; back to the sensor's roles → NDVI again.
    await openTab(page, 'scenes');
    await page.click('[data-scene-id$=":S2-SYN-SINDH-20220830"]');
    const roles = page.locator('[data-testid="roles-editor"]');
    await roles.locator('summary').click();
    await roles.locator('select[aria-label="Role of B08"]').selectOption('');
    await roles.locator('button.primary').click();
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('[data-view="ndvi"]')?.disabled === true,
    );
    await hasText(roles.locator('summary'), 'edited');
    await roles.locator('button', { hasText: 'Back to sensor defaults' }).click();
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('[data-view="ndvi"]')?.disabled === false,
    );
    expect(await roles.locator('select[aria-label="Role of B08"]').inputValue()).toBe('nir');

    // A static STAC catalog over HTTP: its scenes have remote bands.
    await openTab(page, 'sources');
    await page.click('[data-testid="add-source"]');
    const form = page.locator('[data-testid="source-form"]');
    await form.locator('select[name="kind"]').selectOption('stac');
    await form.locator('input[name="name"]').fill('Remote sample');
    await form.locator('input[name="location"]').fill(`${remote.url}/catalog.json`);
    await form.locator('button[type="submit"]').click();
    await hasText(
      page.locator('[data-source-id="remote-sample"] .scene-count'),
      /^[1-9]\d* scenes?$/,
      20_000,
    );

    await openTab(page, 'scenes');
    const gf1 = page.locator('[data-scene-id="remote-sample:GF1-SYN-SINDH-20220901"]');
    await gf1.click();
    const tools = page.locator('[data-testid="scene-tools"]');
    await tools.locator('[data-offline="no"]').waitFor({ timeout: 15_000 });
    const before = remote.log.length;
    await tools.locator('[data-testid="make-offline"]').click();
    await tools.locator('[data-offline="yes"]').waitFor({ timeout: 30_000 });
    // The scene's file came over HTTP, and its row in the list now carries the badge.
    expect(remote.log.slice(before).some((r) => r.path.endsWith('.tif'))).toBe(true);
    const badge = await gf1.locator('.scene-title').evaluate((el) => getComputedStyle(el, '::after').content);
    expect(badge).toContain('offline');
    await tools.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'panels-offline.png') });
    // Leave only the sample source for the next tests.
    await openTab(page, 'sources');
    const row = page.locator('[data-source-id="remote-sample"]');
    await row.locator('button', { hasText: 'Remove' }).click();
    await row.locator('button', { hasText: 'Yes, remove' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('offers only the water indices a GF-1 scene can compute and names the missing band', async () => {
    const { page } = app.browser;
    await openTab(page, 'analysis');
    await page.click('[data-mode="water"]');
    const picker = page.locator('[data-testid="water-scene"]');
    const gf1 = await picker.locator('option', { hasText: 'GF-1' }).first().getAttribute('value');
    expect(gf1).toBeTruthy();
    await picker.selectOption(gf1 as string);
    // GF-1 WFV has blue, green, red and NIR only: MNDWI and the AWEIs need SWIR.
    expect(await page.locator('[data-index="mndwi"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-index="awei-sh"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-index="ndwi"]').isDisabled()).toBe(false);
    expect(await page.locator('[data-index="ndwi"]').getAttribute('class')).toContain('on');
    await hasText(page.locator('[data-testid="index-hint"]'), /MNDWI.*SWIR1.*GF-1/);
    await page.click('[data-mode="flood"]');
  });

  it('maps the flood of the sample pair: truth area, districts, mask on the map, CSV', async () => {
    const { page } = app.browser;
    const truth = JSON.parse(readFileSync(path.join(TRUTH_DIR, 'truth.json'), 'utf8')) as {
      flooded_area: { km2: number };
    };
    await openTab(page, 'analysis');
    const panel = page.locator('[data-testid="analysis-panel"]');
    // Defaults: the sample pair and the finest boundaries installed (a fresh profile: the embedded provinces).
    await page.waitForFunction(() => {
      const pre = document.querySelector<HTMLSelectElement>('[data-testid="pre"]');
      return !!pre && pre.value.endsWith('S2-SYN-SINDH-20220615');
    });
    expect(await page.locator('[data-testid="post"]').inputValue()).toMatch(/S2-SYN-SINDH-20220830$/);
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('[data-testid="zones"]')?.value === 'ne-admin1',
    );

    // Both sample scenes have SWIR1: MNDWI, even after GF-1 forced NDWI in water mode.
    expect(await page.locator('[data-index="mndwi"]').getAttribute('class')).toContain('on');

    const t0 = Date.now();
    await page.click('[data-testid="run-analysis"]');
    const job = page.locator('[data-testid="job-row"]');
    await job.waitFor();
    await page.waitForSelector(
      '[data-testid="job-row"][data-state="done"], [data-testid="job-row"][data-state="failed"]',
      {
        timeout: 60_000,
      },
    );
    const state = await job.getAttribute('data-state');
    expect(state, await job.innerText()).toBe('done');
    console.log(`flood job: ${Date.now() - t0} ms from Run to done`);

    const km2 = Number(await page.locator('[data-testid="area-km2"]').getAttribute('data-value'));
    const rel = Math.abs(km2 - truth.flooded_area.km2) / truth.flooded_area.km2;
    console.log(
      `flooded: app ${km2.toFixed(3)} km², truth ${truth.flooded_area.km2} km² (${(rel * 100).toFixed(2)} %)`,
    );
    expect(rel).toBeLessThan(0.01);
    await hasText(panel.locator('[data-testid="synthetic-warning"]'), 'Synthetic');

    const table = panel.locator('[data-testid="zone-table"]');
    await table.waitFor();
    const names = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-zone')));
    expect(names).toContain('Sindh');

    // The map: the post scene under the mask once everything in view has rendered.
    await page.waitForFunction(() => {
      const s = window.__nigahTest?.state() as { app?: { sceneId?: string } } | undefined;
      return s?.app?.sceneId?.endsWith('S2-SYN-SINDH-20220830');
    });
    await page.waitForTimeout(300);
    await page.evaluate(() => window.__nigahTest?.idle());

    const grid = truthGrid();
    const [flood, postWater, cloud, cropland] = await Promise.all(
      ['flood.tif', 'post_water.tif', 'cloud.tif', 'cropland.tif'].map(readMask),
    );
    // Flooded outside cropland: drawn in the flood violet (flooded fields have their own class colour).
    const wet = pickPoints(grid, (i) => flood[i] === 1 && cropland[i] === 0, 4);
    const dry = pickPoints(grid, (i) => flood[i] === 0 && postWater[i] === 0 && cloud[i] === 0, 4);
    expect(wet.length).toBe(4);
    expect(dry.length).toBe(4);
    const toScreen = async (p: { col: number; row: number }) => {
      const [lon, lat] = pixelLonLat(grid, p.col, p.row);
      return page.evaluate(([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0], [lon, lat]);
    };
    const points = (await Promise.all([...wet, ...dry].map(toScreen))) as [number, number][];

    const shown = await page.screenshot({ path: path.join(OUT, 'panels-flood.png') });
    const withMask = await pixelsAt(page, shown, points);
    await page.locator('[data-testid="mask-visible"]').uncheck();
    await page.waitForTimeout(200);
    await page.evaluate(() => window.__nigahTest?.idle());
    const hidden = await page.screenshot({ path: path.join(OUT, 'panels-flood-hidden.png') });
    const without = await pixelsAt(page, hidden, points);
    await page.locator('[data-testid="mask-visible"]').check();

    points.forEach((_, i) => {
      const a = withMask[i];
      const b = without[i];
      const report = JSON.stringify({ i, withMask: a, without: b });
      if (i < wet.length) {
        // Flooded: the colour moved from what is below towards the flood colour (a semi-transparent
        // layer mixes the two): far along that line and close to it.
        const d = FLOOD_RGB.map((v, k) => v - b[k]);
        const m = a.map((v, k) => v - b[k]);
        const t = (m[0] * d[0] + m[1] * d[1] + m[2] * d[2]) / (d[0] ** 2 + d[1] ** 2 + d[2] ** 2);
        const off = Math.hypot(...m.map((v, k) => v - t * d[k]));
        expect(t, report).toBeGreaterThan(0.55);
        expect(t, report).toBeLessThan(1.05);
        expect(off, report).toBeLessThan(20);
      } else {
        // Dry: the layer leaves the pixel as it was.
        expect(Math.hypot(...a.map((v, k) => v - b[k])), report).toBeLessThan(6);
      }
    });

    // The per-district CSV, saved through the browser.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.click('[data-artifact="zones.csv"]'),
    ]);
    expect(download.suggestedFilename()).toBe('zones.csv');
    const csvPath = await download.path();
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.split('\n')[0]).toContain('name');
    expect(csv).toContain('Sindh');
    // "Copy table": tab-separated rows for a spreadsheet, largest first.
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: app.web.origin,
    });
    await page.click('[data-testid="copy-table"]');
    await hasText(page.locator('[data-testid="copy-table"]'), 'Copied');
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    const lines = tsv.trim().split('\n');
    expect(lines[0].split('\t')[0]).toBe('District');
    expect(lines[1].split('\t')[0]).toBe(names[0]);
    expect(lines.length).toBe(names.length + 1);

    await panel.locator('[data-testid="summary-card"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'panels-analysis.png') });
    expect(app.browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  }, 90_000);
});
