/**
 * Geolocation against GDAL: Nigah's orthorectified output must put every raw pixel where
 * `gdalwarp -rpc` puts it, on the same output grid (median error ≤ 0.5 px, p95 ≤ 1 px). Bands 1–2
 * of the fixture encode each raw pixel's column and row, so bilinear output values are source
 * coordinates, compared pixel by pixel.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { orthorectify } from '../../electron/engine/ortho';
import { orthoInputOf } from '../../electron/engine/ortho-input';
import { tiffRpc } from '../../electron/engine/ortho-tiff-rpc';
import { closeSharedPool } from '../../electron/engine/pool';
import { type RpcModel, rpcGroundToImage } from '../../shared/rpc';
import { tempDir } from '../sources/helpers';
import { positionErrors } from './compare';
import { sceneBox, syntheticModel, writeDem4326, writeDemUtm, writePackage } from './fixtures';

const hasGdal = (() => {
  try {
    execFileSync('gdalwarp', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const W = 420;
const H = 380;

function gdalwarp(
  raw: string,
  out: string,
  to: string,
  grid: { epsg: number; gt: number[]; width: number; height: number },
  r: 'bilinear' | 'near',
) {
  const [x0, res, , y1] = grid.gt;
  execFileSync('gdalwarp', [
    '-q',
    '-overwrite',
    '-rpc',
    '-to',
    to,
    '-t_srs',
    `EPSG:${grid.epsg}`,
    '-te',
    String(x0),
    String(y1 - grid.height * res),
    String(x0 + grid.width * res),
    String(y1),
    '-ts',
    String(grid.width),
    String(grid.height),
    '-r',
    r,
    '-srcnodata',
    '0',
    '-dstnodata',
    '0',
    raw,
    out,
  ]);
}

describe.skipIf(!hasGdal)('orthorectification agrees with gdalwarp -rpc', () => {
  const dir = tempDir('nigah-ortho-');
  const pkg = writePackage(dir, W, H);
  const raw = path.join(pkg, `${path.basename(pkg)}.tiff`);
  const dem = path.join(dir, 'dem4326.tif');
  const demUtm = path.join(dir, 'dem32642.tif');
  const box = sceneBox(syntheticModel(W, H));
  writeDem4326(dem, box);
  writeDemUtm(demUtm, box);
  afterAll(() => closeSharedPool());

  it('reads the RPCCoefficientTag GDAL writes; the forward model matches gdaltransform -rpc', () => {
    const copy = path.join(dir, 'gdal-rpc.tif');
    execFileSync('gdal_translate', ['-q', raw, copy]);
    for (const side of ['gdal-rpc.RPB', 'gdal-rpc.rpb', 'gdal-rpc_rpc.txt'])
      rmSync(path.join(dir, side), { force: true });
    const m = tiffRpc(copy);
    expect(m).not.toBeNull();
    const pts: [number, number, number][] = [
      [68.0, 26.5, 350],
      [67.985, 26.512, 1210],
      [68.021, 26.483, -40],
    ];
    const said = execFileSync('gdaltransform', ['-rpc', '-i', '-to', 'RPC_HEIGHT=0', raw], {
      input: pts.map((p) => `${p[0]} ${p[1]} ${p[2]}`).join('\n'),
    })
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/).map(Number));
    for (const [i, p] of pts.entries()) {
      const ours = rpcGroundToImage(m as RpcModel, p[0], p[1], p[2]);
      expect(ours[0]).toBeCloseTo(said[i][0], 6);
      expect(ours[1]).toBeCloseTo(said[i][1], 6);
    }
  });

  const cases: [string, { dem?: string; height?: number }, string][] = [
    ['a DEM in EPSG:4326', { dem }, `RPC_DEM=${dem}`],
    ['a DEM in UTM 42N (another CRS)', { dem: demUtm }, `RPC_DEM=${demUtm}`],
    ['a constant height', { height: 820 }, 'RPC_HEIGHT=820'],
  ];
  for (const [name, heights, to] of cases)
    it(`with ${name}: median ≤ 0.5 px, p95 ≤ 1 px`, async () => {
      const { input } = await orthoInputOf(pkg, path.join(dir, 'cache'));
      const ours = path.join(dir, `ours-${to.length}-${heights.height ?? ''}.tif`);
      const r = await orthorectify(input, { ...heights, resampling: 'bilinear', out: ours, tileSize: 256 });
      expect(r.grid.epsg).toBe(32642);
      expect(r.grid.gsd).toBe(16);
      const theirs = `${ours}.gdal.tif`;
      gdalwarp(raw, theirs, to, r.grid, 'bilinear');
      const e = positionErrors(ours, theirs);
      expect(e.n).toBeGreaterThan(W * H * 0.8);
      expect(e.median).toBeLessThanOrEqual(0.5);
      expect(e.p95).toBeLessThanOrEqual(1);
    });
});
