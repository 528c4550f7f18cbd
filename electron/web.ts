/**
 * `npm run web`: browser mode. Serves the built renderer and the services on 127.0.0.1, prints the
 * URL (with the per-run session key), and stops cleanly on SIGINT/SIGTERM.
 *   node dist/electron/web.cjs [--port N] [--user-data DIR] [--no-open]
 */
import path from 'node:path';
import { describeError } from '../shared/errors';
import { startWebHost } from './host/http';
import { resolvePaths } from './host/paths';
import { createAppServices } from './host/services';
import { pruneUploads } from './host/upload';

function parseArgs(argv: string[]): { port: number; userData?: string } {
  let port = 0;
  let userData: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0 || v > 65535) {
        process.stderr.write(`--port needs a number from 0 to 65535 (got "${argv[i]}").\n`);
        process.exit(2);
      }
      port = v;
    } else if (a === '--user-data') userData = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write('Usage: npm run web -- [--port N] [--user-data DIR]\n');
      process.exit(0);
    } else {
      process.stderr.write(`Unknown option ${a}. Usage: npm run web -- [--port N] [--user-data DIR]\n`);
      process.exit(2);
    }
  }
  return { port, userData };
}

async function main(): Promise<void> {
  const { port, userData } = parseArgs(process.argv.slice(2));
  const paths = resolvePaths({ userDataDir: userData });
  const { services, raster } = createAppServices(paths, 'web');
  const uploadsDir = path.join(paths.userDataDir, 'uploads');
  void pruneUploads(uploadsDir);
  let host: Awaited<ReturnType<typeof startWebHost>>;
  try {
    host = await startWebHost({
      services,
      raster,
      rendererDir: paths.rendererDir,
      port,
      uploadsDir,
    });
  } catch (e) {
    process.stderr.write(`Nigah could not start: ${describeError(e)}\n`);
    process.exit(1);
  }
  process.stdout.write(`Nigah is running at ${host.url}\n`);
  process.stdout.write('Open that URL in a browser (Chromium, Firefox, Edge). Press Ctrl+C to stop.\n');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Nigah…\n`);
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
