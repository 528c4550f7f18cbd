/**
 * Orthorectification benchmark: a GF-1 WFV-sized Level-1A scene (12000 × 13400 px, 4 bands,
 * uint16, striped and pixel-interleaved as CRESDA delivers it, with sensor-like texture and noise)
 * and a DEM with relief (EPSG:4326, ~90 m), orthorectified by Nigah (`nigah ortho`'s engine path,
 * bilinear, COG output) and by `gdalwarp -rpc -to RPC_DEM=… -r bilinear -of COG` in the same run.
 * Prints wall time and peak RSS of each. Goal: ≤ 1× gdalwarp's time, peak RSS ≤ 1.5 GB.
 * Inputs are generated into bench-data/ortho (gitignored); NIGAH_BENCH_ORTHO_SCALE=0.25 shrinks them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { orthorectify } from '../../electron/engine/ortho';
import { orthoInputOf } from '../../electron/engine/ortho-input';
import { closeSharedPool } from '../../electron/engine/pool';
import { formatRpb } from '../../shared/rpc';
import { packageXml, sceneBox, syntheticModel, writeDem4326, writeRawTiff } from '../../test/ortho/fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../../bench-data/ortho');

/** Deterministic noise in [0, 1). */
function noise(x: number, y: number, b: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b) ^ Math.imul(b + 1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

/** Fields, river and towns-like texture at 16 m with sensor noise, per band (blue…NIR). */
function sceneValue(x: number, y: number, b: number): number {
  const field = ((x >> 5) * 7 + (y >> 5) * 13) % 17;
  const river = Math.abs(y - 6700 - 900 * Math.sin(x / 1500)) < 40 ? 1 : 0;
  const base = [380, 420, 360, 900][b] + field * [6, 8, 10, 40][b];
  const water = [420, 380, 260, 120][b];
  return Math.max(1, Math.round((river ? water : base) + noise(x, y, b) * 24));
}

function generate(w: number, h: number): { pkg: string; dem: string } {
  const name = `GF1_WFV1_E68.0_N26.5_20220830_L1A${String(w).padStart(5, '0')}${h}`;
  const pkg = path.join(DIR, name);
  const dem = path.join(DIR, `dem-${w}x${h}.tif`);
  if (existsSync(path.join(pkg, `${name}.xml`)) && existsSync(dem)) return { pkg, dem };
  mkdirSync(pkg, { recursive: true });
  const t = Date.now();
  writeRawTiff(path.join(pkg, `${name}.tiff`), w, h, 4, sceneValue, 16);
  writeFileSync(path.join(pkg, `${name}.rpb`), formatRpb(syntheticModel(w, h)));
  writeDem4326(dem, sceneBox(syntheticModel(w, h)), 0.0008);
  writeFileSync(path.join(pkg, `${name}.xml`), packageXml());
  process.stdout.write(
    `generated ${w} × ${h} × 4 L1A scene and DEM in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
  );
  return { pkg, dem };
}

function gdalPeer(
  raw: string,
  dem: string,
  out: string,
  grid: { epsg: number; gt: number[]; width: number; height: number },
) {
  const [x0, res, , y1] = grid.gt;
  const args = [
    '-v',
    'gdalwarp',
    '-q',
    '-overwrite',
    '-rpc',
    '-to',
    `RPC_DEM=${dem}`,
    '-t_srs',
    `EPSG:${grid.epsg}`,
    '-te',
    String(x0),
    String(y1 - grid.height * res),
    String(x0 + grid.width * res),
    String(y1),
    '-tr',
    String(res),
    String(res),
    '-r',
    'bilinear',
    '-srcnodata',
    '0',
    '-dstnodata',
    '0',
    '-multi',
    '-wo',
    'NUM_THREADS=ALL_CPUS',
    '-wm',
    '512',
    '-of',
    'COG',
    '-co',
    'COMPRESS=DEFLATE',
    '-co',
    'NUM_THREADS=ALL_CPUS',
    raw,
    out,
  ];
  const t = Date.now();
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8' });
  const seconds = (Date.now() - t) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`gdalwarp failed: ${r.stderr}`);
  return { seconds, rssMB: rss ? Number(rss[1]) / 1024 : null };
}

export async function run(): Promise<void> {
  const scale = Number(process.env.NIGAH_BENCH_ORTHO_SCALE) || 1;
  const w = Math.round(12000 * scale);
  const h = Math.round(13400 * scale);
  const { pkg, dem } = generate(w, h);
  const out = path.join(DIR, 'nigah-ortho.tif');
  rmSync(out, { force: true });
  const { input } = await orthoInputOf(pkg, DIR);
  const t = Date.now();
  const r = await orthorectify(input, { dem, out, resampling: 'bilinear' });
  const ours = (Date.now() - t) / 1000;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  await closeSharedPool();
  process.stdout.write(
    `nigah ortho: ${w} × ${h} × 4 → ${r.grid.width} × ${r.grid.height} px EPSG:${r.grid.epsg} at ${r.grid.gsd} m, DEM, bilinear, COG ${(statSync(out).size / 2 ** 20).toFixed(0)} MiB: ${ours.toFixed(1)} s, peak RSS ${rssMB.toFixed(0)} MB (whole process)\n`,
  );
  const hasGdal = spawnSync('gdalwarp', ['--version']).status === 0 && existsSync('/usr/bin/time');
  if (!hasGdal) {
    process.stdout.write('gdalwarp: skipped (install gdal-bin and time to compare)\n');
    return;
  }
  const raw = input.tiffPath;
  const theirsOut = path.join(DIR, 'gdal-ortho.tif');
  const g = gdalPeer(raw, dem, theirsOut, r.grid);
  process.stdout.write(
    `gdalwarp -rpc -to RPC_DEM (multi, all CPUs, -of COG DEFLATE): ${g.seconds.toFixed(1)} s, peak RSS ${g.rssMB?.toFixed(0) ?? '?'} MB\n` +
      `ratio nigah / gdalwarp: ${(ours / g.seconds).toFixed(2)}× (goal ≤ 1×); peak RSS goal ≤ 1536 MB\n`,
  );
}
