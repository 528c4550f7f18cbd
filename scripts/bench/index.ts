/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in turn (or only those named on the command
 * line: `npm run bench -- analysis`). Each prints its own figures beside the peers it times.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file.replace('.bench.ts', '')} ===\n`);
  try {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run(): Promise<void> };
    await mod.run();
  } catch (e) {
    failed++;
    process.stdout.write(`bench ${file} failed: ${(e as Error).stack ?? e}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
