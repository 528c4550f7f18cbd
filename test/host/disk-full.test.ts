/**
 * A full disk: writes fail with DISK_FULL, say what to do, and the user's previous file survives.
 * Uses a 64 KiB tmpfs (needs root and mount); elsewhere it skips with a message.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/host/atomic';
import { createSettingsStore } from '../../electron/services/settings';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  mounted = true;
} catch {
  console.warn('disk-full tests skipped: mounting a small tmpfs needs root (run as root, as CI does).');
}

afterAll(() => {
  try {
    if (mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // A busy mount is cleaned up with the temp folder later; never fail the suite for it.
  }
});

describe.skipIf(!mounted)('full disk', () => {
  it('reports DISK_FULL with a hint and keeps the previous file', async () => {
    const target = path.join(dir, 'result.json');
    writeFileSync(target, '{"previous": true}');
    await expect(writeFileAtomic(target, new Uint8Array(200_000))).rejects.toMatchObject({
      code: 'DISK_FULL',
      hint: expect.stringMatching(/Free some space/),
    });
    expect(readFileSync(target, 'utf8')).toBe('{"previous": true}');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a settings change that cannot be saved leaves the saved settings as they were', async () => {
    const store = createSettingsStore(dir);
    await store.update({ cacheSizeMB: 100 });
    // Fill the disk, then try to save.
    const filler = path.join(dir, 'filler');
    await fs.writeFile(filler, new Uint8Array(1)).catch(() => {});
    try {
      await fs.writeFile(filler, new Uint8Array(80_000));
    } catch {
      // Full now.
    }
    const huge = Array.from({ length: 400 }, (_, i) => ({
      id: `s${i}`,
      kind: 'folder' as const,
      name: `Folder ${i} with a long name to take space`,
      location: `/data/${'x'.repeat(40)}/${i}`,
      enabled: true,
    }));
    await expect(store.update({ sources: [...(await store.get()).sources, ...huge] })).rejects.toMatchObject({
      code: 'DISK_FULL',
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).cacheSizeMB).toBe(100);
    expect((await store.get()).sources).toHaveLength(1);
  });
});

describe('atomic writes', () => {
  it('write every chunk in order and leave no temp file', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'nigah-atomic-'));
    const target = path.join(tmp, 'out.bin');
    await writeFileAtomic(target, [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5])]);
    expect([...readFileSync(target)]).toEqual([1, 2, 3, 4, 5]);
    await writeFileAtomic(target, 'héllo');
    expect(readFileSync(target, 'utf8')).toBe('héllo');
    expect(readdirSync(tmp)).toEqual(['out.bin']);
    rmSync(tmp, { recursive: true, force: true });
  });
});
