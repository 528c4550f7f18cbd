import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, defaultSettings } from '../../electron/services/settings';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-settings-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts with the embedded sample source', async () => {
    const s = await createSettingsStore(dir).get();
    expect(s.sources.map((x) => x.kind)).toEqual(['sample']);
    expect(s.sources[0].enabled).toBe(true);
  });

  it('persists updates across restarts, as valid JSON on disk', async () => {
    const store = createSettingsStore(dir);
    const folder = {
      id: 'f1',
      kind: 'folder' as const,
      name: 'Field data',
      location: '/data/scenes',
      enabled: true,
    };
    await store.update({ sources: [...(await store.get()).sources, folder], cacheSizeMB: 512 });
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.cacheSizeMB).toBe(512);
    const reopened = await createSettingsStore(dir).get();
    expect(reopened.sources.map((x) => x.id)).toEqual(['sample', 'f1']);
    // No temp files left behind by the atomic write.
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects invalid settings and keeps the previous ones', async () => {
    const store = createSettingsStore(dir);
    await expect(store.update({ cacheSizeMB: -5 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    const dup = defaultSettings().sources[0];
    await expect(store.update({ sources: [dup, dup] })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    expect((await store.get()).cacheSizeMB).toBe(defaultSettings().cacheSizeMB);
  });

  it('sets a corrupt settings file aside instead of losing it', async () => {
    await fs.writeFile(path.join(dir, 'settings.json'), '{"sources": [oops');
    const store = createSettingsStore(dir);
    expect((await store.get()).sources[0].kind).toBe('sample');
    expect(store.warnings()[0]).toMatch(/kept as .*corrupt/);
    const kept = (await fs.readdir(dir)).find((f) => f.includes('corrupt'));
    expect(kept).toBeDefined();
    expect(await fs.readFile(path.join(dir, kept as string), 'utf8')).toBe('{"sources": [oops');
  });
});
