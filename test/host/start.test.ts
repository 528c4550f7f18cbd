import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const hasBinary = existsSync(path.join(electronDir, 'path.txt'));

describe.skipIf(hasBinary)('npm start without the Electron binary', () => {
  it('explains and names browser mode instead of crashing', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Electron binary is not installed/);
    expect(r.stderr).toContain('npm run web');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
