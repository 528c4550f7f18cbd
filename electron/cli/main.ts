/**
 * The CLI dispatcher: every module in ./commands exports `command: CliCommand`.
 * `nigah <command> [args]`, `nigah help [command]`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeError, toErrorData } from '../../shared/errors';
import type { CliCommand, CliIO } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function loadCommands(): Promise<Map<string, CliCommand>> {
  const dir = path.join(here, 'commands');
  const files = readdirSync(dir).filter(
    (f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'),
  );
  const commands = new Map<string, CliCommand>();
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { command?: CliCommand };
    if (mod.command) commands.set(mod.command.name, mod.command);
  }
  return commands;
}

function usage(commands: Map<string, CliCommand>): string {
  const width = Math.max(...[...commands.keys()].map((k) => k.length), 4);
  const lines = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Nigah — Earth-observation analysis for Pakistan, headless.',
    '',
    'Usage: nigah <command> [options]      (from a checkout: npm run cli -- <command> [options])',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `nigah help <command>` for its options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const cmd = topic ? commands.get(topic) : undefined;
    io.out(cmd ? `${cmd.usage}\n` : usage(commands));
    return topic && !cmd ? 2 : 0;
  }
  const cmd = commands.get(name);
  if (!cmd) {
    io.err(`Unknown command "${name}".\n${usage(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    const data = toErrorData(e);
    io.err(`nigah ${name}: ${describeError(e)}\n`);
    return data.code === 'BAD_ARGUMENT' ? 2 : 1;
  }
}

const defaultIO: CliIO = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};
