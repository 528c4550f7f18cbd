/** Inputs of the export tests: the synthetic Sindh pair, its true flood mask and two test districts. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { boundaryContext } from '../../electron/export/zones';
import { createBoundariesService } from '../../electron/services/boundaries';
import { createJobRunner } from '../../electron/services/jobs';
import { toLonLat } from '../../shared/proj';

const SINDH = path.resolve('sample-data/sindh-synthetic');
export const PRE = path.join(SINDH, 'S2-SYN-SINDH-20220615/S2-SYN-SINDH-20220615.json');
export const POST = path.join(SINDH, 'S2-SYN-SINDH-20220830/S2-SYN-SINDH-20220830.json');
/** Ground truth: 1 flooded, 0 not, 255 cloud or no data (sample-data/sindh-synthetic/truth). */
export const TRUTH_FLOOD = path.join(SINDH, 'truth/flood.tif');

export function tmpDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'nigah-export-test-'));
}

/**
 * Two made-up districts splitting the scene at x = 377 000 m (EPSG:32642), as an OSM-named file
 * so that the page credits OpenStreetMap. West "Dadu Test", east "Jamshoro Test".
 */
export function writeZones(dir: string): string {
  const [x0, y0, x1, y1, xm] = [360000, 2908000, 394000, 2940000, 377000];
  const features = (
    [
      ['Dadu Test', x0, xm],
      ['Jamshoro Test', xm, x1],
    ] as const
  ).map(([name, a, b]) => ({
    type: 'Feature',
    properties: { name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        toLonLat('EPSG:32642', [
          [a, y0],
          [b, y0],
          [b, y1],
          [a, y1],
          [a, y0],
        ]),
      ],
    },
  }));
  const file = path.join(dir, 'osm_test_districts.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

export async function testBoundaries(dir: string) {
  return boundaryContext(
    createBoundariesService({ userDir: path.join(dir, 'boundaries'), jobs: createJobRunner() }),
  );
}

function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
export const hasPoppler = has('pdftotext', ['-v']);
export const hasGdal = has('gdalinfo', ['--version']) && has('ogrinfo', ['--version']);
export const hasPyGdal = has('/usr/bin/python3', ['-c', 'import osgeo.gdal']);

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}
