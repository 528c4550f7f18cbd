/**
 * Argument parsing shared by the engine's CLI commands (index, water, flood, stats):
 * `--name value`, `--name=value`, boolean flags, positionals. Unknown options are usage errors.
 */
import { NigahError } from '../../shared/errors';

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(args: string[], valued: string[], booleans: string[], usage: string): ParsedArgs {
  const out: ParsedArgs = { positional: [], options: {}, flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--') || a === '--') {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toLowerCase();
    if (booleans.includes(name)) {
      out.flags.add(name);
      continue;
    }
    if (!valued.includes(name))
      throw new NigahError('BAD_ARGUMENT', `Unknown option --${name}.`, { hint: `Usage: ${usage}` });
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (
      value === undefined ||
      (eq < 0 && value.startsWith('--') && value.length > 2 && !/^--?\d/.test(value))
    )
      throw new NigahError('BAD_ARGUMENT', `--${name} needs a value.`, { hint: `Usage: ${usage}` });
    out.options[name] = value;
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
  if (!Number.isFinite(n))
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

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(6)) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}

export function fmt(n: number | null | undefined, digits = 4): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : Number(n.toFixed(digits)).toString();
}
