/**
 * The committed sample catalog: every link and asset resolves, STAC fields match the files as
 * geotiff.js reads them, the ground truth matches its masks, the generator is deterministic, and
 * the folder stays under 25 MB.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { geotransformOf } from '../../electron/sources/tiff';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sample-data');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

interface Link {
  rel: string;
  href: string;
}
interface Asset {
  href: string;
  type?: string;
  roles?: string[];
  'eo:bands'?: { name: string; common_name?: string }[];
  'raster:bands'?: { nodata?: number; data_type?: string; scale?: number; offset?: number }[];
  'proj:shape'?: number[];
  'proj:transform'?: number[];
}
interface Item {
  id: string;
  properties: Record<string, unknown>;
  links: Link[];
  assets: Record<string, Asset>;
}

/** Every JSON document reachable from the root, with the file it came from. */
function walk(): { file: string; doc: { type: string; links: Link[] } & Partial<Item> }[] {
  const seen = new Map<string, { type: string; links: Link[] } & Partial<Item>>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const doc = readJson(file);
    seen.set(file, doc);
    for (const l of doc.links as Link[]) {
      if (l.rel === 'child' || l.rel === 'item') visit(path.resolve(path.dirname(file), l.href));
    }
  };
  visit(path.join(root, 'catalog.json'));
  return [...seen].map(([file, doc]) => ({ file, doc }));
}

