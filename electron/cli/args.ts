/**
 * Option parsing for CLI commands, on node:util parseArgs: `--name value`, `--name=value`, boolean
 * flags and positionals. Unknown options and missing values are usage errors (NigahError
 * BAD_ARGUMENT, exit code 2) that quote the command's usage.
 */
import { parseArgs } from 'node:util';
import { NigahError } from '../../shared/errors';

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

/**
 * A valued option followed by a negative number (`--threshold -0.2`) is joined into
 * `--threshold=-0.2`: parseArgs would otherwise call the value ambiguous.
 */
function joinNegativeValues(args: string[], valued: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (a.startsWith('--') && valued.includes(a.slice(2)) && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function parseOptions(
  args: string[],
  valued: string[],
  booleans: string[],
  usage: string,
): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of valued) options[name] = { type: 'string' };
  for (const name of booleans) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, valued),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0].replace(/\. To specify .*$/, '.');
    throw new NigahError('BAD_ARGUMENT', message, { hint: `Usage: ${usage}` });
  }
  const out: ParsedArgs = { positional: parsed.positionals, options: {}, flags: new Set() };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') out.options[name] = value;
    else if (value === true) out.flags.add(name);
  }
  return out;
}

export function need(p: ParsedArgs, name: string, usage: string): string {
  const v = p.options[name];
  if (!v) throw new NigahError('BAD_ARGUMENT', `--${name} is required.`, { hint: `Usage: ${usage}` });
  return v;
}

export function numberOption(p: ParsedArgs, name: string, usage: string): number | undefined {
  const v = p.options[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new NigahError('BAD_ARGUMENT', `--${name} must be a number, got "${v}".`, {
      hint: `Usage: ${usage}`,
    });
  return n;
}

/** --threshold auto|<number> */
export function thresholdOption(p: ParsedArgs, name: string, usage: string): 'auto' | number | undefined {
  const v = p.options[name];
  if (v === undefined || v === 'auto') return v === 'auto' ? 'auto' : undefined;
  return numberOption(p, name, usage);
}

/** Progress on stderr for terminals only (a single updating line). */
export function progressPrinter(
  err: (s: string) => void,
): (p: { phase: string; done: number; total: number }) => void {
  const tty = process.stderr.isTTY;
  let last = '';
  return (p) => {
    if (!tty) return;
    const line = `${p.phase}: ${p.done}/${p.total}`;
    if (line === last) return;
    last = line;
    err(`\r${line}${p.done === p.total ? '\n' : ''}`);
  };
}

/** A number for people: at most `digits` decimals, "–" when absent. */
export function fmt(n: number | null | undefined, digits = 4): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : Number(n.toFixed(digits)).toString();
}
