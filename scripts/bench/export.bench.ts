/**
 * Export benchmark (`npm run bench -- export`):
 *  1. an A4 300-dpi PDF map of the post-flood sample scene with its flood mask (target ≤ 3 s);
 *  2. the flood report of the sample pair, flood mapping included (target ≤ 8 s);
 * both with peak RSS ≤ 500 MB, each in its own process (time includes scene loading, not Node's
 * start-up). The peer: GDAL's PDF driver writing the same scene's true-colour composite at 300 dpi
 * (gdal_translate -of PDF), timed in the same run where gdal-bin is installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const POST_DIR = path.join(root, 'sample-data/sindh-synthetic/S2-SYN-SINDH-20220830');

function measure(what: 'map' | 'report'): { seconds: number; peakMB: number } {
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'bin/tsx.mjs'), path.join(here, 'export-run.ts'), what],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

function gdalPeer(): number | null {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-bench-gdal-pdf-'));
  try {
    const vrt = path.join(dir, 'rgb.vrt');
    const t0 = performance.now();
    execFileSync('gdalbuildvrt', [
      '-q',
      '-separate',
      vrt,
      ...['B04', 'B03', 'B02'].map((b) => path.join(POST_DIR, `${b}.tif`)),
    ]);
    execFileSync('gdal_translate', [
      '-q',
      '-of',
      'PDF',
      '-ot',
      'Byte',
      '-scale',
      '1000',
      '2500',
      '0',
      '255',
      '-co',
      'DPI=300',
      vrt,
      path.join(dir, 'rgb.pdf'),
    ]);
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const row = (name: string, r: { seconds: number; peakMB: number }, target: number) =>
  `${name.padEnd(44)} ${r.seconds.toFixed(2).padStart(6)} s (target ≤ ${target} s)  peak RSS ${r.peakMB.toFixed(0)} MB (target ≤ 500 MB)\n`;

export async function run(): Promise<void> {
  process.stdout.write(row('A4 300-dpi PDF map (sample scene + flood)', measure('map'), 3));
  process.stdout.write(row('flood report PDF (sample pair, mapping incl.)', measure('report'), 8));
  const peer = gdalPeer();
  process.stdout.write(
    peer === null
      ? 'peer: gdal_translate -of PDF skipped (install gdal-bin)\n'
      : `${'peer: gdal_translate -of PDF, RGB at 300 dpi'.padEnd(44)} ${peer.toFixed(2).padStart(6)} s (raster only: no legend, text or vectors)\n`,
  );
}
