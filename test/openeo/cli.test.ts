/**
 * `nigah openeo graph|exec|run` end to end in-process: the printed graph validates against the
 * official definitions; exec equals a direct executor run; run submits to the loopback backend,
 * downloads and writes the per-zone CSV.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import type { OpenEOProcess } from '../../shared/openeo/graph';
import { useSampleBackend } from './backend';
import { BBOX, POST_ITEM, PRE_ITEM, readRaster, writeBoxZones } from './helpers';
import { CREDENTIALS, SPECS_DIR } from './server';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

const area = ['--collection', 'SENTINEL2_L2A', '--bbox', BBOX.join(',')];
const floodArgs = [
  ...area,
  '--pre',
  '2022-06-10/2022-06-20',
  '--post',
  '2022-08-30',
  '--threshold',
  '0.05',
  '--pre-threshold',
  '0',
];

describe.skipIf(!existsSync(SPECS_DIR))('nigah openeo (needs ../shared/data/openeo-processes)', () => {
  const backend = useSampleBackend('nigah-openeo-cli-');

  it('graph: validated against the official processes; offline it says what it checked', async () => {
    const c = capture();
    expect(await main(['openeo', 'graph', ...floodArgs, '--processes', SPECS_DIR], c.io)).toBe(0);
    const g = JSON.parse(c.out.join('')) as OpenEOProcess;
    expect(g.process_graph.flood.process_id).toBe('merge_cubes');
    const o = capture();
    expect(
      await main(['openeo', 'graph', '--index', 'evi', ...area, '--datetime', '2022-08-25/2022-09-05'], o.io),
    ).toBe(0);
    expect(o.err.join('')).toMatch(/Full validation needs a backend/);
    const bad = capture();
    expect(await main(['openeo', 'graph', '--index', 'ndvi', ...area], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/date range is missing/);
  });

  it('exec: the printed graph run locally writes the flood masks', async () => {
    const c = capture();
    const graphFile = join(backend.dir, 'flood.json');
    expect(await main(['openeo', 'graph', ...floodArgs, '--out', graphFile], c.io)).toBe(0);
    const out = join(backend.dir, 'flood-local.tif');
    expect(
      await main(['openeo', 'exec', graphFile, '--scenes', `${PRE_ITEM},${POST_ITEM}`, '--out', out], c.io),
    ).toBe(0);
    expect(readRaster(out).bands.length).toBe(2);
  });

  it('run: submits to a backend, downloads and tabulates per zone', async () => {
    process.env.NIGAH_OPENEO_PASSWORD = CREDENTIALS.basic.password;
    const c = capture();
    const outDir = join(backend.dir, 'run');
    const zones = join(backend.dir, 'zone.geojson');
    writeBoxZones(zones, BBOX);
    try {
      const rc = await main(
        [
          'openeo',
          'run',
          '--backend',
          backend.server.url,
          '--user',
          CREDENTIALS.basic.name,
          ...floodArgs,
          '--out-dir',
          outDir,
          '--zones',
          zones,
          '--poll',
          '0.02',
        ],
        c.io,
      );
      expect(c.err.join('')).toMatch(/Submitted job j-\d+[\s\S]*finished/);
      expect(rc).toBe(0);
    } finally {
      delete process.env.NIGAH_OPENEO_PASSWORD;
    }
    const csvs = readdirSync(outDir).filter((f) => f.endsWith('.csv'));
    expect(csvs.sort()).toEqual(['zones-flood.csv', 'zones-flooded_cropland.csv']);
    const rows = readFileSync(join(outDir, 'zones-flood.csv'), 'utf8').trimEnd().split(/\r\n/);
    expect(rows[0]).toMatch(/^\uFEFFzone_id,name,pixels/);
    expect(Number(rows[1].split(',')[2])).toBeGreaterThan(0);
  });
});
