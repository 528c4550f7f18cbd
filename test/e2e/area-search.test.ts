/**
 * "Search map area": the renderer sends the map's current extent (with dates and cloud limit) to a
 * STAC API source as the /search bbox, and lists what it answers; "show all" drops the area again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stacItem } from '../sources/helpers';
import { startServer, type TestServer } from '../sources/server';
import { e2eSkip, useApp } from './helpers/app';

const skip = e2eSkip('area-search e2e', { skipWithoutBuild: true });

function item(id: string, bbox: [number, number, number, number], cloud: number) {
  const [w, s, e, n] = bbox;
  return {
    ...stacItem(
      id,
      {
        B04: {
          href: `http://127.0.0.1:9/${id}/B04.tif`,
          type: 'image/tiff; application=geotiff',
          'eo:bands': [{ common_name: 'red' }],
        },
      },
      { 'eo:cloud_cover': cloud },
    ),
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
    bbox,
  };
}

describe.skipIf(skip)('search map area (STAC API)', () => {
  let srv: TestServer;
  let userData: string;
  const app = useApp({
    env: () => ({ NIGAH_USER_DATA: userData }),
    prepare: async () => {
      srv = await startServer({
        api: {
          items: [
            item('near-manchar', [67.6, 26.3, 67.8, 26.5], 5),
            item('far-punjab', [73.0, 31.0, 73.2, 31.2], 5),
          ],
          searchMethod: 'GET',
        },
      });
      userData = mkdtempSync(path.join(os.tmpdir(), 'nigah-area-'));
      writeFileSync(
        path.join(userData, 'settings.json'),
        JSON.stringify({
          sources: [
            {
              id: 'sample',
              kind: 'sample',
              name: 'Sample',
              location: 'sample-data/catalog.json',
              enabled: false,
            },
            { id: 'api', kind: 'stac-api', name: 'Test STAC API', location: `${srv.url}/api`, enabled: true },
          ],
          cacheSizeMB: 256,
          language: 'en',
        }),
      );
    },
    cleanup: async () => {
      await srv?.close();
      if (userData) rmSync(userData, { recursive: true, force: true });
    },
  });

  it('sends the view as bbox and lists only what falls in it', async () => {
    const { page } = app.browser;
    await page.goto(app.web.url);
    await page.waitForSelector('[data-scene-id="api:far-punjab"]');
    await page.evaluate(() => window.__nigahTest?.centerOn(67.7, 26.4, 10));
    await page.evaluate(() => window.__nigahTest?.idle());
    const before = srv.log.length;
    await page.getByRole('button', { name: 'Search map area' }).click();
    await page.waitForSelector('[data-testid="area-query"]');
    await page.waitForSelector('[data-scene-id="api:near-manchar"]');
    expect(await page.locator('[data-scene-id="api:far-punjab"]').count()).toBe(0);
    const search = srv.log.slice(before).find((l) => l.includes('/api/search'));
    expect(search).toBeDefined();
    const bbox = new URL(`http://x${(search as string).split(' ')[1]}`).searchParams
      .get('bbox')
      ?.split(',')
      .map(Number);
    expect(bbox).toHaveLength(4);
    const [w, s, e, n] = bbox as number[];
    // The view around Manchar at zoom 10: a box a few tenths of a degree wide holding 67.7E 26.4N.
    expect(w).toBeLessThan(67.7);
    expect(e).toBeGreaterThan(67.7);
    expect(s).toBeLessThan(26.4);
    expect(n).toBeGreaterThan(26.4);
    expect(e - w).toBeLessThan(2);
    await page.getByRole('button', { name: 'show all' }).click();
    await page.waitForSelector('[data-scene-id="api:far-punjab"]');
    expect(app.browser.errors.filter((x) => !/Failed to load resource/.test(x))).toEqual([]);
  });
});
