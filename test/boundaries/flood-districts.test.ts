/**
 * Districts added as a user would (Settings → Boundaries, i.e. the boundaries service, and the CLI)
 * give the same per-district flood table as the districts shipped before: Jamshoro and Dadu within
 * 0.1 %. The reference figures were printed by `nigah flood` on the sample pair with the former
 * sample-data/boundaries/osm_districts_2023census.geojson, before it was removed:
 *   Jamshoro: flood 117.8286 km², flooded cropland 60.9364 km²
 *   Dadu:     flood   3.4895 km², flooded cropland  1.0566 km²
 * The districts are the OSM 2023-census TopoJSON in ../shared/data (read in place), and a zipped
 * Shapefile made from it here with ogr2ogr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { computeFlood, type FloodResult } from '../../electron/engine/analysis';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { createBoundariesService } from '../../electron/services/boundaries';
import { DISTRICTS_TOPOJSON, needsSharedData } from '../support/shared-data';
import { zipFiles } from '../support/zip';

const S = path.resolve('sample-data', 'sindh-synthetic');
const PRE = path.join(S, 'S2-SYN-SINDH-20220615', 'S2-SYN-SINDH-20220615.json');
const POST = path.join(S, 'S2-SYN-SINDH-20220830', 'S2-SYN-SINDH-20220830.json');
const REFERENCE = {
  Jamshoro: { flood: 117.8286, cropland: 60.9364 },
  Dadu: { flood: 3.4895, cropland: 1.0566 },
};
const hasOgr = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const hasDistricts = existsSync(DISTRICTS_TOPOJSON);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nigah-districts-'));

afterAll(() => closeSharedPool());

async function flood(zones: string): Promise<FloodResult> {
  return computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), { zones, vectorize: false });
}

function expectReferenceTable(r: FloodResult): void {
  for (const [name, ref] of Object.entries(REFERENCE)) {
    const z = r.zones?.find((x) => x.name === name);
    expect(z, name).toBeDefined();
    const floodKm2 = z?.classes.flood.km2 ?? 0;
    const cropKm2 = z?.classes['flooded cropland'].km2 ?? 0;
    expect(Math.abs(floodKm2 - ref.flood) / ref.flood, `${name} flood ${floodKm2}`).toBeLessThan(0.001);
    expect(Math.abs(cropKm2 - ref.cropland) / ref.cropland, `${name} cropland ${cropKm2}`).toBeLessThan(
      0.001,
    );
  }
}

describe.skipIf(!hasDistricts)(
  `per-district flood table from added districts (${needsSharedData('vector')})`,
  () => {
    it('the TopoJSON added through the boundaries service (Settings → Boundaries)', async () => {
      const svc = createBoundariesService({ userDir: path.join(tmp, 'ui') });
      const info = await svc.inspect(DISTRICTS_TOPOJSON);
      expect(info.layer).toBe('districts');
      expect(info.suggested).toMatchObject({ nameField: 'name', level: 'district' });
      const layer = await svc.add({
        location: DISTRICTS_TOPOJSON,
        layer: 'districts',
        level: 'district',
        license: 'ODbL-1.0',
        attribution: '© OpenStreetMap contributors',
      });
      expect(layer).toMatchObject({
        featureCount: 156,
        level: 'district',
        origin: 'user',
        attribution: '© OpenStreetMap contributors',
      });
      expect((await svc.list())[0].id).toBe(layer.id);
      expectReferenceTable(await flood(await svc.file(layer.id)));
    });

    it.skipIf(!hasOgr)(
      'a zipped Shapefile of the same districts, added with `nigah boundaries add` (needs gdal-bin)',
      async () => {
        const shp = path.join(tmp, 'districts.shp');
        execFileSync('ogr2ogr', [
          '-f',
          'ESRI Shapefile',
          '-lco',
          'ENCODING=UTF-8',
          shp,
          DISTRICTS_TOPOJSON,
          'districts',
        ]);
        const zip = path.join(tmp, 'districts.zip');
        zipFiles(
          zip,
          ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => path.join(tmp, `districts.${e}`)).filter(existsSync),
        );
        const userData = path.join(tmp, 'cli');
        const before = process.env.NIGAH_USER_DATA;
        process.env.NIGAH_USER_DATA = userData;
        try {
          let out = '';
          const io = { out: (s: string) => (out += s), err: (s: string) => (out += s) };
          expect(
            await main(
              ['boundaries', 'add', zip, '--level', 'district', '--name-field', 'name', '--json'],
              io,
            ),
          ).toBe(0);
          const layer = JSON.parse(out) as { id: string; featureCount: number };
          expect(layer.featureCount).toBe(156);
          // The flood command takes the layer id as --zones.
          const outDir = path.join(tmp, 'flood-out');
          expect(
            await main(['flood', '--pre', PRE, '--post', POST, '--zones', layer.id, '--out-dir', outDir], {
              out: () => {},
              err: () => {},
            }),
          ).toBe(0);
          // The table the user gets: zones.csv (BOM and quoting aside, names here are plain).
          const rows = readFileSync(path.join(outDir, 'zones.csv'), 'utf8')
            .replace(/^\uFEFF/, '')
            .trim()
            .split('\n')
            .map((l) => l.split(','));
          const col = (name: string) => rows[0].indexOf(name);
          for (const [name, ref] of Object.entries(REFERENCE)) {
            const row = rows.find((r) => r[col('name')] === name);
            expect(row, name).toBeDefined();
            expect(Math.abs(Number(row?.[col('flood_km2')]) - ref.flood) / ref.flood).toBeLessThan(0.001);
            expect(
              Math.abs(Number(row?.[col('flooded_cropland_km2')]) - ref.cropland) / ref.cropland,
            ).toBeLessThan(0.001);
          }
          out = '';
          expect(await main(['boundaries', 'remove', layer.id], io)).toBe(0);
          out = '';
          await main(['boundaries', 'list', '--json'], io);
          expect((JSON.parse(out) as { id: string }[]).map((l) => l.id)).toEqual(['ne-admin1', 'ne-admin0']);
        } finally {
          if (before === undefined) delete process.env.NIGAH_USER_DATA;
          else process.env.NIGAH_USER_DATA = before;
        }
      },
    );
  },
);
