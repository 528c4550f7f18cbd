/**
 * Sources benchmark:
 *  1. scanning a folder of 200 small GeoTIFF headers (target ≤ 2 s), beside GDAL reading the same
 *     headers from Python in one process;
 *  2. opening a remote COG to its first overview pixels through a loopback range server: the
 *     number of HTTP range requests (target: header + at most 2), beside GDAL /vsicurl/.
 * Inputs are generated on demand into bench-data/ (gitignored).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { RangeCache } from '../../electron/cache/range-cache';
import { scanFolder } from '../../electron/sources/folder';
import { readPreview } from '../../electron/sources/tiff';
import { concatChunks, writeCog } from '../../shared/tiff';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH = path.resolve(here, '../../bench-data/sources');

/** A 32-bit integer hash (murmur3 finaliser) of two ints: deterministic noise. */
function mix(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function cog(
  width: number,
  height: number,
  bands: number,
  seed: number,
  tileSize: number,
  noisy = false,
): Uint8Array {
  const data: Uint16Array[] = [];
  for (let b = 0; b < bands; b++) {
    const a = new Uint16Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // Noisy values (realistic compressed size) or a gentle ramp (tiny files).
        const v = noisy ? mix(x, y * 4 + b + seed * 16) : x * 3 + y * 5 + b * 97 + seed * 13;
        a[y * width + x] = 200 + (v % 3000);
      }
    }
    data.push(a);
  }
  const x0 = 500000 + (seed % 20) * width * 10;
  const y0 = 2900000 + Math.floor(seed / 20) * height * 10;
  return concatChunks(
    writeCog({
      width,
      height,
      dataType: 'uint16',
      tileSize,
      geo: { epsg: 32642, transform: [x0, 10, 0, y0, 0, -10] },
      nodata: 0,
      data,
      bandMetadata: ['blue', 'green', 'red', 'nir'].slice(0, bands).map((d) => ({ description: d })),
      compress: (b) => deflateSync(b, { level: 1 }),
    }),
  );
}

