/**
 * The electron-builder afterPack hook flips Electron's fuses in the packaged binary. Checked two
 * ways: the configuration it passes for each platform's binary path, and, on a copy of a file that
 * carries Electron's fuse sentinel, the fuse wire @electron/fuses reads back after the hook ran.
 */
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const hook = require('../../build/after-pack.cjs') as {
  (ctx: unknown, flip?: (p: string, c: unknown) => Promise<number>): Promise<void>;
  fuseConfig: Record<string, unknown>;
};

const ctx = (platform: string, arch = 1) => ({
  appOutDir: '/out',
  electronPlatformName: platform,
  arch,
  packager: { appInfo: { productFilename: 'Nigah' }, executableName: 'nigah' },
});

describe('Electron fuses at packaging time', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on cookie encryption and ASAR checks', async () => {
    const calls: [string, Record<string, unknown>][] = [];
    const flip = async (p: string, c: unknown) => {
      calls.push([p, c as Record<string, unknown>]);
      return 0;
    };
    await hook(ctx('linux'), flip);
    await hook(ctx('win32'), flip);
    await hook(ctx('darwin', 3), flip);
    expect(calls.map((c) => c[0])).toEqual(['/out/nigah', '/out/Nigah.exe', '/out/Nigah.app']);
    for (const [, c] of calls)
      expect(c).toMatchObject({
        version: FuseVersion.V1,
        [FuseV1Options.RunAsNode]: false,
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
        [FuseV1Options.EnableNodeCliInspectArguments]: false,
        [FuseV1Options.EnableCookieEncryption]: true,
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
        [FuseV1Options.OnlyLoadAppFromAsar]: true,
      });
    expect(calls[2][1].resetAdHocDarwinSignature).toBe(true);
    expect(calls[0][1].resetAdHocDarwinSignature).toBe(false);
  });

  it('writes those fuses into a binary’s fuse wire (read back with @electron/fuses)', async () => {
    // Electron's fuse wire: the sentinel, version 1, the number of fuses, then one byte per fuse
    // ('0' off, '1' on), as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on, …
    const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
    const wire = Buffer.from([1, 8, ...Buffer.from('10100010')]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-fuses-'));
    const bin = path.join(dir, 'nigah');
    await fs.writeFile(bin, Buffer.concat([Buffer.alloc(4096, 0x90), sentinel, wire, Buffer.alloc(64)]));
    await hook({ ...ctx('linux'), appOutDir: dir });
    const got = await getCurrentFuseWire(bin);
    const ON = 49; // '1'
    const OFF = 48; // '0'
    expect(got[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(got[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(got[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(got[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(got[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(got[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
