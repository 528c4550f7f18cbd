/**
 * Property-based fuzzing targets (fast-check): the TIFF reader, the STAC and settings parsers, the
 * expression parser and the zones reader. Each input must either be accepted or give a coded
 * NigahError; anything else (a TypeError, RangeError, a stack overflow, a raw zlib message) is a
 * failure. Used by the suite (test/fuzz/fuzz.test.ts, fixed seed, short) and by
 * `npm run bench -- fuzz` (scripts/bench/fuzz.bench.ts, long, with hard time and memory bounds).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import '../../electron/engine/decode'; // installs Node's capped inflate for the reader
import { loadZones } from '../../electron/engine/zones';
import { createSettingsStore, defaultSettings } from '../../electron/services/settings';
import { compileExpression } from '../../shared/analysis/expression';
import { NigahError } from '../../shared/errors';
import { itemToScene } from '../../shared/stac/item';
import { parseCatalog, parseItem, parseItemCollection } from '../../shared/stac/schema';
import { concatChunks, writeCog } from '../../shared/tiff';
import { readDirectory, readImageWindow } from '../../shared/tiff/read';

export interface FuzzTarget {
  name: string;
  arbitrary: fc.Arbitrary<unknown>;
  /** Runs the entry point on one input; a coded NigahError is an accepted outcome. */
  run(input: unknown): Promise<void> | void;
}

/** True for the errors inputs are allowed to produce: NigahError with a code other than INTERNAL. */
export function isCoded(e: unknown): boolean {
  return e instanceof NigahError && typeof e.code === 'string' && e.code !== 'INTERNAL';
}

/** Runs the target; rethrows anything that is not a coded NigahError. */
export async function runOne(t: FuzzTarget, input: unknown): Promise<'ok' | 'coded'> {
  try {
    await t.run(input);
    return 'ok';
  } catch (e) {
    if (isCoded(e)) return 'coded';
    throw e;
  }
}

// ---------- TIFF ----------

function smallCog(spec: { bands: number; tile: number; compress: boolean }): Uint8Array {
  const w = 40;
  const h = 24;
  const data = Array.from({ length: spec.bands }, (_, b) =>
    Uint16Array.from({ length: w * h }, (_, i) => (i * 13 + b * 101) % 4000),
  );
  return concatChunks(
    writeCog({
      width: w,
      height: h,
      dataType: 'uint16',
      tileSize: spec.tile,
      geo: { epsg: 32642, geographic: false, transform: [600000, 10, 0, 2950000, 0, -10] },
      nodata: 0,
      data,
      ...(spec.compress ? { compress: (b: Uint8Array) => deflateSync(b) } : { compression: 'none' as const }),
    }),
  );
}

const TIFF_BASES = [
  smallCog({ bands: 1, tile: 16, compress: true }),
  smallCog({ bands: 3, tile: 16, compress: true }),
  smallCog({ bands: 2, tile: 32, compress: false }),
];

/** A valid file with bytes overwritten (mostly in the header and directory), maybe truncated. */
const tiffBytes = fc.oneof(
  fc
    .record({
      base: fc.integer({ min: 0, max: TIFF_BASES.length - 1 }),
      edits: fc.array(
        fc.tuple(
          fc.oneof(fc.nat(400), fc.nat(1 << 16)),
          fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 255, 0x7f, 0x80)),
        ),
        { minLength: 1, maxLength: 24 },
      ),
      cut: fc.option(fc.nat(1 << 16), { nil: undefined }),
    })
    .map(({ base, edits, cut }) => {
      const b = Uint8Array.from(TIFF_BASES[base]);
      for (const [pos, v] of edits) b[pos % b.length] = v;
      return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
    }),
  fc.uint8Array({ maxLength: 600 }).map((b) => {
    // Random bytes behind a TIFF signature, so the directory parser is reached.
    const out = new Uint8Array(b.length + 8);
    out.set([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
    out.set(b, 8);
    return out;
  }),
);

const tiffTarget: FuzzTarget = {
  name: 'TIFF reader',
  arbitrary: tiffBytes,
  run(input) {
    const bytes = input as Uint8Array;
    const file = readDirectory((off, len) => bytes.subarray(off, off + len), 'fuzz.tif');
    for (const img of file.images.slice(0, 2)) {
      const win = { x0: 0, y0: 0, w: Math.min(img.width, 64), h: Math.min(img.height, 64) };
      readImageWindow(
        (i) => bytes.subarray(img.offsets[i], img.offsets[i] + img.byteCounts[i]),
        'fuzz.tif',
        img,
        [0],
        win,
      );
    }
  },
};

// ---------- STAC ----------

const VALID_ITEM = {
  type: 'Feature',
  stac_version: '1.0.0',
  id: 'x',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [68, 26],
        [69, 26],
        [69, 27],
        [68, 27],
        [68, 26],
      ],
    ],
  },
  bbox: [68, 26, 69, 27],
  properties: { datetime: '2022-08-30T05:46:41Z', platform: 'sentinel-2a', 'proj:epsg': 32642 },
  links: [{ rel: 'self', href: './x.json' }],
  assets: {
    red: {
      href: './red.tif',
      type: 'image/tiff; application=geotiff',
      roles: ['data'],
      'eo:bands': [{ name: 'B04', common_name: 'red' }],
    },
  },
};

