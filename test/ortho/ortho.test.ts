/**
 * RPC models and orthorectification without GDAL: the three RPC text forms and the TIFF tag read
 * to the same model, the inverse model inverts the forward one, packages as folder / .tar.gz / TIFF
 * with internal RPCs give identical output, and bad input gets a message that says what to do.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { command as orthoCommand } from '../../electron/cli/commands/ortho';
import { orthorectify } from '../../electron/engine/ortho';
import { orthoInputOf } from '../../electron/engine/ortho-input';
import { closeSharedPool } from '../../electron/engine/pool';
import { readTiffFile } from '../../electron/engine/tiff-file';
import {
  formatRpb,
  parseRpb,
  parseRpcTxt,
  type RpcModel,
  rpcFromItems,
  rpcFromTag,
  rpcGroundToImage,
  rpcImageToGround,
} from '../../shared/rpc';
import { writeCog } from '../../shared/tiff';
import { tarBytes, tempDir } from '../sources/helpers';
import { bandsOf } from './compare';
import { PRODUCT, rawValue, sceneBox, syntheticModel, writeDem4326, writePackage } from './fixtures';

const W = 200;
const H = 180;
const model = syntheticModel(W, H);

function rpcTxt(m: RpcModel): string {
  const lines = [
    `LINE_OFF: ${m.lineOff} pixels`,
    `SAMP_OFF: ${m.sampOff} pixels`,
    `LAT_OFF: ${m.latOff} degrees`,
    `LONG_OFF: ${m.longOff} degrees`,
    `HEIGHT_OFF: ${m.heightOff} meters`,
    `LINE_SCALE: ${m.lineScale} pixels`,
    `SAMP_SCALE: ${m.sampScale} pixels`,
    `LAT_SCALE: ${m.latScale} degrees`,
    `LONG_SCALE: ${m.longScale} degrees`,
    `HEIGHT_SCALE: ${m.heightScale} meters`,
  ];
  const vec = (name: string, v: number[]) => {
    for (const [i, x] of v.entries()) lines.push(`${name}_${i + 1}: ${x}`);
  };
  vec('LINE_NUM_COEFF', m.lineNum);
  vec('LINE_DEN_COEFF', m.lineDen);
  vec('SAMP_NUM_COEFF', m.sampNum);
  vec('SAMP_DEN_COEFF', m.sampDen);
  return lines.join('\n');
}

afterAll(() => closeSharedPool());

describe('RPC00B models', () => {
  it('reads .rpb, _rpc.txt, GDAL RPC metadata items and the RPCCoefficientTag to the same model', () => {
    const fromRpb = parseRpb(formatRpb(model));
    const fromTxt = parseRpcTxt(rpcTxt(model));
    const items: Record<string, string> = {
      LINE_OFF: String(model.lineOff),
      SAMP_OFF: String(model.sampOff),
      LAT_OFF: String(model.latOff),
      LONG_OFF: String(model.longOff),
      HEIGHT_OFF: String(model.heightOff),
      LINE_SCALE: String(model.lineScale),
      SAMP_SCALE: String(model.sampScale),
      LAT_SCALE: String(model.latScale),
      LONG_SCALE: String(model.longScale),
      HEIGHT_SCALE: String(model.heightScale),
      LINE_NUM_COEFF: model.lineNum.join(' '),
      LINE_DEN_COEFF: model.lineDen.join(' '),
      SAMP_NUM_COEFF: model.sampNum.join(' '),
      SAMP_DEN_COEFF: model.sampDen.join(' '),
    };
    const fromItems = rpcFromItems(items);
    const tag = [
      1,
      0,
      model.lineOff,
      model.sampOff,
      model.latOff,
      model.longOff,
      model.heightOff,
      model.lineScale,
      model.sampScale,
      model.latScale,
      model.longScale,
      model.heightScale,
      ...model.lineNum,
      ...model.lineDen,
      ...model.sampNum,
      ...model.sampDen,
    ];
    const fromTag = rpcFromTag(tag);
    for (const m of [fromRpb, fromTxt, fromItems, fromTag]) {
      expect(m.lineNum).toEqual(model.lineNum);
      expect(m.sampDen).toEqual(model.sampDen);
      const p = rpcGroundToImage(m, 68.01, 26.49, 900);
      const q = rpcGroundToImage(model, 68.01, 26.49, 900);
      expect(p[0]).toBeCloseTo(q[0], 9);
      expect(p[1]).toBeCloseTo(q[1], 9);
    }
  });

  it('at the offsets the model gives the image offset (+0.5: GDAL pixel corners), and height moves pixels', () => {
    const [x, y] = rpcGroundToImage(model, model.longOff, model.latOff, model.heightOff);
    expect(x).toBeCloseTo(model.sampOff + 0.5, 9);
    expect(y).toBeCloseTo(model.lineOff + 0.5, 9);
    const [xh] = rpcGroundToImage(model, model.longOff, model.latOff, model.heightOff + model.heightScale);
    // At L = P = 0, H = 1 only four terms remain: sample = (sampNum[3] + sampNum[9]) / (1 + sampDen[3]).
    const [c3, c9, d3] = [model.sampNum[3], model.sampNum[9], model.sampDen[3]];
    expect(c3).toBeGreaterThan(0.05);
    expect(xh - x).toBeCloseTo(((c3 + c9) / (1 + d3)) * model.sampScale, 9);
  });

  it('the inverse model (Newton iteration) returns the ground point the forward model maps', () => {
    for (const [px, py, h] of [
      [0, 0, 100],
      [W, H, 1200],
      [37.25, 151.5, 350],
    ]) {
      const g = rpcImageToGround(model, px, py, h);
      expect(g).not.toBeNull();
      const [x, y] = rpcGroundToImage(model, g![0], g![1], h);
      expect(Math.hypot(x - px, y - py)).toBeLessThan(1e-3);
    }
  });

  it('a corrupt or incomplete model names what is wrong', () => {
    expect(() => parseRpb('lineNumCoef = (1, 2);')).toThrow(/LINE_OFF missing/);
    const cut = formatRpb(model).replace(/sampDenCoef = \([^)]*\);/, '');
    expect(() => parseRpb(cut, 'x.rpb')).toThrow(
      /x\.rpb: the RPC model is incomplete or corrupt \(SAMP_DEN_COEFF/,
    );
    expect(() => parseRpcTxt('hello')).toThrow(/no "KEY: value" lines/);
  });
});

describe('packages', () => {
  const dir = tempDir('nigah-ortho-pkg-');

  it('a folder, a .tar.gz and a TIFF with internal RPCs give the same pixels', async () => {
    const pkg = writePackage(dir, W, H);
    const tgz = path.join(dir, `${PRODUCT}.tar.gz`);
    writeFileSync(
      tgz,
      gzipSync(tarBytes(readdirSync(pkg).map((n) => ({ name: n, data: readFileSync(path.join(pkg, n)) })))),
    );
    const inner = path.join(dir, 'inner.tif');
    writeRawTiffWithMetadata(inner);
    const outs: string[] = [];
    for (const [i, loc] of [pkg, tgz, inner].entries()) {
      const { input } = await orthoInputOf(loc, path.join(dir, 'cache'));
      const out = path.join(dir, `out-${i}.tif`);
      await orthorectify({ ...input, gsd: 16 }, { height: 500, out });
      outs.push(out);
    }
    const [a, b, c] = outs.map((o) => bandsOf(o));
    expect(a.b[0].length).toBeGreaterThan(0);
    expect(Array.from(b.b[0])).toEqual(Array.from(a.b[0]));
    expect(Array.from(c.b[1])).toEqual(Array.from(a.b[1]));
  });

  it('carries the metadata and a default-height notice; --height and --dem are exclusive', async () => {
    const pkg = writePackage(path.join(dir, 'meta'), W, H);
    const { input, scene } = await orthoInputOf(pkg, path.join(dir, 'cache'));
    expect(scene?.drawable).toBe(false);
    const out = path.join(dir, 'meta.tif');
    const r = await orthorectify(input, { out });
    expect(r.notices[0]).toMatch(/HEIGHT_OFF = 350 m/);
    const f = readTiffFile(out);
    expect(f.epsg).toBe(32642);
    expect(f.geotransform?.[1]).toBe(16);
    expect(f.metadata.SATELLITE).toBe('GF-1');
    expect(f.metadata.ACQUISITION_TIME).toBe('2022-08-30T05:40:00Z');
    expect(f.bandMeta.map((b) => b.description)).toEqual(['B1', 'B2', 'B3', 'B4']);
    await expect(orthorectify(input, { out: `${out}2`, height: 3, dem: out })).rejects.toThrow(/not both/);
    await expect(orthorectify(input, { out: input.tiffPath })).rejects.toMatchObject({
      code: 'OUTPUT_IS_INPUT',
    });
  });

  it('a missing .rpb and a corrupt .rpb get clear messages', async () => {
    const none = writePackage(path.join(dir, 'none'), 16, 16, { rpb: null });
    await expect(orthoInputOf(none, dir)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/has no RPC model \(no \.rpb/),
      hint: expect.stringMatching(/needs its \.rpb/),
    });
    const bad = writePackage(path.join(dir, 'bad'), 16, 16, {
      rpb: 'satId = "GF1";\nlineNumCoef = (\n+1.0,\n',
    });
    await expect(orthoInputOf(bad, dir)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringMatching(/RPC model is incomplete or corrupt/),
    });
  });

  it('a DEM that does not cover the scene names the uncovered part and its area', async () => {
    const pkg = writePackage(path.join(dir, 'cover'), W, H);
    const { input } = await orthoInputOf(pkg, dir);
    const [w, s, e, n] = sceneBox(model);
    const dem = path.join(dir, 'south-half.tif');
    writeDem4326(dem, [w, s, e, (s + n) / 2], 0.001);
    const err = await orthorectify(input, { dem, out: path.join(dir, 'cover.tif') }).catch((x) => x);
    expect(err.code).toBe('BAD_ARGUMENT');
    expect(err.message).toMatch(
      /does not cover the north part of the scene: lon 67\.\d+–68\.\d+, lat 26\.5\d*–26\.5\d+/,
    );
    expect(err.hint).toMatch(/Use a DEM covering lon/);
    expect(existsSync(path.join(dir, 'cover.tif'))).toBe(false);
  });

  it('cancelling stops the run and leaves no output', async () => {
    const pkg = writePackage(path.join(dir, 'cancel'), W, H);
    const { input } = await orthoInputOf(pkg, dir);
    const ctl = new AbortController();
    const out = path.join(dir, 'cancel.tif');
    const p = orthorectify(input, {
      out,
      height: 300,
      tileSize: 32,
      signal: ctl.signal,
      onProgress: (d) => d === 1 && ctl.abort(),
    });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(out)).toBe(false);
  });

  it('nigah ortho writes the COG and reports grid and heights', async () => {
    const pkg = writePackage(path.join(dir, 'cli'), W, H);
    const out = path.join(dir, 'cli.tif');
    const said: string[] = [];
    const code = await orthoCommand.run([pkg, '--height', '420', '--resampling', 'near', '--out', out], {
      out: (s) => said.push(s),
      err: (s) => said.push(s),
    });
    expect(code).toBe(0);
    expect(said.join('')).toMatch(
      /EPSG:32642, \d+ × \d+ px at 16 m, heights from constant height 420 m, near/,
    );
    expect(readTiffFile(out).images[0].samplesPerPixel).toBe(4);
    await expect(
      orthoCommand.run([pkg, '--resampling', 'cubic', '--out', out], { out: () => {}, err: () => {} }),
    ).rejects.toThrow(/--resampling cubic is not known/);
  });
});

/** The raw image with its RPCs as GDAL_METADATA items (GDAL's RPC metadata domain), no sidecar. */
function writeRawTiffWithMetadata(file: string): void {
  const data = [0, 1, 2, 3].map((b) => {
    const a = new Uint16Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) a[y * W + x] = rawValue(x, y, b);
    return a;
  });
  const m = model;
  const chunks = writeCog({
    width: W,
    height: H,
    bands: 4,
    dataType: 'uint16',
    nodata: 0,
    data,
    compression: 'none',
    metadata: {
      LINE_OFF: String(m.lineOff),
      SAMP_OFF: String(m.sampOff),
      LAT_OFF: String(m.latOff),
      LONG_OFF: String(m.longOff),
      HEIGHT_OFF: String(m.heightOff),
      LINE_SCALE: String(m.lineScale),
      SAMP_SCALE: String(m.sampScale),
      LAT_SCALE: String(m.latScale),
      LONG_SCALE: String(m.longScale),
      HEIGHT_SCALE: String(m.heightScale),
      LINE_NUM_COEFF: m.lineNum.join(' '),
      LINE_DEN_COEFF: m.lineDen.join(' '),
      SAMP_NUM_COEFF: m.sampNum.join(' '),
      SAMP_DEN_COEFF: m.sampDen.join(' '),
    },
  });
  writeFileSync(file, Buffer.concat(chunks));
}
