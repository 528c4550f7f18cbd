/**
 * Recursive listing of a source folder that never leaves it: a symlink whose target resolves
 * outside the root is reported (OUTSIDE_ROOT), never followed.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type ErrorData, NigahError, toErrorData } from '../../shared/errors';
import { isInside } from './paths';

export interface WalkedDir {
  dir: string;
  files: string[];
}

export function outsideRoot(p: string, root: string): NigahError {
  return new NigahError('OUTSIDE_ROOT', `Skipped ${p}: it leads outside the source folder ${root}.`, {
    hint: 'Copy the file into the source folder, or add its own folder as another source.',
    details: { path: p, root },
  });
}

export async function walkFolder(
  root: string,
  opts: { maxDepth?: number; maxFiles?: number } = {},
): Promise<{ dirs: WalkedDir[]; problems: (ErrorData & { item?: string })[] }> {
  const realRoot = await realpath(root).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'ENOENT') {
      throw new NigahError('NOT_FOUND', `The source folder ${root} does not exist.`, {
        hint: 'Check the path in Settings → Sources, or reconnect the drive.',
        details: { path: root },
      });
    }
    throw e;
  });
  const dirs: WalkedDir[] = [];
  const problems: (ErrorData & { item?: string })[] = [];
  const maxDepth = opts.maxDepth ?? 12;
  const maxFiles = opts.maxFiles ?? 100_000;
  let count = 0;
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ ...toErrorData(e), item: dir });
      return;
    }
    const files: string[] = [];
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) {
        const target = await realpath(p).catch(() => null);
        if (!target) continue;
        if (!isInside(target, realRoot)) {
          problems.push({ ...outsideRoot(p, root).toData(), item: p });
          continue;
        }
        const st = await stat(target).catch(() => null);
        if (st?.isFile()) files.push(p);
        // A symlinked folder inside the root is listed through its real path already.
        continue;
      }
      if (e.isDirectory()) subdirs.push(p);
      else if (e.isFile()) files.push(p);
    }
    count += files.length;
    files.sort();
    if (files.length) dirs.push({ dir, files });
    if (depth < maxDepth && count < maxFiles) {
      for (const s of subdirs.sort()) await visit(s, depth + 1);
    }
  };
  await visit(realRoot, 0);
  return { dirs, problems };
}
