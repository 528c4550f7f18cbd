/**
 * Entry point the analysis bench bundles with esbuild (as the app ships its host code) to time the
 * engine without tsx compiling TypeScript at start-up in the main thread and in every worker.
 */

import { command } from '../../electron/cli/commands/index';
import { describeError } from '../../shared/errors';

command
  .run(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`nigah index: ${describeError(e)}\n`);
      process.exitCode = 1;
    },
  );
