import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCatalogService } from '../../electron/services/catalog';
import { searchStacApi } from '../../electron/sources/stac-api';
import { settingsWith, stacItem, tempDir, writeCogFile } from './helpers';
import { startServer, type TestServer } from './server';

// 25 items: cloud = (i * 7) % 50, one per day from 2022-08-01, alternating collections, lon 67..69.
function items(): Record<string, unknown>[] {
  return Array.from({ length: 25 }, (_, i) => {
    const it = stacItem(
      `item-${String(i).padStart(2, '0')}`,
      {
        B04: {
          href: `http://127.0.0.1:9/${i}/B04.tif`,
          type: 'image/tiff; application=geotiff',
          'eo:bands': [{ common_name: 'red' }],
          'proj:epsg': 32642,
          'proj:shape': [100, 100],
          'proj:transform': [10, 0, 600000, 0, -10, 2950000],
        },
      },
      { datetime: new Date(Date.UTC(2022, 7, 1 + i, 5, 30)).toISOString(), 'eo:cloud_cover': (i * 7) % 50 },
    );
    const lon = 67 + (i % 3);
    return {
      ...it,
      collection: i % 2 ? 'sentinel-2-l2a' : 'landsat-c2-l2',
      bbox: [lon, 26, lon + 0.5, 26.5],
    };
  });
}
const ALL = items();
const cloud = (it: Record<string, unknown>): number =>
  (it.properties as { 'eo:cloud_cover': number })['eo:cloud_cover'];

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

describe('STAC API search', () => {
  it('GET /search follows rel=next pages to the end', async () => {
    srv = await startServer({ api: { items: ALL, searchMethod: 'GET' } });
    const r = await searchStacApi(`${srv.url}/api`, {}, { limit: 10 });
    expect(r.items.map((x) => x.item.id)).toEqual(ALL.map((x) => x.id));
    expect(r.pages).toBe(3);
    expect(srv.log.filter((l) => l.startsWith('GET /api/search')).length).toBe(3);
    expect(r.matched).toBe(25);
  });

  it('cloud filter via the query extension, with bbox, datetime and collections', async () => {
    srv = await startServer({
      api: {
        items: ALL,
        searchMethod: 'GET',
        conformsTo: ['https://api.stacspec.org/v1.0.0/item-search#query'],
      },
    });
    const q = {
      bbox: [67, 26, 67.4, 26.4] as [number, number, number, number],
      datetime: '2022-08-01T00:00:00Z/2022-08-20T00:00:00Z',
      maxCloud: 20,
      collections: ['sentinel-2-l2a', 'landsat-c2-l2'],
    };
    const r = await searchStacApi(`${srv.url}/api`, q, { limit: 2 });
    const expected = ALL.filter((it, i) => i % 3 === 0 && i < 19 && cloud(it) <= 20).map((x) => x.id);
    expect(r.cloudFilter).toBe('query');
    expect(r.items.map((x) => x.item.id)).toEqual(expected);
    expect(srv.log.find((l) => l.startsWith('GET /api/search'))).toContain('query=');
  });

  it('POST search with CQL2 filter; POST next links merge their body into the previous one', async () => {
    srv = await startServer({
      api: {
        items: ALL,
        searchMethod: 'POST',
        postPaging: true,
        conformsTo: [
          'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
          'https://api.stacspec.org/v1.0.0/item-search#filter',
        ],
      },
    });
    const r = await searchStacApi(
      `${srv.url}/api`,
      { maxCloud: 30, collections: ['sentinel-2-l2a'] },
      { limit: 3 },
    );
    const expected = ALL.filter((it) => it.collection === 'sentinel-2-l2a' && cloud(it) <= 30).map(
      (x) => x.id,
    );
    expect(r.cloudFilter).toBe('cql2');
    expect(r.items.map((x) => x.item.id)).toEqual(expected);
    expect(srv.bodies[0]).toMatchObject({
      limit: 3,
      collections: ['sentinel-2-l2a'],
      filter: { op: '<=', args: [{ property: 'eo:cloud_cover' }, 30] },
    });
    // Merged: page 2 still carries the filter and collections.
    expect(srv.bodies[1]).toMatchObject({
      page: 1,
      collections: ['sentinel-2-l2a'],
      'filter-lang': 'cql2-json',
    });
    expect(srv.bodies.length).toBe(Math.ceil(expected.length / 3));
  });

  it('without query/filter conformance the cloud filter is applied client-side', async () => {
    srv = await startServer({ api: { items: ALL, searchMethod: 'GET' } });
    const r = await searchStacApi(`${srv.url}/api`, { maxCloud: 10 }, { limit: 50 });
    expect(r.cloudFilter).toBe('client');
    expect(r.items.map((x) => x.item.id)).toEqual(ALL.filter((it) => cloud(it) <= 10).map((x) => x.id));
  });

  it('stops at maxItems', async () => {
    srv = await startServer({ api: { items: ALL, searchMethod: 'GET' } });
    const r = await searchStacApi(`${srv.url}/api`, {}, { limit: 4, maxItems: 9 });
    expect(r.items).toHaveLength(9);
  });

  it('an item failing the schema is a problem naming the field; the rest of the page is kept', async () => {
    const bad = { ...ALL[0], id: undefined, properties: { 'eo:cloud_cover': 5 } };
    srv = await startServer({ api: { items: [bad, ...ALL.slice(1, 4)], searchMethod: 'GET' } });
    const r = await searchStacApi(`${srv.url}/api`, {}, { limit: 10 });
    expect(r.items).toHaveLength(3);
    expect(r.problems[0].code).toBe('INVALID_STAC');
    expect(r.problems[0].message).toMatch(/\bid\b/);
    expect(r.problems[0].message).toMatch(/properties\.datetime/);
    expect(r.problems[0].details?.fields).toEqual(expect.arrayContaining(['id', 'properties.datetime']));
  });

  it('as a catalog source: the query goes to the API, scenes get source-prefixed ids', async () => {
    const root = tempDir();
    writeCogFile(path.join(root, 'red.tif'), { width: 100, height: 100 });
    const api = {
      items: [] as Record<string, unknown>[],
      searchMethod: 'GET' as const,
      conformsTo: ['https://api.stacspec.org/v1.0.0/item-search#query'],
    };
    srv = await startServer({ root, api });
    const base = srv.url;
    // Assets on the same loopback server, so get() can read their headers by range.
    api.items = ALL.map((it) => {
      const assets = it.assets as Record<string, Record<string, unknown>>;
      return { ...it, assets: { B04: { ...assets.B04, href: `${base}/files/red.tif` } } };
    });
    const svc = createCatalogService({
      getSettings: async () =>
        settingsWith([
          { id: 'pc', kind: 'stac-api', location: `${srv!.url}/api`, collections: ['sentinel-2-l2a'] },
        ]),
      sampleDataDir: tempDir(),
      cacheDir: tempDir('nigah-cache-'),
    });
    const list = await svc.list({ maxCloud: 25 });
    const expected = ALL.filter((it) => it.collection === 'sentinel-2-l2a' && cloud(it) <= 25).map(
      (x) => `pc:${x.id}`,
    );
    expect(list.scenes.map((s) => s.id).sort()).toEqual(expected.sort());
    expect(srv.log.find((l) => l.startsWith('GET /api/search'))).toContain('collections=sentinel-2-l2a');
    const s = await svc.get(expected[0]);
    expect(s.bands[0]).toMatchObject({ role: 'red', href: `${base}/files/red.tif`, width: 100 });
  });
});
