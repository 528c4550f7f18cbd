/**
 * Where things are, for the desktop app, browser mode and the CLI alike. The bundled hosts live in
 * dist/electron/, the sources in electron/host/: both find the app root by walking up to package.json.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This module's folder, whether bundled to CommonJS (dist/) or run as ESM (tsx, vitest). */
function hereDir(): string {
  if (typeof __dirname !== 'undefined') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

export function findAppRoot(start: string = hereDir()): string {
  let dir = start;
  for (;;) {
    // The checkout, or app.asar in a packaged app (its package.json sits beside dist/).
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export interface AppPaths {
  appRoot: string;
  rendererDir: string;
  sampleDataDir: string;
  userDataDir: string;
  cacheDir: string;
}

/** The per-user folder: settings and the range cache. Override with NIGAH_USER_DATA (tests, portable use). */
export function defaultUserDataDir(): string {
  if (process.env.NIGAH_USER_DATA) return path.resolve(process.env.NIGAH_USER_DATA);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Nigah');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'Nigah');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'nigah');
}

export function resolvePaths(opts: { userDataDir?: string; resourcesPath?: string } = {}): AppPaths {
  const appRoot = findAppRoot();
  const packaged = opts.resourcesPath && existsSync(path.join(opts.resourcesPath, 'sample-data'));
  const sampleDataDir = process.env.NIGAH_SAMPLE_DATA
    ? path.resolve(process.env.NIGAH_SAMPLE_DATA)
    : packaged
      ? path.join(opts.resourcesPath as string, 'sample-data')
      : path.join(appRoot, 'sample-data');
  const userDataDir = opts.userDataDir ?? defaultUserDataDir();
  return {
    appRoot,
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    sampleDataDir,
    userDataDir,
    cacheDir: path.join(userDataDir, 'cache'),
  };
}
