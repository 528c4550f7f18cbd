/**
 * Exporting from the UI in Debian's Chromium (browser mode, built by `npm run build`): after a
 * flood run, the export dialog shows a live preview of the page, writes the map PDF as a host job
 * and hands it to the browser as a download; the district table comes down as CSV. The files are
 * read back with poppler and parsed. Screenshots go to test-output/e2e-export/ (look at them).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eSkip, useApp } from './helpers/app';
import { ROOT, waitForMark } from './helpers/launch';

const NO_CHROMIUM = e2eSkip('export e2e');
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPoppler) console.warn('export e2e: PDF checks skipped (Debian package poppler-utils).');

const SHOTS = path.join(ROOT, 'test-output/e2e-export');

describe.skipIf(NO_CHROMIUM)('exports from the UI in Chromium', () => {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-export-'));
  const app = useApp({
    viewport: { width: 1280, height: 800 },
    env: () => ({ NIGAH_USER_DATA: userData }),
    prepare: () => {
      mkdirSync(SHOTS, { recursive: true });
    },
    open: 'first-frame',
    cleanup: () => rmSync(userData, { recursive: true, force: true }),
  });

  it('exports the flood map as a PDF with a live preview, and the district table as CSV', {
    timeout: 240_000,
  }, async () => {
    const { page } = app.browser;
    await page.locator('[data-testid="guide"]').waitFor();
    await page.click('[data-testid="guide-step-1"]');
    await waitForMark(page, 'sceneFirstPixels');
    await page.click('[data-testid="guide-step-2"]');
    await page.click('[data-testid="run-analysis"]');
    await page.locator('[data-testid="analysis-result"]').waitFor({ timeout: 120_000 });

    await page.click('[data-testid="export-open"]');
    await page.locator('[data-testid="export-dialog"]').waitFor();
    await page.fill('[data-testid="export-title"]', 'Flood around Manchar Lake');
    await page.fill('[data-testid="export-producer"]', 'PDMA Sindh GIS cell');
    const preview = page.locator('[data-testid="export-preview"]');
    await preview.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="export-preview"]');
      return !!img && img.complete && img.naturalWidth > 300;
    });
    await page.screenshot({ path: path.join(SHOTS, '1-dialog-preview.png') });

    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.click('[data-testid="export-start"]'),
    ]);
    const pdf = path.join(userData, 'downloaded.pdf');
    await pdfDownload.saveAs(pdf);
    expect(pdfDownload.suggestedFilename()).toMatch(/^map-.*\.pdf$/);
    await page.locator('[data-testid="export-done"]').waitFor();
    if (hasPoppler) {
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Flood around Manchar Lake');
      expect(text).toContain('Flooded');
      expect(text).toContain('SYNTHETIC');
      expect(text).toContain('PDMA Sindh GIS cell');
      // The map's visible layers, each in the legend and credited with its own attribution.
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Map layers');
      expect(flat).toContain('Provinces (Natural Earth 10m)');
      expect(flat).toContain('Neighbouring countries (Natural Earth 10m)');
      expect(flat).toContain('Rivers (Natural Earth 50m): Made with Natural Earth');
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/A4/);
    }

    await page.selectOption('[data-testid="export-kind"]', 'csv');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-testid="export-start"]'),
    ]);
    const csv = path.join(userData, 'downloaded.csv');
    await csvDownload.saveAs(csv);
    const rows = readFileSync(csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0].startsWith('district,flooded_km2,flooded_ha')).toBe(true);
    expect(rows[rows.length - 1].startsWith('Total,')).toBe(true);
    const flooded = rows.slice(1, -1).map((r) => Number(r.split(',').at(-6)));
    expect([...flooded].sort((a, b) => b - a)).toEqual(flooded);
    await page.screenshot({ path: path.join(SHOTS, '2-dialog-done.png') });
    expect(app.browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
