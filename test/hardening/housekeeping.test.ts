/**
 * Leftovers: temp files of a process killed with SIGKILL are removed on the next start (only our
 * temp names, only older than a minute), and results/ is kept to the newest runs, open ones kept.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertOutputsSafe } from '../../electron/host/output-guard';
import { resolvePaths } from '../../electron/host/paths';
import { createAppServices } from '../../electron/host/services';

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-house-'));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const ago = async (p: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  await fs.utimes(p, t, t);
};

/** A child process starts an atomic write (our temp naming) and is killed with SIGKILL mid-write. */
async function killedWriter(target: string): Promise<string> {
  const code = `
    import { openSync, writeSync } from 'node:fs';
    import { tempPathFor } from './electron/engine/cog-output.ts';
    const tmp = tempPathFor(${JSON.stringify(target)});
    const fd = openSync(tmp, 'w');
    writeSync(fd, Buffer.alloc(65536, 1));
    process.stdout.write(tmp + '\\n');
    setInterval(() => writeSync(fd, Buffer.alloc(65536, 2)), 5);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: path.resolve('.'),
  });
  const tmpPath = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => resolve(d.toString().trim()));
    child.on('exit', (c) => reject(new Error(`writer exited ${c}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return tmpPath;
}

describe('start-up housekeeping', () => {
  it('removes temp files orphaned by kill -9, and nothing else', async () => {
    const userData = path.join(tmp, 'user');
    const run = path.join(userData, 'results', 'run-a');
    await fs.mkdir(run, { recursive: true });
    const orphan = await killedWriter(path.join(run, 'flood.tif'));
    expect((await fs.stat(orphan)).size).toBeGreaterThan(0);
    await ago(orphan, 5 * 60_000);
    const fresh = path.join(run, '.water.tif.4242.k3j9x1.tmp'); // a write in progress elsewhere
    await fs.writeFile(fresh, 'x');
    const mine = path.join(run, 'notes.tmp'); // not our naming: the user's
    await fs.writeFile(mine, 'keep');
    await ago(mine, 5 * 60_000);
    const app = createAppServices(resolvePaths({ userDataDir: userData }), 'web');
    const done = await app.housekeeping;
    expect(done.temps).toEqual([orphan]);
    await expect(fs.stat(orphan)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await fs.readdir(run)).sort()).toEqual(['.water.tif.4242.k3j9x1.tmp', 'notes.tmp']);
  });

  it('keeps results/ to the newest 50 runs and 30 days, but never a run open in the workspace', async () => {
    const userData = path.join(tmp, 'user');
    const results = path.join(userData, 'results');
    const names = Array.from(
      { length: 55 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const [i, n] of names.entries()) {
      await fs.mkdir(path.join(results, n), { recursive: true });
      await fs.writeFile(path.join(results, n, 'summary.json'), '{}');
      await ago(path.join(results, n), (i + 1) * 3600_000); // names[0] newest
    }
    const old = 'ffffffff-0000-4000-8000-000000000000';
    await fs.mkdir(path.join(results, old));
    await ago(path.join(results, old), 40 * 24 * 3600_000);
    const open = names[54]; // the oldest of the 55, but still open in the workspace
    await fs.writeFile(
      path.join(userData, 'settings.json'),
      JSON.stringify({
        sources: [],
        cacheSizeMB: 2048,
        language: 'en',
        workspace: { analyses: { recent: [{ jobId: open }] } },
      }),
    );
    const app = createAppServices(resolvePaths({ userDataDir: userData }), 'web');
    const { results: removed } = await app.housekeeping;
    expect(removed.sort()).toEqual([...names.slice(50, 54), old].sort());
    const left = await fs.readdir(results);
    expect(left).toHaveLength(51);
    expect(left).toContain(open);
  });

  it('a command writing the same output again removes the temp file its killed run left', async () => {
    const out = path.join(tmp, 'ndvi.tif');
    const orphan = await killedWriter(out);
    await ago(orphan, 2 * 60_000);
    const other = path.join(tmp, '.other.tif.77.abc123.tmp'); // another output's: not touched
    await fs.writeFile(other, 'x');
    await ago(other, 2 * 60_000);
    assertOutputsSafe({ '--out': out }, []);
    expect(await fs.readdir(tmp)).toEqual(['.other.tif.77.abc123.tmp']);
  });
});
