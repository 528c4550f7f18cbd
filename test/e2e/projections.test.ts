/**
 * Scenes in CRSs the renderer does not bundle, drawn in the app (browser mode, Debian's Chromium,
 * `npm run build` beforehand): a local folder source holds GeoTIFFs made with gdal_translate in
 * NAD83 / UTM zone 14N (EPSG:26914, its definition fetched from the host) and in a transverse
 * Mercator given only by GeoKeys. Pixels must appear exactly where GDAL puts the file: points GDAL
 * maps to data pixels change colour when the scene is shown, points on its nodata quadrant and just
 * outside its edges do not, and the pixel inspector reads GDAL's band values at a lon/lat.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeTif } from '../analysis/fixtures';
import { e2eSkip, useApp } from './helpers/app';
import { pixelsAt, ROOT, waitForMark } from './helpers/launch';

const hasGdal = (() => {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const NO_CHROMIUM = e2eSkip('e2e');
if (!hasGdal)
  console.warn('e2e projections skipped: gdal_translate is missing (install the Debian package gdal-bin).');

const W = 64;
const H = 48;
/** Band b at (col, row): distinct per pixel so a one-pixel shift reads another value; the NW quadrant is nodata. */
const dn = (b: number, col: number, row: number) =>
  col < W / 2 && row < H / 2 ? 0 : 100 + 50 * col + 3 * row + 7 * b;

const FIXTURES = {
  nad83: { file: 'nad83-utm14n.tif', srs: 'EPSG:26914', ullr: [630000, 3560000, 631920, 3558560] },
  tmerc: {
    file: 'tmerc-geokeys.tif',
    srs: '+proj=tmerc +lat_0=0 +lon_0=70.5 +k=1 +x_0=500000 +y_0=0 +datum=WGS84 +units=m +no_defs',
    ullr: [400000, 2950000, 401920, 2948560],
  },
};

function makeFixtures(dir: string): void {
  const src = path.join(dir, '..', 'src.tif');
  const bands = [0, 1, 2, 3].map((b) =>
    Uint16Array.from({ length: W * H }, (_, i) => dn(b, i % W, Math.floor(i / W))),
  );
  writeTif(src, W, H, [600000, 30, 0, 2950000, 0, -30], bands, {
    epsg: 32642,
    nodata: 0,
    descriptions: ['red', 'green', 'blue', 'nir'],
  });
  for (const f of Object.values(FIXTURES)) {
    const ullr = f.ullr.map(String);
    execFileSync('gdal_translate', ['-q', '-a_srs', f.srs, '-a_ullr', ...ullr, src, path.join(dir, f.file)]);
  }
}

/** GDAL's lon/lat (WGS 84) of pixel/line positions of a file. */
function gdalLonLat(file: string, pts: [number, number][]): [number, number][] {
  const out = execFileSync('gdaltransform', ['-t_srs', '+proj=longlat +datum=WGS84 +no_defs', file], {
    input: pts.map((p) => `${p[0]} ${p[1]}`).join('\n'),
  }).toString();
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number).slice(0, 2) as [number, number]);
}

const toPixel = (page: Page, p: [number, number]) =>
  page.evaluate(([lo, la]) => window.__nigahTest?.toPixel(lo, la) ?? [0, 0], p) as Promise<[number, number]>;

/** Pixel centres on data, on the nodata quadrant, and six pixels outside each edge. */
const DATA: [number, number][] = [
  [48.5, 36.5],
  [40.5, 12.5],
  [12.5, 40.5],
  [60.5, 44.5],
  [33.5, 25.5],
];
const NODATA: [number, number][] = [
  [8.5, 6.5],
  [20.5, 16.5],
  [28.5, 20.5],
];
const OUTSIDE: [number, number][] = [
  [-6, 24],
  [W + 6, 24],
  [32, -6],
  [32, H + 6],
  [W + 6, H + 6],
];

const differs = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]))) > 6;

interface Shown {
  /** Screenshot with the scene drawn, and the same view without it. */
  withScene: Buffer;
  without: Buffer;
}

/** Selects the scene, centres the map on it and takes screenshots with and without it. */
async function showScene(page: Page, id: string, file: string, name: string): Promise<Shown> {
  const before = await page.evaluate(() => window.__nigahPerf?.sceneFirstPixels ?? 0);
  await page.click(`[data-scene-id="${id}"]`);
  await waitForMark(page, 'sceneFirstPixels', before, 30_000);
  const [centre] = gdalLonLat(file, [[W / 2, H / 2]]);
  await page.evaluate(([lo, la]) => window.__nigahTest?.centerOn(lo, la, 14), centre);
  await page.evaluate(() => window.__nigahTest?.idle());
  const out = path.join(ROOT, 'test-output');
  mkdirSync(out, { recursive: true });
  const withScene = await page.screenshot({ path: path.join(out, `e2e-projection-${name}.png`) });
  return { withScene, without: Buffer.alloc(0) };
}

