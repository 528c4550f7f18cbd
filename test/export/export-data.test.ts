/**
 * `nigah export-data` from a `nigah flood` output directory: GeoJSON and KML read back by
 * ogrinfo (feature count, lon/lat extent, the stated tolerance), the per-district CSV parsed back
 * against the run's own summary.json, and the run's zones.csv with its byte-order mark.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { closeSharedPool } from '../../electron/engine/pool';
import { hasGdal, POST, PRE, run, TRUTH_FLOOD, tmpDir } from './fixtures';

const quiet = { out: () => {}, err: () => {} };

/** RFC 4180 fields of one line (quoted fields may hold commas and doubled quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const m of line.matchAll(re)) {
    out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] === '') break;
  }
  return out;
}

describe('nigah export-data', () => {
  const dir = tmpDir();
  const runDir = path.join(dir, 'run');
  beforeAll(async () => {
    const code = await main(
      ['flood', '--pre', PRE, '--post', POST, '--zones', 'ne-admin1', '--out-dir', runDir],
      quiet,
    );
    expect(code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await closeSharedPool();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the per-district CSV with a BOM, parsed back against summary.json', async () => {
    const out = path.join(dir, 'districts.csv');
    expect(await main(['export-data', runDir, '--out', out], quiet)).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map(fields);
    expect(lines[0].slice(0, 3)).toEqual(['district', 'flooded_km2', 'flooded_ha']);
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    const zones = summary.zones as { name: string; classes: { flood?: { km2: number } } }[];
    expect(zones.length).toBeGreaterThan(0);
    for (const z of zones) {
      const row = lines.find((l) => l[0] === z.name);
      expect(row, z.name).toBeDefined();
      expect(Number(row?.[1])).toBeCloseTo(z.classes.flood?.km2 ?? 0, 3);
    }
    // Rows and a totals row.
    expect(lines.length).toBe(zones.length + 2);
    // The run's own table has the mark too.
    expect(readFileSync(path.join(runDir, 'zones.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
  });

  it('refuses to overwrite without --force and refuses a CSV from a bare mask', async () => {
    const out = path.join(dir, 'districts.csv');
    expect(await main(['export-data', runDir, '--out', out], quiet)).not.toBe(0);
    expect(await main(['export-data', TRUTH_FLOOD, '--out', path.join(dir, 'x.csv')], quiet)).not.toBe(0);
  });

  it.skipIf(!hasGdal)(
    'writes GeoJSON and KML that ogrinfo reads alike, with the stated tolerance',
    async () => {
      const gj = path.join(dir, 'flood.geojson');
      const kml = path.join(dir, 'flood.kml');
      expect(await main(['export-data', runDir, '--out', gj, '--tolerance', '20'], quiet)).toBe(0);
      expect(
        await main(['export-data', path.join(runDir, 'flood.tif'), '--out', kml, '--tolerance', '20'], quiet),
      ).toBe(0);
      const fc = JSON.parse(readFileSync(gj, 'utf8'));
      expect(fc.simplification.toleranceMetres).toBe(20);
      const count = (f: string) =>
        Number(/Feature Count: (\d+)/.exec(run('ogrinfo', ['-so', '-al', f]))?.[1]);
      expect(count(gj)).toBe(fc.features.length);
      expect(count(kml)).toBe(fc.features.length);
      const extent = run('ogrinfo', ['-so', '-al', gj]);
      const m = /Extent: \(([\d.]+), ([\d.]+)\) - \(([\d.]+), ([\d.]+)\)/.exec(extent);
      // The scene lies at ≈ 67.66–67.88°E, 26.34–26.52°N (lon/lat order, RFC 7946).
      expect(Number(m?.[1])).toBeGreaterThan(67.6);
      expect(Number(m?.[3])).toBeLessThan(67.95);
      expect(Number(m?.[2])).toBeGreaterThan(26.3);
      expect(Number(m?.[4])).toBeLessThan(26.6);
    },
  );
});
if (!hasGdal) console.warn('GeoJSON/KML checks skipped: install the Debian package gdal-bin.');