async function openTiff(file: string) {
  const buf = readFileSync(file);
  return fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

async function readBand(file: string): Promise<ArrayLike<number>> {
  const img = await (await openTiff(file)).getImage(0);
  return ((await img.readRasters()) as unknown as ArrayLike<number>[])[0];
}

const DATA_TYPES: Record<string, [number, number]> = {
  uint8: [1, 8],
  uint16: [1, 16],
  int16: [2, 16],
  float32: [3, 32],
};

const docs = walk();
const items = docs.filter((d) => d.doc.type === 'Feature') as {
  file: string;
  doc: Item & { type: string };
}[];

describe('sample-data catalog', () => {
  it('has the expected collections and items', () => {
    expect(
      docs.filter((d) => d.doc.type === 'Collection').map((d) => path.basename(path.dirname(d.file))),
    ).toEqual(['sindh-synthetic']);
    expect(items.map((i) => i.doc.id).sort()).toEqual(
      ['GF1-SYN-SINDH-20220901', 'S2-SYN-SINDH-20220615', 'S2-SYN-SINDH-20220830'].sort(),
    );
  });

  it('resolves every link to an existing file, relative and inside sample-data', () => {
    for (const { file, doc } of docs) {
      for (const l of doc.links) {
        expect(l.href.startsWith('.'), `${file}: ${l.href} is not relative`).toBe(true);
        const target = path.resolve(path.dirname(file), l.href);
        expect(existsSync(target), `${file}: ${l.rel} → ${l.href}`).toBe(true);
        expect(target.startsWith(root)).toBe(true);
      }
    }
  });

  it('places items at <collection>/<id>/<id>.json with root/parent/collection links', () => {
    for (const { file, doc } of items) {
      expect(path.basename(file)).toBe(`${doc.id}.json`);
      expect(path.basename(path.dirname(file))).toBe(doc.id);
      expect(doc.links.map((l) => l.rel).sort()).toEqual(['collection', 'parent', 'root']);
    }
  });

  it('marks synthetic scenes as synthetic and real ones as real', () => {
    for (const { doc } of items) {
      const synthetic = doc.id.includes('-SYN-');
      expect(doc.properties['nigah:synthetic']).toBe(synthetic);
      if (synthetic)
        expect(String(doc.properties['description'])).toContain('SYNTHETIC — not an observation');
      expect('datetime' in doc.properties).toBe(true);
      expect(doc.properties['proj:code']).toMatch(/^EPSG:\d+$/);
    }
  });

  for (const { file, doc } of items) {
    it(`${doc.id}: every asset exists and its bands, shape, transform, type and nodata match the file`, async () => {
      const itemTransform = JSON.stringify(doc.properties['proj:transform']);
      let gridMatches = 0;
      for (const [key, asset] of Object.entries(doc.assets)) {
        const target = path.resolve(path.dirname(file), asset.href);
        expect(existsSync(target), `${doc.id}/${key}`).toBe(true);
        if (!asset.type?.startsWith('image/tiff')) continue;
        const img = await (await openTiff(target)).getImage(0);
        const [h, w] = asset['proj:shape']!;
        expect([img.getHeight(), img.getWidth()]).toEqual([h, w]);
        const [a, b, c, d, e, f] = asset['proj:transform']!;
        // Not getResolution(): geotiff.js drops the sign of a ModelTransformation's y step
        // (the Pucallpa files); gdalinfo's reading of these files is checked in test/sources.
        const [ox, rx, , oy, , ry] = geotransformOf(img, target);
        expect([b, d]).toEqual([0, 0]);
        expect(ox).toBeCloseTo(c, 6);
        expect(oy).toBeCloseTo(f, 6);
        expect(rx).toBeCloseTo(a, 9);
        expect(ry).toBeCloseTo(e, 9);
        if (JSON.stringify(asset['proj:transform']) === itemTransform) gridMatches++;
        const raster = asset['raster:bands']!;
        expect(raster).toHaveLength(img.getSamplesPerPixel());
        if (asset.roles?.includes('data')) {
          expect(asset['eo:bands']).toHaveLength(img.getSamplesPerPixel());
          for (const band of asset['eo:bands']!) expect(band.common_name).toBeTruthy();
        }
        for (let s = 0; s < raster.length; s++) {
          const [fmt, bits] = DATA_TYPES[raster[s].data_type!];
          expect(img.getSampleFormat(s)).toBe(fmt);
          expect(img.getBitsPerSample(s)).toBe(bits);
          const nd = img.getGDALNoData();
          if (raster[s].nodata !== undefined && nd !== null) expect(nd).toBe(raster[s].nodata);
        }
      }
      expect(gridMatches).toBeGreaterThan(0);
    });
  }

  it('maps band roles: S2 and GF-1 have blue, green, red, nir; S2 has SWIR', () => {
    const roles = (id: string) =>
      Object.values(items.find((i) => i.doc.id === id)!.doc.assets).flatMap((a) =>
        (a['eo:bands'] ?? []).map((b) => b.common_name),
      );
    expect(roles('S2-SYN-SINDH-20220830')).toEqual(['blue', 'green', 'red', 'nir', 'swir16', 'swir22']);
    expect(roles('GF1-SYN-SINDH-20220901')).toEqual(['blue', 'green', 'red', 'nir']);
  });

  it('S2 DN follow the L2A convention: reflectance = DN·0.0001 − 0.1, nodata 0, some nodata present', async () => {
    const item = items.find((i) => i.doc.id === 'S2-SYN-SINDH-20220830')!;
    const red = item.doc.assets['B04'];
    expect(red['raster:bands']![0]).toMatchObject({
      nodata: 0,
      scale: 0.0001,
      offset: -0.1,
      data_type: 'uint16',
    });
    const dn = await readBand(path.resolve(path.dirname(item.file), red.href));
    let zeros = 0;
    let min = Infinity;
    for (let i = 0; i < dn.length; i++) {
      if (dn[i] === 0) zeros++;
      else if (dn[i] < min) min = dn[i];
    }
    expect(zeros).toBeGreaterThan(1000);
    expect(min).toBeGreaterThanOrEqual(1000); // no negative reflectance
  });
});

describe('ground truth', () => {
  const truthDir = path.join(root, 'sindh-synthetic', 'truth');
  const truth = readJson(path.join(truthDir, 'truth.json'));

  it('flooded area equals the flood mask count × pixel area (read independently)', async () => {
    const img = await (await openTiff(path.join(truthDir, 'flood.tif'))).getImage(0);
    const [rx, ry] = img.getResolution();
    const pixelArea = Math.abs(rx * ry);
    const flood = ((await img.readRasters()) as unknown as ArrayLike<number>[])[0];
    let n = 0;
    for (let i = 0; i < flood.length; i++) if (flood[i] === 1) n++;
    expect(n).toBe(truth.pixels.flood_visible);
    expect(truth.flooded_area.km2).toBeCloseTo((n * pixelArea) / 1e6, 9);
    expect(truth.flooded_area.ha).toBeCloseTo((n * pixelArea) / 1e4, 9);
    expect(n).toBeGreaterThan(100_000);
  });

  it('flooded cropland = flood ∩ cropland; flood = post water and not pre water', async () => {
    const [flood, crop, pre, post, cloud] = await Promise.all(
      ['flood', 'cropland', 'pre_water', 'post_water', 'cloud'].map((m) =>
        readBand(path.join(truthDir, `${m}.tif`)),
      ),
    );
    let fc = 0;
    let cloudy = 0;
    let mismatch = 0;
    for (let i = 0; i < flood.length; i++) {
      if (flood[i] === 1 && crop[i] === 1) fc++;
      if (cloud[i] === 1) cloudy++;
      if (pre[i] !== 255 && post[i] !== 255) {
        const want = post[i] === 1 && pre[i] === 0 ? 1 : 0;
        if (flood[i] !== want) mismatch++;
      }
    }
    expect(fc).toBe(truth.pixels.cropland_flooded_visible);
    expect(truth.flooded_cropland_area.km2).toBeCloseTo((fc * 100) / 1e6, 9);
    expect(cloudy).toBe(truth.pixels.cloud_post);
    expect(mismatch).toBe(0);
  });

  it('the post item cloud cover is the cloud mask share of valid pixels', async () => {
    const item = items.find((i) => i.doc.id === 'S2-SYN-SINDH-20220830')!;
    const mask = await readBand(path.resolve(path.dirname(item.file), item.doc.assets['cloud'].href));
    let valid = 0;
    let c = 0;
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] !== 255) valid++;
      if (mask[i] === 1) c++;
    }
    expect(item.doc.properties['eo:cloud_cover']).toBeCloseTo((100 * c) / valid, 2);
  });
});

