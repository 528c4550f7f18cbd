/**
 * The embedded base map from npm packages (no copied files): Pakistan, its provinces, neighbours,
 * rivers and towns, checked against places whose province and country are common knowledge; and
 * the boundaries service's list/get contract, with flood tables per province when no districts exist.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinFeatures } from '../../electron/boundaries/builtin';
import { createBoundariesService } from '../../electron/services/boundaries';

type FC = NonNullable<ReturnType<typeof builtinFeatures>>;

function contains(fc: FC, lon: number, lat: number): string[] {
  const hits: string[] = [];
  for (const f of fc.features) {
    const g = f.geometry as { type: string; coordinates: number[][][] | number[][][][] };
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
    let inside = false;
    for (const poly of polys)
      for (const ring of poly)
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i];
          const [xj, yj] = ring[j];
          if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
        }
    if (inside) hits.push(String(f.properties?.name ?? (f as { id?: string }).id));
  }
  return hits;
}

describe('embedded base map', () => {
  it('provinces: Hyderabad in Sindh, Lahore in Punjab, Quetta in Balochistan, Peshawar in Khyber Pakhtunkhwa; Urdu names', () => {
    const p = builtinFeatures('ne-admin1') as FC;
    expect(p.features).toHaveLength(8);
    expect(contains(p, 68.37, 25.39)).toEqual(['Sindh']);
    expect(contains(p, 74.35, 31.55)).toEqual(['Punjab']);
    expect(contains(p, 67.0, 30.18)).toEqual(['Balochistan']);
    expect(contains(p, 71.57, 34.01)).toEqual(['Khyber Pakhtunkhwa']);
    expect(p.features.find((f) => f.properties?.name === 'Sindh')?.properties?.name_ur).toBe('سندھ');
  });

  it('country and neighbours: Karachi in Pakistan; Kabul, Delhi, Zahedan in the neighbours, not in Pakistan', () => {
    const pak = builtinFeatures('ne-admin0') as FC;
    expect(contains(pak, 67.01, 24.86)).toEqual(['Pakistan']);
    const around = builtinFeatures('ne-neighbours') as FC;
    expect(contains(around, 69.17, 34.53)).toEqual(['Afghanistan']);
    expect(contains(around, 77.21, 28.61)).toEqual(['India']);
    expect(contains(around, 60.86, 29.5)).toEqual(['Iran']);
    expect(contains(around, 67.01, 24.86)).toEqual([]);
  });

  it('rivers reach the Indus delta; towns carry GeoNames populations and Urdu names for the large cities', () => {
    const rivers = builtinFeatures('ne-rivers') as FC;
    expect(rivers.features.length).toBeGreaterThan(5);
    const coords = rivers.features.flatMap((f) => {
      const c = (f.geometry?.coordinates ?? []) as number[][][] | number[][];
      return c.flat(1) as unknown as number[][];
    });
    expect(coords.some((c) => Math.abs(c[0] - 67.5) < 0.5 && Math.abs(c[1] - 24) < 0.5)).toBe(true);
    const towns = builtinFeatures('geonames-towns') as FC;
    const karachi = towns.features.find((f) => f.properties?.name === 'Karachi');
    expect(karachi?.properties).toMatchObject({ name_ur: 'کراچی' });
    expect(Number(karachi?.properties?.population)).toBeGreaterThan(10_000_000);
  });
});

describe('boundaries service', () => {
  const svc = createBoundariesService({ userDir: mkdtempSync(path.join(os.tmpdir(), 'nigah-bsvc-')) });

  it('lists the embedded layers finest first, with licence and attribution, and serves their features', async () => {
    const list = await svc.list();
    expect(list.map((l) => [l.id, l.level, l.featureCount])).toEqual([
      ['ne-admin1', 'province', 8],
      ['ne-admin0', 'country', 1],
    ]);
    for (const l of list)
      expect(l).toMatchObject({
        attribution: 'Made with Natural Earth',
        license: 'public domain',
        origin: 'builtin',
      });
    expect((await svc.get('ne-admin1')).features).toHaveLength(8);
    expect((await svc.basemap()).map((b) => b.kind)).toEqual(['neighbours', 'rivers', 'towns']);
  });

  it('names what is missing and refuses to remove the embedded layers', async () => {
    await expect(svc.get('osm-districts-2023')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.remove('ne-admin1')).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  it('gives the engine a file for an embedded layer, and the finest layer when districts are missing is provinces', async () => {
    expect(await svc.file('ne-admin1')).toMatch(/ne-admin1\.geojson$/);
    expect(await svc.layer()).toMatchObject({ id: 'ne-admin1', level: 'province' });
  });
});
