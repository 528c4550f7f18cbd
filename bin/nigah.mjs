#!/usr/bin/env node
// The `nigah` command: the same analysis and exports as the app, headless, for batch jobs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(path.join(here, '..', 'electron', 'cli', 'main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