describe('only data the project may ship', () => {
  it('holds no copied data: no real scenes, no boundary files (boundaries come from npm packages or the user)', () => {
    expect(existsSync(path.join(root, 'real'))).toBe(false);
    expect(existsSync(path.join(root, 'boundaries'))).toBe(false);
    const top = readdirSync(root).sort();
    expect(top).toEqual(['ATTRIBUTION.md', 'README.md', 'catalog.json', 'sindh-synthetic']);
  });
});

describe('size and determinism', () => {
  it('sample-data is under 25 MB', () => {
    const size = (p: string): number =>
      statSync(p).isDirectory()
        ? readdirSync(p).reduce((s, f) => s + size(path.join(p, f)), 0)
        : statSync(p).size;
    const total = size(root);
    console.log(`sample-data: ${(total / 1e6).toFixed(2)} MB`);
    expect(total).toBeLessThan(25e6);
  });

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'nigah-sample-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the generator rebuilds the pre-flood scene byte for byte', async () => {
    const { generate, S2_PRE, COLLECTION } = await import('../../scripts/generate-sample-data');
    await generate({ out: tmp, only: S2_PRE });
    const rel = path.join(COLLECTION, S2_PRE);
    const files = readdirSync(path.join(root, rel)).sort();
    expect(readdirSync(path.join(tmp, rel)).sort()).toEqual(files);
    const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    for (const f of files) expect(hash(path.join(tmp, rel, f)), f).toBe(hash(path.join(root, rel, f)));
  }, 120_000);
});
