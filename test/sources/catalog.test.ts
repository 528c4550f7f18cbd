import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCatalogService } from '../../electron/services/catalog';
import type { Settings } from '../../shared/contract';
import { makeStaticCatalog, settingsWith, tempDir } from './helpers';

function service(settings: Settings, sampleDataDir = tempDir()) {
  return createCatalogService({
    getSettings: async () => settings,
    sampleDataDir,
    cacheDir: tempDir('nigah-cache-'),
  });
}

describe('catalog service over a static STAC catalog', () => {
  const root = tempDir();
  const { catalog } = makeStaticCatalog(root);

  it('lists good items and reports the broken one without hiding the others', async () => {
    const svc = service(settingsWith([{ id: 'local', kind: 'stac', location: catalog }]));
    const list = await svc.list();
    expect(list.scenes.map((s) => s.id).sort()).toEqual(['local:a', 'local:b']);
    expect(list.problems).toHaveLength(1);
    expect(list.problems[0].code).toBe('INVALID_STAC');
    expect(list.problems[0].message).toMatch(/properties\.datetime/);
    expect(list.problems[0].message).toMatch(/assets/);
    expect(list.problems[0].source).toBe('local');
    const a = list.scenes.find((s) => s.id === 'local:a')!;
    expect(a.roles.sort()).toEqual(['nir', 'red']);
    expect(a.cloudCover).toBe(12);
    expect(a.datetime).toBe('2022-08-30T05:46:41Z');
  });

  it('get() returns the full scene with resolved hrefs, grid and raster fields', async () => {
    const svc = service(settingsWith([{ id: 'local', kind: 'stac', location: catalog }]));
    const a = await svc.get('local:a');
    expect(a.crs).toBe('EPSG:32642');
    const red = a.bands.find((b) => b.role === 'red')!;
    expect(red.href).toBe(pathToFileURL(path.join(root, 'test/a/red.tif')).href);
    expect(red.geotransform).toEqual([600000, 10, 0, 2950000, 0, -10]);
    expect([red.width, red.height]).toEqual([64, 48]);
    expect(red.scale).toBe(0.0001);
    expect(red.offset).toBe(-0.1);
    expect(red.nodata).toBe(0);
    const nir = a.bands.find((b) => b.role === 'nir')!;
    expect([nir.scale, nir.offset]).toEqual([0.0001, -0.1]);
    expect(a.provenance.license).toBe('CC-BY-4.0');
    expect(a.bands.some((b) => b.href.endsWith('thumb.png'))).toBe(false);
  });

  it('fills grid info from the TIFF header when the item has no projection fields (STAC 1.1 bands)', async () => {
    const svc = service(settingsWith([{ id: 'local', kind: 'stac', location: catalog }]));
    const b = await svc.get('local:b');
    expect(b.crs).toBe('EPSG:32642');
    expect(b.bands.map((x) => [x.role, x.sample, x.width, x.height, x.scale])).toEqual([
      ['green', 0, 64, 48, 2],
      // No scale in the item: Sentinel-2 after baseline 04.00 → (DN - 1000) / 10000.
      ['swir16', 1, 64, 48, 0.0001],
    ]);
    expect(b.bands[0].geotransform).toEqual([600000, 10, 0, 2950000, 0, -10]);
  });

  it('filters by cloud, date and bbox, and lists the sample source from sampleDataDir', async () => {
    const settings = settingsWith([{ id: 'sample', kind: 'sample', location: 'ignored' }]);
    const svc = service(settings, root);
    expect((await svc.list()).scenes).toHaveLength(2);
    expect((await svc.list({ maxCloud: 20 })).scenes.map((s) => s.id)).toEqual(['sample:a']);
    expect((await svc.list({ datetime: '2022-06-01/2022-06-30' })).scenes.map((s) => s.id)).toEqual([
      'sample:b',
    ]);
    expect((await svc.list({ bbox: [70, 30, 71, 31] })).scenes).toHaveLength(0);
  });

  it('a missing source is a problem of that source only; ids stay unique across sources', async () => {
    const svc = service(
      settingsWith([
        { id: 'one', kind: 'stac', location: catalog },
        { id: 'two', kind: 'stac', location: catalog },
        { id: 'gone', kind: 'stac', location: path.join(root, 'nope/catalog.json') },
        { id: 'off', kind: 'stac', location: catalog, enabled: false },
      ]),
    );
    const list = await svc.list();
    const ids = list.scenes.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['one:a', 'one:b', 'two:a', 'two:b']);
    const gone = list.problems.find((p) => p.source === 'gone')!;
    expect(gone.code).toBe('NOT_FOUND');
    const statuses = await svc.sources();
    expect(statuses.find((s) => s.id === 'gone')!.error!.code).toBe('NOT_FOUND');
    expect(statuses.find((s) => s.id === 'one')!.sceneCount).toBe(2);
    await expect(svc.get('one:zzz')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies per-scene band-role overrides from settings', async () => {
    const svc = service(
      settingsWith([{ id: 'local', kind: 'stac', location: catalog }], {
        roleOverrides: { 'local:a': { B04: 'green' } },
      }),
    );
    await svc.list();
    const a = await svc.get('local:a');
    expect(a.bands.find((b) => b.name === 'B04')!.role).toBe('green');
    expect(a.notices.join(' ')).toMatch(/changed by the user/);
  });
});

describe('large static catalogs', () => {
  it('stop at maxItems with a problem that says so', async () => {
    const { walkStaticCatalog } = await import('../../electron/sources/stac-static');
    const root = tempDir();
    const { catalog } = makeStaticCatalog(root);
    const r = await walkStaticCatalog(catalog, { maxItems: 1 });
    expect(r.items).toHaveLength(1);
    expect(r.problems.some((p) => /more than 1 items/.test(p.message))).toBe(true);
  });
});
