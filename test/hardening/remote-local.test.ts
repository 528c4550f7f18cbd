/**
 * A catalog read over HTTP must never make Nigah read local files: file:// assets and links of a
 * remote catalog are refused when the catalog is read, so no service (map, analysis) can reach them.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisService } from '../../electron/services/analysis';
import { createCatalogService } from '../../electron/services/catalog';
import { createJobRunner } from '../../electron/services/jobs';
import { settingsWith, stacItem, tempDir, writeCogFile, writeJson } from '../sources/helpers';
import { startServer, type TestServer } from '../sources/server';

const root = tempDir();
const local = tempDir('nigah-local-');
const proj = {
  'proj:epsg': 32642,
  'proj:shape': [48, 64],
  'proj:transform': [10, 0, 600000, 0, -10, 2950000],
};
let srv: TestServer;

beforeAll(async () => {
  const red = writeCogFile(path.join(local, 'red.tif'), { value: (x) => 1000 + x });
  const swir = writeCogFile(path.join(local, 'swir16.tif'), { value: (x) => 2000 + x });
  writeCogFile(path.join(root, 'green.tif'), { value: (x) => 3000 + x });
  writeJson(path.join(local, 'catalog.json'), {
    type: 'Catalog',
    stac_version: '1.0.0',
    id: 'local',
    description: 'on disk',
    links: [],
  });
  writeJson(path.join(root, 'catalog.json'), {
    type: 'Catalog',
    stac_version: '1.0.0',
    id: 'root',
    description: 'remote',
    links: [
      { rel: 'item', href: './x.json' },
      { rel: 'child', href: pathToFileURL(path.join(local, 'catalog.json')).href },
    ],
  });
  const asset = (href: string, common: string) => ({
    href,
    type: 'image/tiff; application=geotiff',
    roles: ['data'],
    'eo:bands': [{ name: common, common_name: common }],
    ...proj,
  });
  writeJson(
    path.join(root, 'x.json'),
    stacItem('x', {
      green: asset('./green.tif', 'green'),
      red: asset(pathToFileURL(red).href, 'red'),
      swir16: asset(`file://${swir}`, 'swir16'),
    }),
  );
  srv = await startServer({ root });
});
afterAll(async () => {
  await srv.close();
});

describe('remote catalog with local assets', () => {
  const catalog = () =>
    createCatalogService({
      getSettings: async () =>
        settingsWith([{ id: 'web', kind: 'stac', location: `${srv.url}/files/catalog.json` }]),
      sampleDataDir: tempDir(),
      cacheDir: tempDir('nigah-cache-'),
    });

  it('drops file:// assets and links, with a notice and a coded problem', async () => {
    const svc = catalog();
    const list = await svc.list();
    expect(list.scenes.map((s) => s.id)).toEqual(['web:x']);
    const forbidden = list.problems.filter((p) => p.code === 'FORBIDDEN');
    expect(forbidden).toHaveLength(1);
    expect(forbidden[0].message).toContain('not on a web server');
    const x = await svc.get('web:x');
    expect(x.bands.map((b) => b.href)).toEqual([`${srv.url}/files/green.tif`]);
    expect(x.notices.join(' ')).toMatch(/"red".*refused/);
    expect(x.notices.join(' ')).toMatch(/"swir16".*refused/);
  });

  it('an analysis job cannot read them either', async () => {
    const cat = catalog();
    await cat.list();
    const jobs = createJobRunner();
    const analysis = createAnalysisService({
      catalog: cat,
      jobs,
      resultsDir: tempDir('nigah-results-'),
      boundaryFile: async () => '',
    });
    // The only band left is remote: the scene is refused before any job runs.
    await expect(analysis.water({ sceneId: 'web:x' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
