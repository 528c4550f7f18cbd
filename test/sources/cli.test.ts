import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as info } from '../../electron/cli/commands/info';
import { command as search } from '../../electron/cli/commands/search';
import { main } from '../../electron/cli/main';
import { cogBytes, cresdaXml, makeStaticCatalog, stacItem, tarBytes, tempDir, writeCogFile } from './helpers';
import { startServer, type TestServer } from './server';

function io() {
  const o = { out: '', err: '' };
  const cio = {
    out: (s: string): void => {
      o.out += s;
    },
    err: (s: string): void => {
      o.err += s;
    },
  };
  return { o, io: cio };
}

const root = tempDir();
makeStaticCatalog(root);
const s2 = path.join(root, 'bands');
for (const b of ['B02_10m', 'B03_10m', 'B04_10m', 'B08_10m', 'B11_20m']) {
  const twenty = b.endsWith('20m');
  writeCogFile(path.join(s2, `T42RUN_20220830T054641_${b}.tif`), {
    width: twenty ? 20 : 40,
    height: twenty ? 20 : 40,
    transform: [600000, twenty ? 20 : 10, 0, 2950000, 0, twenty ? -20 : -10],
  });
}
const api = {
  items: Array.from({ length: 7 }, (_, i) =>
    stacItem(
      `s2-${i}`,
      {},
      { datetime: `2022-08-${String(10 + i).padStart(2, '0')}T05:00:00Z`, 'eo:cloud_cover': i * 10 },
    ),
  ),
  searchMethod: 'GET' as const,
  conformsTo: [
    'https://api.stacspec.org/v1.0.0/item-search',
    'https://api.stacspec.org/v1.0.0/item-search#query',
  ],
};
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ root, api });
});
afterAll(async () => {
  await srv.close();
});

describe('nigah info', () => {
  it('a folder of Sentinel-2 band files: roles, CRS, size, pixel size, bounds in lon/lat and in its CRS', async () => {
    const { o, io: cio } = io();
    expect(await info.run([s2, '--json'], cio)).toBe(0);
    const j = JSON.parse(o.out);
    expect(j.crs).toBe('EPSG:32642');
    expect(j.crsName).toBe('WGS 84 / UTM zone 42N');
    expect(j.size).toEqual([40, 40]);
    expect(j.pixelSize).toEqual([10, 10]);
    expect(j.bounds.crs).toEqual([600000, 2949600, 600400, 2950000]);
    expect(j.datetime).toBe('2022-08-30T05:46:41Z');
    expect(
      j.bands.map((b: { name: string; role: string; pixelSize: number[] }) => [
        b.name,
        b.role,
        b.pixelSize[0],
      ]),
    ).toEqual([
      ['B2', 'blue', 10],
      ['B3', 'green', 10],
      ['B4', 'red', 10],
      ['B8', 'nir', 10],
      ['B11', 'swir16', 20],
    ]);
    expect(j.bands[0].nodata).toBe(0);
  });

  it('a STAC item URL (over HTTP) and human-readable output', async () => {
    const { o, io: cio } = io();
    expect(await info.run([`${srv.url}/files/test/a/a.json`], cio)).toBe(0);
    expect(o.out).toMatch(/CRS {9}EPSG:32642 \(WGS 84 \/ UTM zone 42N\)/);
    expect(o.out).toMatch(/B04 +red +uint16 +64x48 +nodata 0 +value = DN\*0\.0001 - 0\.1/);
  });

  it('a product package (tar.gz) and a remote GeoTIFF URL', async () => {
    const pkg = path.join(root, 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567.tar.gz');
    writeFileSync(
      pkg,
      gzipSync(
        tarBytes([
          {
            name: 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567.tiff',
            data: cogBytes({ bands: 8, width: 32, height: 32, transform: [600000, 16, 0, 2950000, 0, -16] }),
          },
          {
            name: 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567.xml',
            data: cresdaXml({
              satellite: 'GF6',
              sensor: 'WFV',
              center: '2020-09-01 05:31:12',
              cloud: 7,
              level: 'LEVEL2A',
              corners: [
                [67.5, 26.8],
                [68.5, 26.8],
                [68.5, 26.0],
                [67.5, 26.0],
              ],
            }),
          },
        ]),
      ),
    );
    const a = io();
    expect(await info.run([pkg, '--json'], a.io)).toBe(0);
    const j = JSON.parse(a.o.out);
    expect(j.platform).toBe('GF-6');
    expect(j.bands.map((b: { role: string }) => b.role)).toEqual([
      'blue',
      'green',
      'red',
      'nir',
      'rededge071',
      'rededge075',
      'coastal',
      'yellow',
    ]);
    expect(j.bounds.crs).toEqual([600000, 2950000 - 32 * 16, 600000 + 32 * 16, 2950000]);
    const b = io();
    expect(await info.run([`${srv.url}/files/test/b/b.tif`, '--json'], b.io)).toBe(0);
    expect(JSON.parse(b.o.out)).toMatchObject({ crs: 'EPSG:32642', size: [64, 48], pixelSize: [10, 10] });
  });

  it('usage errors exit 2, missing files exit 1 with message + hint and no stack trace', async () => {
    const a = io();
    expect(await main(['info'], a.io)).toBe(2);
    expect(a.o.err).toMatch(/Name exactly one scene/);
    const b = io();
    expect(await main(['info', path.join(root, 'nope.tif')], b.io)).toBe(1);
    expect(b.o.err).toMatch(/nope\.tif does not exist/);
    expect(b.o.err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('nigah search', () => {
  it('a STAC API with --max-cloud and --datetime, following pages (--json)', async () => {
    const { o, io: cio } = io();
    expect(
      await search.run(
        [`${srv.url}/api`, '--max-cloud', '30', '--datetime', '2022-08-11/2022-08-20', '--json'],
        cio,
      ),
    ).toBe(0);
    const j = JSON.parse(o.out);
    // cloud = 10·i ≤ 30 → i ≤ 3; date 2022-08-(10+i) within 11..20 → i ≥ 1.
    expect(j.items.map((i: { id: string }) => i.id)).toEqual(['s2-1', 's2-2', 's2-3']);
    expect(srv.log.some((l) => l.includes('/api/search') && l.includes('query='))).toBe(true);
  });

  it('a static catalog by path with --bbox and --collections, human-readable', async () => {
    const { o, io: cio } = io();
    expect(
      await search.run(
        [path.join(root, 'catalog.json'), '--bbox', '67.9,25.9,68.2,26.2', '--collections', 'test'],
        cio,
      ),
    ).toBe(0);
    expect(o.out).toMatch(/2022-08-30 +12% +test +a/);
    expect(o.out).toMatch(/2 item\(s\)/);
    expect(o.err).toMatch(/warning: The STAC item/);
    const none = io();
    await search.run([path.join(root, 'catalog.json'), '--bbox', '10,10,11,11'], none.io);
    expect(none.o.out).toMatch(/0 item\(s\)/);
  });

  it('bad arguments exit 2', async () => {
    const { o, io: cio } = io();
    expect(await main(['search', 'x', '--bbox', '1,2,3'], cio)).toBe(2);
    expect(o.err).toMatch(/west,south,east,north/);
  });

  it('npm run cli works end to end (bin/nigah.mjs)', () => {
    const out = execFileSync(process.execPath, [
      path.resolve(__dirname, '../../bin/nigah.mjs'),
      'info',
      path.join(root, 'test/a/red.tif'),
      '--json',
    ]).toString();
    expect(JSON.parse(out).size).toEqual([64, 48]);
  });
});