/** Replaces values at random paths of a valid document with random JSON. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, p: string[]) => {
    paths.push(p);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
  };
  walk(base, []);
  return fc
    .array(fc.tuple(fc.constantFrom(...paths.filter((p) => p.length)), fc.jsonValue({ maxDepth: 3 })), {
      minLength: 1,
      maxLength: 4,
    })
    .map((edits) => {
      const doc = structuredClone(base) as Record<string, unknown>;
      for (const [p, v] of edits) {
        let o = doc as Record<string, unknown>;
        for (const k of p.slice(0, -1)) {
          if (!o[k] || typeof o[k] !== 'object') o[k] = {};
          o = o[k] as Record<string, unknown>;
        }
        o[p[p.length - 1]] = v;
      }
      return doc;
    });
}

const stacTarget: FuzzTarget = {
  name: 'STAC parsers',
  arbitrary: fc.oneof(mutated(VALID_ITEM), fc.jsonValue({ maxDepth: 4 })),
  run(input) {
    let coded: unknown = null;
    let accepted = false;
    for (const parse of [
      () =>
        itemToScene(parseItem(input, 'fuzz.json'), {
          id: 'f:x',
          source: 'f',
          itemHref: 'https://example.org/x.json',
        }),
      () => parseCatalog(input, 'fuzz.json'),
      () => parseItemCollection(input, 'fuzz.json'),
    ]) {
      try {
        parse();
        accepted = true;
      } catch (e) {
        if (!isCoded(e)) throw e;
        coded ??= e;
      }
    }
    // All three parsers ran: the input is refused (coded) when none of them accepted it.
    if (!accepted && coded) throw coded;
  },
};

// ---------- settings ----------

const settingsTarget: FuzzTarget = {
  name: 'settings parser',
  arbitrary: fc.oneof(
    mutated(defaultSettings()).map((d) => JSON.stringify(d)),
    fc.jsonValue({ maxDepth: 3 }).map((d) => JSON.stringify(d)),
    fc.string({ maxLength: 200 }),
  ),
  async run(input) {
    const dir = mkdtempSync(path.join(tmpdir(), 'nigah-fuzz-settings-'));
    try {
      writeFileSync(path.join(dir, 'settings.json'), input as string);
      const store = createSettingsStore(dir);
      const s = await store.get();
      if (!Array.isArray(s.sources)) throw new Error('settings without a source list');
      // A file set aside or a source left out must be told to the user as a coded notice.
      const [n] = store.notices();
      if (n) throw new NigahError(n.code, n.message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

// ---------- expressions ----------

const TOKENS = [
  'red',
  'nir',
  'green',
  'swir16',
  'B',
  'S1',
  'blue',
  'x',
  '(',
  ')',
  '(',
  ')',
  '+',
  '-',
  '*',
  '/',
  '^',
  '**',
  '<',
  '<=',
  '==',
  '!=',
  ',',
  '1',
  '0.5',
  '1e309',
  '.5',
  '2e-3',
  'abs',
  'sqrt',
  'log',
  'min',
  'max',
  'clamp',
  'where',
  'constructor',
  '__proto__',
  'toString',
  ' ',
  '$',
  '#',
];

const expressionTarget: FuzzTarget = {
  name: 'expression parser',
  arbitrary: fc.oneof(
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join('')),
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(' ')),
    fc.string({ maxLength: 80 }),
    fc.nat(40000).map((n) => `${'('.repeat(n % 3000)}red${')'.repeat(n % 3000)}${'+nir'.repeat(n)}`),
  ),
  run(input) {
    const c = compileExpression(input as string);
    const n = 8;
    const bands = Object.fromEntries(
      c.bands.map((b) => [b, Float32Array.from({ length: n }, (_, i) => i * 0.1)]),
    );
    const scales = Object.fromEntries(c.bands.map((b) => [b, { scale: 1, offset: 0, nodata: null }]));
    c.evaluate(bands as never, scales as never, new Float32Array(n));
  },
};

// ---------- zones ----------

const coord = fc.tuple(
  fc.oneof(fc.double({ min: 67.5, max: 68.5, noNaN: true }), fc.double({ noNaN: true }), fc.constant(1e308)),
  fc.oneof(fc.double({ min: 26.5, max: 27.5, noNaN: true }), fc.double({ noNaN: true })),
);
const ring = fc.array(coord, { maxLength: 12 });
const geometry = fc.oneof(
  fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(ring, { maxLength: 3 }) }),
  fc.record({
    type: fc.constant('MultiPolygon'),
    coordinates: fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constantFrom('Point', 'LineString', 'GeometryCollection', 'Bogus'),
    coordinates: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.jsonValue({ maxDepth: 2 }),
);
const zonesDoc = fc.oneof(
  fc
    .record({
      type: fc.constant('FeatureCollection'),
      features: fc.array(
        fc.record({
          type: fc.constant('Feature'),
          properties: fc.oneof(
            fc.constant(null),
            fc.dictionary(fc.constantFrom('name', 'NAME_2', 'id', 'x'), fc.jsonValue({ maxDepth: 1 })),
          ),
          geometry,
        }),
        { maxLength: 5 },
      ),
    })
    .map((d) => JSON.stringify(d)),
  fc.jsonValue({ maxDepth: 3 }).map((d) => JSON.stringify(d)),
  fc.string({ maxLength: 100 }),
);

const GRID = {
  gt: [600000, 100, 0, 3000000, 0, -100] as [number, number, number, number, number, number],
  crs: 'EPSG:32642',
  width: 200,
  height: 200,
};

const zonesTarget: FuzzTarget = {
  name: 'zones reader',
  arbitrary: zonesDoc,
  async run(input) {
    const dir = mkdtempSync(path.join(tmpdir(), 'nigah-fuzz-zones-'));
    try {
      const file = path.join(dir, 'zones.geojson');
      writeFileSync(file, input as string);
      await loadZones(file, GRID);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const TARGETS: FuzzTarget[] = [tiffTarget, stacTarget, settingsTarget, expressionTarget, zonesTarget];
