/**
 * Start-up housekeeping of the folders the app fills itself:
 * - temp files left by a killed process (kill -9, power cut) are removed: only names of our atomic
 *   writes (`<name>.<pid>.<random>.tmp`, its `.spool`) older than a minute, so a write in progress in
 *   another running instance is never touched;
 * - results/ keeps the newest runs (by count and age); runs the user still has open in the saved
 *   workspace are always kept.
 */
import { promises as fs, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** Our temp names: writeFileAtomic (host and engine), the COG spool, the range cache. */
export const TEMP_NAME = /^.+\.\d{1,10}\.[0-9a-z]{1,16}\.tmp(\.spool)?$/;

export interface CleanOptions {
  /** Only files older than this are removed (default 60 s). */
  minAgeMs?: number;
  /** How deep to look below each folder (default 4). */
  depth?: number;
  now?: number;
}

/** Removes orphaned temp files under `dirs`; returns the paths removed. */
export async function cleanOrphanTemps(dirs: string[], opts: CleanOptions = {}): Promise<string[]> {
  const minAge = opts.minAgeMs ?? 60_000;
  const now = opts.now ?? Date.now();
  const removed: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth > 0) await visit(p, depth - 1);
      else if (e.isFile() && TEMP_NAME.test(e.name)) {
        const st = await fs.stat(p).catch(() => null);
        if (
          st &&
          now - st.mtimeMs > minAge &&
          (await fs.rm(p).then(
            () => true,
            () => false,
          ))
        )
          removed.push(p);
      }
    }
  };
  for (const d of dirs) await visit(d, opts.depth ?? 4);
  return removed;
}

export interface RetentionOptions {
  /** Keep at most this many runs (default 50). */
  keep?: number;
  /** Remove runs older than this (default 30 days). */
  maxAgeMs?: number;
  /** Run folder names that must stay (open in the workspace, running). */
  protect?: (name: string) => boolean;
  now?: number;
}

/** Removes old run folders from results/; returns the names removed. */
export async function pruneResults(resultsDir: string, opts: RetentionOptions = {}): Promise<string[]> {
  const keep = opts.keep ?? 50;
  const maxAge = opts.maxAgeMs ?? 30 * 24 * 3600 * 1000;
  const now = opts.now ?? Date.now();
  let names: string[];
  try {
    names = (await fs.readdir(resultsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
  const runs = await Promise.all(
    names.map(async (name) => ({ name, mtime: (await fs.stat(path.join(resultsDir, name))).mtimeMs })),
  );
  runs.sort((a, b) => b.mtime - a.mtime);
  const removed: string[] = [];
  for (const [i, run] of runs.entries()) {
    if (i < keep && now - run.mtime <= maxAge) continue;
    if (opts.protect?.(run.name)) continue;
    await fs.rm(path.join(resultsDir, run.name), { recursive: true, force: true });
    removed.push(run.name);
  }
  return removed;
}

/** Run folder names mentioned anywhere in the saved workspace: those results are still open. */
export function openResultNames(workspace: unknown): (name: string) => boolean {
  const text = JSON.stringify(workspace ?? {});
  return (name) => text.includes(name);
}

/**
 * Temp files an earlier, killed run left beside these outputs (`.<name>.<pid>.<random>.tmp`, older
 * than a minute): the command-line counterpart of the start-up cleaning, for folders the user chose.
 */
export function cleanStaleOutputTemps(outputs: string[], minAgeMs = 60_000, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const out of outputs) {
    const dir = path.dirname(out);
    const prefix = `.${path.basename(out)}.`;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !TEMP_NAME.test(name)) continue;
      const p = path.join(dir, name);
      try {
        if (now - statSync(p).mtimeMs > minAgeMs) {
          rmSync(p);
          removed.push(p);
        }
      } catch {
        // gone already, or not ours to remove
      }
    }
  }
  return removed;
}
