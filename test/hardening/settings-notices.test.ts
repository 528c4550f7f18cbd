/**
 * Settings that cannot be read are never silent: a corrupt or schema-invalid file is set aside and
 * the user is told through app.info; a source of an unknown kind is left out alone (and kept in the
 * file); a settings.json that is a folder gives a clear error.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../electron/host/paths';
import { createAppServices } from '../../electron/host/services';

let tmp: string;
const file = () => path.join(tmp, 'settings.json');
const app = () => createAppServices(resolvePaths({ userDataDir: tmp }), 'web');

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-settings-'));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const folder = { id: 'mine', kind: 'folder', name: 'My scenes', location: '/data/scenes', enabled: true };

describe('settings notices', () => {
  it('a schema-invalid file is set aside and app.info tells the user', async () => {
    await fs.writeFile(file(), JSON.stringify({ sources: [folder], cacheSizeMB: 'lots', language: 'en' }));
    const { services } = app();
    const info = await services.app.info();
    expect(info.notices).toHaveLength(1);
    expect(info.notices?.[0].message).toMatch(/unreadable and was kept as .*settings\.json\.corrupt-\d+/);
    const aside = (await fs.readdir(tmp)).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect((await services.settings.get()).cacheSizeMB).toBe(2048);
  });

  it('one source of an unknown kind drops only that source, with a notice, and is kept in the file', async () => {
    const future = {
      id: 'x',
      kind: 'sentinel-hub',
      name: 'Future source',
      location: 'https://x',
      enabled: true,
    };
    await fs.writeFile(
      file(),
      JSON.stringify({ sources: [folder, future], cacheSizeMB: 512, language: 'ur' }),
    );
    const { services } = app();
    const s = await services.settings.get();
    expect(s.sources.map((x) => x.id)).toEqual(['sample', 'mine']);
    expect(s.cacheSizeMB).toBe(512);
    expect(s.language).toBe('ur');
    const info = await services.app.info();
    expect(info.notices?.map((n) => n.message)).toEqual([
      expect.stringMatching(/“Future source” \(kind “sentinel-hub”\) cannot be read/),
    ]);
    await services.settings.update({ cacheSizeMB: 600 });
    const written = JSON.parse(await fs.readFile(file(), 'utf8')) as { sources: { id: string }[] };
    expect(written.sources.map((x) => x.id)).toEqual(['sample', 'mine', 'x']);
  });

  it('settings.json that is a folder gives a clear error, not EISDIR', async () => {
    await fs.mkdir(file());
    const { services } = app();
    await expect(services.settings.get()).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringMatching(/settings file .* is a folder/),
    });
    const info = await services.app.info();
    expect(info.notices?.[0].message).toMatch(/is a folder/);
    expect(JSON.stringify(info)).not.toMatch(/EISDIR/);
  });
});
