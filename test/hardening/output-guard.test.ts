/**
 * No output may replace an input: every spelling of the input path (., .., symlink, hard link) given
 * as an output is refused before anything is written, and the input stays byte for byte the same.
 */
import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { closeSharedPool } from '../../electron/engine/pool';
import { assertOutputsSafe } from '../../electron/host/output-guard';
import { writeTif } from '../analysis/fixtures';

let dir: string;
let scene: string;
let zones: string;

async function runCli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nigah-guard-'));
  const n = 32 * 32;
  const band = (v: number) => new Uint16Array(n).fill(v);
  scene = join(dir, 'x.tif');
  writeTif(scene, 32, 32, [600000, 10, 0, 2970000, 0, -10], [band(500), band(800), band(900), band(3000)]);
  zones = join(dir, 'zones.geojson');
  writeFileSync(
    zones,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'A' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [67, 26],
                [68, 26],
                [68, 27],
                [67, 27],
                [67, 26],
              ],
            ],
          },
        },
      ],
    }),
  );
});
afterAll(async () => {
  await closeSharedPool();
});

describe('an output that is an input is refused', () => {
  it('index --out <the scene>, in every spelling, leaves the scene untouched', async () => {
    const before = readFileSync(scene);
    const name = basename(dir);
    const link = join(dir, 'link.tif');
    symlinkSync(scene, link);
    const hard = join(dir, 'hard.tif');
    linkSync(scene, hard);
    for (const out of [scene, join(dir, '.', '..', name, 'x.tif'), link, hard]) {
      const r = await runCli(['index', scene, '--index', 'ndvi', '--bands', 'red=3,nir=4', '--out', out]);
      expect(r.code, out).not.toBe(0);
      expect(r.err).toMatch(/is an input of this run/);
    }
    expect(readFileSync(scene).equals(before)).toBe(true);
  });

  it('water --out <the scene> and stats --csv <the zones> are refused', async () => {
    const w = await runCli(['water', scene, '--bands', 'green=2,nir=4', '--index', 'ndwi', '--out', scene]);
    expect(w.code).not.toBe(0);
    expect(w.err).toMatch(/is an input of this run/);
    const zonesBefore = readFileSync(zones, 'utf8');
    const s = await runCli(['stats', scene, '--zones', zones, '--csv', zones]);
    expect(s.code).not.toBe(0);
    expect(s.err).toMatch(/is an input of this run/);
    expect(readFileSync(zones, 'utf8')).toBe(zonesBefore);
  });

  it('--out <a folder> says it is a folder (not EISDIR)', async () => {
    const folder = join(dir, 'outdir');
    mkdirSync(folder);
    const r = await runCli(['index', scene, '--index', 'ndvi', '--bands', 'red=3,nir=4', '--out', folder]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/is a folder, not a file/);
    expect(r.err).not.toMatch(/EISDIR/);
  });

  it('is a guard other commands can call, with a coded error', () => {
    expect(() => assertOutputsSafe({ '--out': `file://${scene}` }, [scene])).toThrow(
      expect.objectContaining({ code: 'OUTPUT_IS_INPUT' }),
    );
    expect(() =>
      assertOutputsSafe({ '--out': join(dir, 'new.tif') }, [scene, 'https://x/y.tif']),
    ).not.toThrow();
  });
});