async function hideScene(page: Page, shown: Shown): Promise<void> {
  await page.evaluate(() => window.__nigahTest?.selectScene(null));
  await page.evaluate(() => window.__nigahTest?.idle());
  shown.without = await page.screenshot();
}

/** Colours at GDAL's positions of the pixel lists, with and without the scene. */
async function coloursAt(page: Page, file: string, shown: Shown, pts: [number, number][]) {
  const screen = await Promise.all(gdalLonLat(file, pts).map((p) => toPixel(page, p)));
  const a = await pixelsAt(page, shown.withScene, screen);
  const b = await pixelsAt(page, shown.without, screen);
  return pts.map((p, i) => ({ pixel: p, screen: screen[i], withScene: a[i], without: b[i] }));
}

async function expectDrawnWhereGdalSays(page: Page, file: string, shown: Shown): Promise<void> {
  for (const c of await coloursAt(page, file, shown, DATA))
    expect(differs(c.withScene, c.without), `data pixel not drawn: ${JSON.stringify(c)}`).toBe(true);
  for (const c of await coloursAt(page, file, shown, [...NODATA, ...OUTSIDE]))
    expect(differs(c.withScene, c.without), `drawn where GDAL has no data: ${JSON.stringify(c)}`).toBe(false);
}

/** Clicks GDAL's lon/lat of a pixel centre; the inspector's DNs equal gdallocationinfo's at the lon/lat it reports. */
async function expectInspectorMatchesGdal(page: Page, file: string): Promise<void> {
  const [col, row] = [56, 30];
  const [ll] = gdalLonLat(file, [[col + 0.5, row + 0.5]]);
  const [x, y] = await toPixel(page, ll);
  await page.mouse.click(x, y);
  const handle = await page.waitForFunction(() => {
    const s = window.__nigahTest?.state() as { app: { inspector: { status: string } | null } };
    const i = s.app.inspector;
    return i && i.status !== 'loading' ? i : null;
  });
  const ins = (await handle.jsonValue()) as {
    status: string;
    lon: number;
    lat: number;
    bands: { name: string; dn: number | null }[];
  };
  expect(ins.status, JSON.stringify(ins)).toBe('ready');
  const gdal = execFileSync('gdallocationinfo', [
    '-valonly',
    '-wgs84',
    file,
    String(ins.lon),
    String(ins.lat),
  ])
    .toString()
    .trim()
    .split('\n')
    .map(Number);
  expect(ins.bands.map((b) => b.dn)).toEqual(gdal);
  expect(gdal).toEqual([0, 1, 2, 3].map((b) => dn(b, col, row)));
}

describe.skipIf(NO_CHROMIUM || !hasGdal)('scenes in CRSs the map does not bundle', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-proj-'));
  const data = path.join(root, 'data');
  const user = path.join(root, 'user');

  const app = useApp({
    env: () => ({ NIGAH_USER_DATA: user }),
    prepare: () => {
      mkdirSync(data);
      mkdirSync(user);
      makeFixtures(data);
      const source = { id: 'local', kind: 'folder', name: 'Deliveries', location: data, enabled: true };
      const settings = { sources: [source], cacheSizeMB: 256, language: 'en' };
      writeFileSync(path.join(user, 'settings.json'), JSON.stringify(settings));
    },
    open: 'first-frame',
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  });

  it('draws a NAD83 / UTM 14N scene where GDAL places it and inspects GDAL values', async () => {
    const { page } = app.browser;
    const file = path.join(data, FIXTURES.nad83.file);
    const shown = await showScene(page, `local:${FIXTURES.nad83.file}`, file, 'nad83-utm14n');
    await expectInspectorMatchesGdal(page, file);
    await hideScene(page, shown);
    await expectDrawnWhereGdalSays(page, file, shown);
  });

  it('draws a scene whose CRS is defined only by GeoKeys where GDAL places it', async () => {
    const { page } = app.browser;
    const file = path.join(data, FIXTURES.tmerc.file);
    const shown = await showScene(page, `local:${FIXTURES.tmerc.file}`, file, 'tmerc-geokeys');
    await expectInspectorMatchesGdal(page, file);
    await hideScene(page, shown);
    await expectDrawnWhereGdalSays(page, file, shown);
    expect(app.browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
