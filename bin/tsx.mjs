#!/usr/bin/env node
// Runs a TypeScript entry point through tsx's loader, without a separate build step.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: bin/tsx.mjs <file.ts> [args…]\n');
  process.exit(2);
}
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(entry).href);
