import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRange } from '../../electron/sources/access';
import { isInsideSources } from '../../electron/sources/paths';
import { settingsWith, tempDir } from './helpers';

describe('isInsideSources: file access only inside configured sources', () => {
  const sample = tempDir('nigah-sample-');
  const src = tempDir('nigah-srcroot-');
  const outside = tempDir('nigah-outside-');
  writeFileSync(path.join(sample, 'a.tif'), 'x');
  mkdirSync(path.join(src, 'sub'));
  writeFileSync(path.join(src, 'sub/b.tif'), 'x');
  writeFileSync(path.join(outside, 'secret.tif'), 'x');
  symlinkSync(path.join(outside, 'secret.tif'), path.join(src, 'link.tif'));
  symlinkSync(outside, path.join(src, 'linkdir'));
  symlinkSync(path.join(src, 'sub/b.tif'), path.join(src, 'inner-link.tif'));
  const settings = settingsWith([
    { id: 'f', kind: 'folder', location: src },
    { id: 'off', kind: 'folder', location: outside, enabled: false },
  ]);
  const ok = (p: string): boolean => isInsideSources(p, settings, sample);

  it('allows files inside the sample folder and enabled sources (paths and file:// URLs)', () => {
    expect(ok(path.join(sample, 'a.tif'))).toBe(true);
    expect(ok(pathToFileURL(path.join(src, 'sub/b.tif')).href)).toBe(true);
    expect(ok(path.join(src, 'inner-link.tif'))).toBe(true);
  });

  it('refuses symlinks leaving the root, .. escapes, disabled sources, missing files and http', () => {
    expect(ok(path.join(src, 'link.tif'))).toBe(false);
    expect(ok(path.join(src, 'linkdir/secret.tif'))).toBe(false);
    expect(ok(`${src}/sub/../../${path.basename(outside)}/secret.tif`)).toBe(false);
    expect(ok(`${pathToFileURL(src).href}/sub/%2e%2e/%2e%2e/${path.basename(outside)}/secret.tif`)).toBe(
      false,
    );
    expect(ok(`${src}/sub/../sub/b.tif`)).toBe(false); // any .. is refused outright
    expect(ok(path.join(outside, 'secret.tif'))).toBe(false); // its source is disabled
    expect(ok(path.join(src, 'nope.tif'))).toBe(false);
    expect(ok('http://127.0.0.1/a.tif')).toBe(false);
  });

  it('a STAC source given as a catalog.json path allows the catalog folder', () => {
    const s = settingsWith([{ id: 'c', kind: 'stac', location: path.join(src, 'sub/b.tif') }]);
    expect(isInsideSources(path.join(src, 'sub/b.tif'), s, sample)).toBe(true);
    expect(isInsideSources(path.join(src, 'link.tif'), s, sample)).toBe(false);
  });

  it('readRange refuses non-http hrefs', async () => {
    await expect(
      readRange(pathToFileURL(path.join(src, 'sub/b.tif')).href, 0, 1, { cacheDir: tempDir() }),
    ).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
    });
  });
});
