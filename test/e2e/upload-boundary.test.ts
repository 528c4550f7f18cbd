/**
 * Browser mode has no file dialog of the host's: Sources → Boundaries → Upload sends a GeoJSON file
 * chosen in the browser to the host (POST /upload), the path field gets the stored copy, and the
 * boundary is inspected and added from it like a typed path. The file is generated here: two
 * rectangular districts near Dadu and Jamshoro in Sindh.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eSkip, useApp } from './helpers/app';

const skip = e2eSkip('Upload UI test', { skipWithoutBuild: true });
const SHOTS = process.env.NIGAH_SCREENSHOTS;

const box = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const GEOJSON = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'Dadu test' },
      geometry: { type: 'Polygon', coordinates: box(67.2, 26.4, 67.9, 27.2) },
    },
    {
      type: 'Feature',
      properties: { name: 'Jamshoro test' },
      geometry: { type: 'Polygon', coordinates: box(67.5, 25.3, 68.3, 26.3) },
    },
  ],
};

describe.skipIf(skip)('Sources → Boundaries → Upload (browser mode)', () => {
  let dir: string;
  let file: string;
  const app = useApp({
    prepare: () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-upload-'));
      file = path.join(dir, 'sindh-test-districts.geojson');
      writeFileSync(file, JSON.stringify(GEOJSON));
    },
    open: 'url',
    cleanup: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  });

  it('uploads a GeoJSON file through the picker and lists the added layer', async () => {
    await app.page.click('[data-tab="sources"]');
    await app.page.locator('[data-testid="boundaries-panel"]').waitFor();
    await app.page.setInputFiles('[data-testid="boundary-location-file"]', file);
    const field = app.page.locator('[data-testid="boundary-location"]');
    await app.page.locator('[data-testid="boundary-location-uploaded"]').waitFor();
    const stored = await field.inputValue();
    // The host's copy, in its uploads folder, byte for byte the file the browser sent.
    expect(stored).toMatch(/[/\\]uploads[/\\][0-9a-f]{16}[/\\]sindh-test-districts\.geojson$/);
    expect(readFileSync(stored).equals(readFileSync(file))).toBe(true);
    await app.page.click('[data-testid="boundary-inspect"]');
    await app.page.locator('[data-testid="boundary-summary"]').waitFor();
    expect(await app.page.locator('[data-testid="boundary-summary"]').innerText()).toMatch(/\b2\b/);
    expect(await app.page.locator('[data-testid="boundary-name-field"]').inputValue()).toBe('name');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await app.page.screenshot({ path: path.join(SHOTS, 'boundary-upload.png') });
    }
    await app.page.click('[data-testid="boundary-add-confirm"]');
    const row = app.page.locator('.boundary-layer', { hasText: 'sindh-test-districts.geojson' });
    await row.waitFor({ timeout: 30_000 });
    if (SHOTS) await app.page.screenshot({ path: path.join(SHOTS, 'boundary-uploaded.png') });
    expect(app.browser.errors).toEqual([]);
  });
});
