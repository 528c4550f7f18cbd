import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../electron/host/paths';

describe('app paths', () => {
  it('uses the checkout in development', () => {
    const p = resolvePaths({ userDataDir: '/tmp/u' });
    expect(p.sampleDataDir).toBe(path.resolve('sample-data'));
    expect(p.rendererDir).toBe(path.resolve('dist/renderer'));
    expect(p.cacheDir).toBe(path.join('/tmp/u', 'cache'));
  });

  it('uses the sample data shipped as extra resources in a packaged app', () => {
    const resources = mkdtempSync(path.join(os.tmpdir(), 'nigah-res-'));
    mkdirSync(path.join(resources, 'sample-data'));
    const p = resolvePaths({ userDataDir: '/tmp/u', resourcesPath: resources });
    expect(p.sampleDataDir).toBe(path.join(resources, 'sample-data'));
    rmSync(resources, { recursive: true, force: true });
  });
});
