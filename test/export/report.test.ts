/**
 * The flood report end to end on the synthetic pair, in Urdu: pages, the district table in order
 * of flooded area, totals that match the ground truth, page numbers in Urdu digits.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { floodReportFile } from '../../electron/export/flood-report';
import { hasPoppler, POST, PRE, run, testBoundaries, tmpDir, writeZones } from './fixtures';

describe.skipIf(!hasPoppler)('flood impact report (poppler-utils)', () => {
  const dir = tmpDir();
  const out = path.join(dir, 'report.pdf');
  let floodedKm2 = 0;

  beforeAll(async () => {
    const [pre, post] = await Promise.all([loadSceneInput(PRE), loadSceneInput(POST)]);
    const r = await floodReportFile(
      {
        pre,
        post,
        zonesFile: writeZones(dir),
        lang: 'ur',
        producer: 'PDMA',
        version: '0.1.0',
        boundaries: await testBoundaries(dir),
      },
      out,
      false,
    );
    floodedKm2 = r.floodedKm2;
  });
  afterAll(async () => {
    await closeSharedPool();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps the flood the ground truth describes (121.39 km², within 2 %)', () => {
    expect(Math.abs(floodedKm2 - 121.3929) / 121.3929).toBeLessThan(0.02);
  });

  it('has a cover map, the table and the before/after page, numbered in Urdu digits', () => {
    expect(run('pdfinfo', [out])).toMatch(/Pages:\s+3\b/);
    const pages = [1, 2, 3].map((n) =>
      run('pdftotext', ['-f', String(n), '-l', String(n), out, '-'])
        .normalize('NFKC')
        .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
        .replace(/\s+/g, ' '),
    );
    // "صفحہ ۱ از ۳" … page n of 3 with extended Arabic-Indic digits.
    pages.forEach((p, i) => {
      expect(p).toContain(`${'۰۱۲۳'[i + 1]}`);
      expect(p).toContain('۳');
    });
    expect(pages[0]).toContain('Natural Earth');
    expect(pages[2]).toMatch(/2022-06-15[\s\S]*2022-08-30|2022-08-30[\s\S]*2022-06-15/);
  });

  it('lists districts by flooded area with a total row', () => {
    const table = run('pdftotext', ['-f', '2', '-l', '2', '-layout', out, '-']);
    const east = table.indexOf('Jamshoro Test');
    const west = table.indexOf('Dadu Test');
    expect(east).toBeGreaterThan(-1);
    expect(west).toBeGreaterThan(-1);
    // The eastern district holds the river and most of the flood in the synthetic scene.
    expect(east).toBeLessThan(west);
    expect(table.normalize('NFKC')).toContain('کل');
  });

  it('refuses to overwrite the report without consent', async () => {
    const [pre, post] = await Promise.all([loadSceneInput(PRE), loadSceneInput(POST)]);
    await expect(
      floodReportFile(
        { pre, post, lang: 'en', version: '0', boundaries: await testBoundaries(dir) },
        out,
        false,
      ),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
