// `npm start`: open the desktop window. When the Electron binary is missing (a machine that could
// not download it, or installs run with ELECTRON_SKIP_BINARY_DOWNLOAD), say so and name browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

let bin = electronBinary();
if (!bin && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // npm may have skipped Electron's install script; run it once to fetch the binary.
  try {
    const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
    process.stdout.write('Electron binary not found; downloading it (needs network)…\n');
    const r = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 300_000 });
    bin = electronBinary();
    if (!bin) {
      const why = `${r.stderr ?? ''}`.split('\n').find((l) => /Error|error:/.test(l)) ?? 'no details';
      process.stderr.write(`The download failed: ${why.trim()}\n\n`);
    }
  } catch {
    bin = null;
  }
}
if (!bin) {
  process.stderr.write(
    [
      'Nigah cannot open the desktop window: the Electron binary is not installed on this machine',
      '(it is downloaded by `npm install` from the network; installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or',
      'without network skip it).',
      '',
      'Use browser mode instead — the same app in your browser, served on 127.0.0.1 only:',
      '    npm run web',
      '',
      'Or connect to the network and run `npm install` again (or `node node_modules/electron/install.js`).',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(bin, [path.join(root, 'dist/electron/main.cjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
