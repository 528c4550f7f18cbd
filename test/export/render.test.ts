/**
 * Map pages as users get them, read back with poppler: page size (pdfinfo), text (pdftotext: title,
 * legend, attribution, district names, Urdu script in logical order), embedded fonts (pdffonts),
 * raster resolution (pdfimages), and PNG size against the dpi.
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { exportMapFile } from '../../electron/export/map-export';
import type { BoundaryContext } from '../../electron/export/zones';
import type { Scene } from '../../shared/scene';
import { hasPoppler, POST, run, TRUTH_FLOOD, testBoundaries, tmpDir, writeZones } from './fixtures';

if (!hasPoppler) console.warn('PDF checks skipped: install the Debian package poppler-utils.');

describe.skipIf(!hasPoppler)('map pages (PDF and PNG)', () => {
  let dir: string;
  let zones: string;
  let scene: Scene;
  let boundaries: BoundaryContext;
  const base = () => ({
    scene,
    mask: TRUTH_FLOOD,
    zonesFile: zones,
    lang: 'en' as const,
    page: { size: 'a4' as const, landscape: false },
    dpi: 300,
    producer: 'PDMA Sindh GIS cell',
    version: '0.1.0',
    boundaries,
  });

  beforeAll(async () => {
    dir = tmpDir();
    zones = writeZones(dir);
    scene = await loadSceneInput(POST);
    boundaries = await testBoundaries(dir);
  });
  afterAll(async () => {
    await closeSharedPool();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an A4 PDF with vector text, embedded fonts and the raster at 300 dpi', async () => {
    const out = path.join(dir, 'map.pdf');
    await exportMapFile({ ...base(), title: 'Flood near Manchar Lake' }, out, false);
    expect(run('pdfinfo', [out])).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const text = run('pdftotext', ['-layout', out, '-']);
    for (const s of [
      'Flood near Manchar Lake',
      'SYNTHETIC DATA',
      'Legend',
      'Flooded',
      'District boundaries',
      'Dadu Test',
      'Jamshoro Test',
      '© OpenStreetMap contributors',
      'Natural Earth',
      'S2-SYN-SINDH-20220830',
      'PDMA Sindh GIS cell',
      '67°45′E',
    ])
      expect(text, s).toContain(s);
    const fonts = run('pdffonts', [out]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts)
      expect(f, 'every font embedded').toMatch(/\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);
    const images = run('pdfimages', ['-list', out])
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/));
    const map = images.find((cols) => cols[2] === 'image');
    expect(map, 'the map raster').toBeDefined();
    expect(Number(map?.[12])).toBeGreaterThanOrEqual(299);
    expect(Number(map?.[13])).toBeGreaterThanOrEqual(299);
  });

  it('draws the flood mask in its violet where the truth mask is flooded', async () => {
    const out = path.join(dir, 'map-ppm.pdf');
    await exportMapFile(base(), out, false);
    // The page at 72 dpi: 1 px = 1 pt. Count violet pixels inside the map box.
    run('pdftoppm', ['-r', '72', '-singlefile', out, path.join(dir, 'page')]);
    const img = readFileSync(path.join(dir, 'page.ppm'));
    const header = img.subarray(0, 20).toString('latin1').split(/\s+/);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = img.subarray(img.length - w * h * 3);
    let violet = 0;
    for (let i = 0; i < w * h; i++) {
      const [r, g, b] = [data[i * 3], data[i * 3 + 1], data[i * 3 + 2]];
      if (Math.abs(r - 150) < 40 && g < 80 && b > 200) violet++;
    }
    // The truth mask floods 121.39 km² of the 440 km² scene (27.6 %); the scene fills roughly
    // half the page's map box at this aspect. Violet must cover a real share of the page.
    expect(violet / (w * h)).toBeGreaterThan(0.05);
    expect(violet / (w * h)).toBeLessThan(0.3);
  });

  it('sets Urdu in Nastaliq and keeps its text extractable in logical order', async () => {
    const out = path.join(dir, 'map-ur.pdf');
    await exportMapFile({ ...base(), lang: 'ur' }, out, false);
    expect(run('pdffonts', [out])).toMatch(/NotoNastaliqUrdu/);
    const text = run('pdftotext', [out, '-'])
      .normalize('NFKC')
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\s+/g, ' ');
    expect(text).toMatch(/[\u0600-\u06FF]{3}/);
    // "شمال" (north) and "علامات" (legend), letters in reading order.
    expect(text).toContain('شمال');
    expect(text).toContain('علامات');
    expect(text).toContain('Natural Earth');
    expect(text).toContain('Dadu Test');
  });

  it('maps the chosen lon/lat extent: the western half shows only the western district', async () => {
    const out = path.join(dir, 'map-west.pdf');
    // The test districts split the scene at 377 000 m E (≈ 67.77°E); the scene spans ≈ 67.66–67.88°E.
    await exportMapFile({ ...base(), bbox: [67.65, 26.4, 67.74, 26.5] }, out, false);
    const text = run('pdftotext', [out, '-']);
    expect(text).toContain('Dadu Test');
    expect(text).not.toContain('Jamshoro Test');
    expect(text).toContain('67°40′E');
  });

  it('writes PNGs whose size matches the dpi, A3 landscape included', async () => {
    const a4 = path.join(dir, 'map.png');
    await exportMapFile({ ...base(), dpi: 150 }, a4, false);
    const size = (f: string) => {
      const b = readFileSync(f);
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    expect(size(a4)).toEqual([1240, 1754]);
    // The pHYs chunk right after IHDR: 150 dpi = 5906 pixels per metre on both axes, unit metre.
    const b = readFileSync(a4);
    expect(b.subarray(37, 41).toString('latin1')).toBe('pHYs');
    expect([b.readUInt32BE(41), b.readUInt32BE(45), b[49]]).toEqual([5906, 5906, 1]);
    const a3 = path.join(dir, 'map-a3.png');
    await exportMapFile({ ...base(), dpi: 150, page: { size: 'a3', landscape: true } }, a3, false);
    expect(size(a3)).toEqual([2480, 1754]);
  });

  it('refuses to replace a file without consent, and an input always', async () => {
    const out = path.join(dir, 'map.pdf');
    await expect(exportMapFile(base(), out, false)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('already exists'),
    });
    // An input is never replaced, even with consent (the districts file here has a .png name).
    const input = path.join(dir, 'districts.png');
    copyFileSync(zones, input);
    await expect(exportMapFile({ ...base(), zonesFile: input }, input, true)).rejects.toMatchObject({
      code: 'OUTPUT_IS_INPUT',
    });
    await expect(exportMapFile(base(), path.join(dir, 'map.tif'), true)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
    });
    await expect(exportMapFile(base(), out, true)).resolves.toBeDefined();
  });
});
