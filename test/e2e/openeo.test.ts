/**
 * openEO from the UI in browser mode: an openEO backend added through the source form (the
 * loopback backend of test/openeo/server.ts, which runs graphs with the local executor over the
 * sample scenes), signed in from the openEO panel, a flood job submitted for the map area, followed
 * to "finished", and its result opened: the mask on the map and the district table in the panel.
 * The flooded area shown must equal the one counted directly in the backend's result file.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { rowAreas } from '../../shared/analysis/area';
import { POST_ITEM, PRE_ITEM, readRaster } from '../openeo/helpers';
import { CREDENTIALS, type OpenEOTestServer, SPECS_DIR, startOpenEOServer } from '../openeo/server';
import { e2eSkip, useApp } from './helpers/app';
import { ROOT } from './helpers/launch';

const NO_SPECS = !existsSync(SPECS_DIR);
if (NO_SPECS) console.warn('openEO e2e skipped: needs ../shared/data/openeo-processes.');
const SKIP = e2eSkip('openEO e2e') || NO_SPECS;

const OUT = path.join(ROOT, 'test-output');

async function fillDate(page: Page, name: string, value: string): Promise<void> {
  await page.locator(`input[name="openeo-${name}"]`).fill(value);
}

describe.skipIf(SKIP)('openEO job from the UI (browser mode, loopback backend)', () => {
  let backend: OpenEOTestServer;
  let dir: string;
  const app = useApp({
    viewport: { width: 1440, height: 900 },
    prepare: async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-openeo-'));
      mkdirSync(OUT, { recursive: true });
      backend = await startOpenEOServer(
        [await loadSceneInput(PRE_ITEM), await loadSceneInput(POST_ITEM)],
        dir,
      );
    },
    cleanup: async () => {
      await backend?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  });

  it('adds a backend, submits a flood job for the map area, and opens the result with its district table', async () => {
    const { page } = app.browser;
    await page.goto(app.web.url);
    await page.waitForSelector('[data-scene-id]');
    await page.click('[data-tab="sources"]');
    await page.click('[data-testid="add-source"]');
    const form = page.locator('[data-testid="source-form"]');
    await form.locator('select[name="kind"]').selectOption('openeo');
    await form.locator('input[name="name"]').fill('Loopback openEO');
    await form.locator('input[name="location"]').fill(backend.url);
    await form.locator('select[name="openeo-auth"]').selectOption('basic');
    await form.locator('input[name="openeo-username"]').fill(CREDENTIALS.basic.name);
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-source-id="loopback-openeo"]').waitFor();

    // The map on the post-event scene, zoomed in twice: the job's area is the view.
    await page.click('[data-tab="scenes"]');
    await page.click('[data-scene-id$=":S2-SYN-SINDH-20220830"]');
    await page.waitForTimeout(1500);
    for (let i = 0; i < 2; i++) {
      await page.locator('[data-testid="map"] .ol-zoom-in').click();
      await page.waitForTimeout(800);
    }

    await page.click('[data-tab="openeo"]');
    const panel = page.locator('[data-testid="openeo-panel"]');
    await panel.locator('input[name="openeo-secret"]').fill(CREDENTIALS.basic.password);
    await panel.locator('button', { hasText: 'Sign in' }).click();
    await panel.locator('[data-testid="openeo-signin-state"]', { hasText: 'this session' }).waitFor();
    await fillDate(page, 'preFrom', '2022-06-10');
    await fillDate(page, 'preTo', '2022-06-20');
    await fillDate(page, 'from', '2022-08-25');
    await fillDate(page, 'to', '2022-09-05');
    await page.click('[data-testid="openeo-submit"]');
    const job = panel.locator('[data-testid="openeo-job"]').first();
    await page.waitForSelector('[data-testid="openeo-job"]', { timeout: 30_000 }).catch(async (e) => {
      await page.screenshot({ path: path.join(OUT, 'openeo-submit-failed.png') });
      const n = await page.locator('[data-testid="openeo-job"]').count();
      const html = await page
        .locator('[data-testid="openeo-job"]')
        .first()
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          return `${r.width}x${r.height} ${cs.display} ${cs.visibility} ${el.outerHTML.slice(0, 300)}`;
        });
      throw new Error(`no job row (${n}): ${html}`, { cause: e });
    });
    await page.waitForSelector(
      '[data-testid="openeo-job"][data-status="finished"], [data-testid="openeo-job"][data-status="error"]',
      {
        timeout: 60_000,
      },
    );
    expect(await job.getAttribute('data-status'), await job.innerText()).toBe('finished');
    await page.screenshot({ path: path.join(OUT, 'openeo-panel.png') });

    await job.locator('[data-testid="openeo-open"]').click();
    const analysis = page.locator('[data-testid="analysis-panel"]');
    const table = analysis.locator('[data-testid="zone-table"]');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'openeo-result.png') });

    // The area shown = the flooded pixels of the backend's file × their area (UTM: 100 m² each).
    const file = [...backend.jobs.values()][0].file!;
    const r = readRaster(file);
    const rows = rowAreas(r.gt, r.height, 'EPSG:32642');
    let m2 = 0;
    for (let i = 0; i < r.width * r.height; i++) if (r.bands[0][i] === 1) m2 += rows[Math.floor(i / r.width)];
    const km2 = Number(await analysis.locator('[data-testid="area-km2"]').getAttribute('data-value'));
    expect(km2).toBeCloseTo(m2 / 1e6, 6);
    expect(km2).toBeGreaterThan(0);
  });
});
