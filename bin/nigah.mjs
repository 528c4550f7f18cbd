#!/usr/bin/env node
// The `nigah` command: the same analysis and exports as the app, headless, for batch jobs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
// A reader that closes early (`nigah … | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(path.join(here, '..', 'electron', 'cli', 'main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