function ensureFolder(): string {
  const dir = path.join(BENCH, 'folder200');
  if (existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith('.tif')).length === 200) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 200; i++) {
    const sub = path.join(dir, i < 100 ? '' : `sub${i % 5}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      path.join(sub, `scene_${String(i).padStart(3, '0')}_20220${1 + (i % 9)}15.tif`),
      cog(128, 128, 4, i, 64),
    );
  }
  return dir;
}

function ensureRemoteCog(): string {
  const file = path.join(BENCH, 'remote-2048-noisy.tif');
  if (!existsSync(file)) {
    mkdirSync(BENCH, { recursive: true });
    writeFileSync(file, cog(2048, 2048, 4, 7, 512, true));
  }
  return file;
}

function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function folderScan(): Promise<void> {
  const dir = ensureFolder();
  const t0 = performance.now();
  const cold = await scanFolder({ sourceId: 'bench', root: dir });
  const t1 = performance.now();
  const warm = await scanFolder({ sourceId: 'bench', root: dir });
  const t2 = performance.now();
  if (cold.scenes.length !== 200 || warm.scenes.length !== 200)
    throw new Error(`expected 200 scenes, got ${cold.scenes.length}`);
  const line = (label: string, ms: number, note = ''): void => {
    process.stdout.write(`  ${label.padEnd(46)} ${(ms / 1000).toFixed(3).padStart(7)} s ${note}\n`);
  };
  process.stdout.write('Folder scan, 200 GeoTIFFs (128x128x4 uint16 COGs, headers only)\n');
  line(
    'Nigah scanFolder, first scan',
    t1 - t0,
    `${(t1 - t0) <= 2000 ? '(target ≤ 2 s: met)' : '(target ≤ 2 s: MISSED)'}`,
  );
  line('Nigah scanFolder, rescan (unchanged files)', t2 - t1);
  if (has('/usr/bin/python3', ['-c', 'from osgeo import gdal'])) {
    const py = [
      'import sys, time, os',
      'from osgeo import gdal',
      'gdal.UseExceptions()',
      't=time.time()',
      'n=0',
      'for r, d, fs in os.walk(sys.argv[1]):',
      '  for f in fs:',
      "    if f.endswith('.tif'):",
      '      ds=gdal.Open(os.path.join(r,f)); ds.GetGeoTransform(); ds.GetProjection(); ds.RasterCount; n+=1',
      'print((time.time()-t)*1000, n)',
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', py, dir]).toString().trim().split(' ');
    line('GDAL (python3-gdal) Open + geotransform + CRS', Number(out[0]), `(${out[1]} files, one process)`);
  } else process.stdout.write('  GDAL peer skipped: install python3-gdal\n');
}

async function remoteCog(): Promise<void> {
  const file = ensureRemoteCog();
  const data = readFileSync(file);
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    log.push(`${req.method} ${req.headers.range ?? '(no range)'}`);
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': data.length, 'accept-ranges': 'bytes' });
      res.end();
      return;
    }
    if (!m) {
      res.writeHead(200, { 'content-length': data.length, 'accept-ranges': 'bytes' });
      res.end(data);
      return;
    }
    const start = Number(m[1]);
    const end = Math.min(m[2] ? Number(m[2]) : data.length - 1, data.length - 1);
    res.writeHead(206, {
      'content-length': end - start + 1,
      'content-range': `bytes ${start}-${end}/${data.length}`,
      'accept-ranges': 'bytes',
      'content-type': 'image/tiff',
    });
    res.end(data.subarray(start, end + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/remote-2048-noisy.tif`;
  try {
    const cacheDir = path.join(tmpdir(), `nigah-bench-rc-${process.pid}`);
    rmSync(cacheDir, { recursive: true, force: true });
    const cache = new RangeCache({ dir: cacheDir, maxBytes: 256 * 1024 * 1024 });
    const t0 = performance.now();
    const p = await readPreview(url, { cache, minWidth: 256 });
    const t1 = performance.now();
    const ours = [...log];
    log.length = 0;
    const t2 = performance.now();
    await readPreview(url, { cache, minWidth: 256 });
    const t3 = performance.now();
    const again = log.length;
    process.stdout.write(
      `Remote COG ${data.length} bytes, 2048x2048x4 uint16, 512-px tiles, served on 127.0.0.1 with HTTP Range\n`,
    );
    process.stdout.write(
      `  Nigah: first overview pixels (${p.width}x${p.height}, level ${p.level}) in ${(t1 - t0).toFixed(0)} ms with ${ours.length} HTTP request(s) = header + ${ours.length - 1} ${ours.length <= 3 ? '(target header + ≤ 2: met)' : '(target header + ≤ 2: MISSED)'}\n`,
    );
    for (const l of ours) process.stdout.write(`      ${l}\n`);
    process.stdout.write(
      `  Nigah: same again from the on-disk cache: ${(t3 - t2).toFixed(0)} ms, ${again} request(s)\n`,
    );
    rmSync(cacheDir, { recursive: true, force: true });
    if (has('gdal_translate', ['--version'])) {
      const out = path.join(tmpdir(), `nigah-bench-ovr-${process.pid}.tif`);
      const t4 = performance.now();
      // Async: the range server lives in this process, so the event loop must keep running.
      await execFileAsync('gdal_translate', ['-q', '-ovr', String(p.level - 1), `/vsicurl/${url}`, out], {
        env: {
          ...process.env,
          GDAL_DISABLE_READDIR_ON_OPEN: 'EMPTY_DIR',
          CPL_VSIL_CURL_ALLOWED_EXTENSIONS: '.tif',
        },
        timeout: 60_000,
      });
      const t5 = performance.now();
      rmSync(out, { force: true });
      const gets = log.slice(again).filter((l) => !l.startsWith('HEAD'));
      process.stdout.write(
        `  GDAL gdal_translate -ovr ${p.level - 1} /vsicurl/: ${(t5 - t4).toFixed(0)} ms (process start included), ${gets.length} GET + ${log.length - again - gets.length} HEAD request(s)\n`,
      );
    } else process.stdout.write('  GDAL peer skipped: install gdal-bin\n');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

export async function run(): Promise<void> {
  await folderScan();
  await remoteCog();
}
