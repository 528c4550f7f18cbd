// `npm start`: one command that runs Nigah on any machine. It opens the desktop window when the
// Electron binary is there. `npm install` does not download it (package.json allowScripts blocks
// Electron's install script, so installs succeed offline); the first `npm start` fetches it once.
// When that is impossible (no network to Electron's download, or ELECTRON_SKIP_BINARY_DOWNLOAD set),
// it starts browser mode itself, prints the URL and opens the default browser where there is one.
//   NIGAH_NO_BROWSER=1  print the URL only (no browser is opened)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A failed download is not retried on every start: once a day at most. */
const RETRY_AFTER_MS = 24 * 3600 * 1000;
const failedMarker = path.join(root, 'node_modules', '.cache', 'nigah', 'electron-download-failed');

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function electronBinary() {
  const dir = electronDir();
  if (!dir) return null;
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function recentlyFailed() {
  try {
    return Date.now() - statSync(failedMarker).mtimeMs < RETRY_AFTER_MS;
  } catch {
    return false;
  }
}

/** Runs Electron's own installer once; returns the binary or null (and why). */
function downloadElectron() {
  const dir = electronDir();
  if (!dir) return { bin: null, why: 'the electron package is not installed (run `npm install`)' };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { bin: null, why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  if (recentlyFailed())
    return {
      bin: null,
      why: 'the download failed in the last 24 hours (retry: node node_modules/electron/install.js)',
    };
  process.stdout.write('Electron is not downloaded yet; fetching it once (needs network)…\n');
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const bin = electronBinary();
  if (bin) return { bin, why: null };
  mkdirSync(path.dirname(failedMarker), { recursive: true });
  writeFileSync(failedMarker, `${new Date().toISOString()}\n${r.stderr ?? ''}`);
  const line = `${r.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l));
  return { bin: null, why: `the download failed (${(line ?? r.error?.message ?? 'no details').trim()})` };
}

/** The default browser, where the platform has an opener; never fails when there is none. */
function openBrowser(url) {
  if (process.env.NIGAH_NO_BROWSER) return;
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () =>
      process.stdout.write('(No browser could be opened: open the URL above yourself.)\n'),
    );
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
}

function startBrowserMode(why) {
  process.stdout.write(
    [
      `The desktop window is not available: ${why}.`,
      'Starting browser mode instead — the same app in your browser, served on 127.0.0.1 only.',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/electron/web.cjs'), ...process.argv.slice(2)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let opened = false;
  child.stdout.on('data', (chunk) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const m = /running at (http:\/\/\S+)/.exec(text);
    if (m && !opened) {
      opened = true;
      openBrowser(m[1]);
    }
  });
  return child;
}

let bin = electronBinary();
let why = null;
if (!bin) ({ bin, why } = downloadElectron());
const child = bin
  ? spawn(bin, [path.join(root, 'dist/electron/main.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' })
  : startBrowserMode(why);
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
