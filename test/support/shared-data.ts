/**
 * Real data gathered for tests lives beside the checkout in ../shared/data (see its SOURCES.md). Tests
 * read it there in place and skip visibly, naming the folder, when it is absent; nothing is copied
 * into the repository.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
export const SHARED_DATA = path.resolve(repoRoot, '..', 'shared', 'data');

/** A file under ../shared/data. */
export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

export function hasSharedData(...parts: string[]): boolean {
  return existsSync(sharedData(...parts));
}

/** The skip message naming what is missing. */
export function needsSharedData(...parts: string[]): string {
  return `needs ${path.join('../shared/data', ...parts)}: real data, read in place, skipped when absent`;
}

export const DISTRICTS_TOPOJSON = sharedData('vector', 'osm_pakistan_admin_2023census.topojson.json');
export const LT5_DIR = sharedData('raster', 'landsat5_tm_rstoolbox');
export const OLINDA_TIF = sharedData('raster', 'landsat7_olinda_stars', 'L7_ETMs.tif');
export const PUCALLPA_2020 = sharedData('raster', 'landsat_pucallpa_opengeos', 'landsat_2020.tif');
