/**
 * No output may replace an input. Every command and service that writes a file the user named calls
 * `assertOutputsSafe` before computing: an output that is, or resolves to, one of the inputs (same
 * path after `.`/`..`, a symlink to it, or a hard link: same device and inode) is refused, and so is
 * an output that is an existing folder. Once the outputs are known to be safe, temp files a killed
 * earlier run left beside them are removed.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NigahError } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { cleanStaleOutputTemps } from './housekeeping';

/** A local path for a path or file:// URL; null for remote (http…) inputs. */
function localPath(p: string): string | null {
  if (/^file:/i.test(p)) return fileURLToPath(p);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) return null;
  return path.resolve(p);
}

interface Identity {
  real: string;
  inode: string | null;
}

function identity(p: string): Identity {
  try {
    const st = statSync(p);
    return { real: realpathSync(p), inode: st.ino ? `${st.dev}:${st.ino}` : null };
  } catch {
    // Not there yet: the real folder it would be written in, plus its name.
    let dir = path.dirname(p);
    try {
      dir = realpathSync(dir);
    } catch {
      /* a folder that will be created */
    }
    return { real: path.join(dir, path.basename(p)), inode: null };
  }
}

const same = (a: Identity, b: Identity) => a.real === b.real || (a.inode !== null && a.inode === b.inode);

/** The files a scene is read from: its band files and the document describing it. */
export function sceneInputs(scene: Scene): string[] {
  return [...scene.bands.map((b) => b.href), scene.provenance.href];
}

/**
 * Throws OUTPUT_IS_INPUT when an output is one of the inputs, BAD_ARGUMENT when it is a folder.
 * `outputs` maps the option name (shown to the user, e.g. "--out") to the path.
 */
export function assertOutputsSafe(
  outputs: Record<string, string | null | undefined>,
  inputs: (string | null | undefined)[],
): void {
  const ins = inputs
    .map((i) => (i ? localPath(i) : null))
    .filter((i): i is string => i !== null)
    .map((i) => ({ path: i, id: identity(i) }));
  for (const [name, out] of Object.entries(outputs)) {
    if (!out) continue;
    const file = localPath(out);
    if (file === null) continue;
    let dir = false;
    try {
      dir = statSync(file).isDirectory();
    } catch {
      dir = false;
    }
    if (dir)
      throw new NigahError('BAD_ARGUMENT', `The output ${out} (${name}) is a folder, not a file.`, {
        hint: `Give a file name inside it, e.g. ${path.join(out, 'out.tif')}.`,
        details: { option: name, path: out },
      });
    const id = identity(file);
    const hit = ins.find((i) => same(i.id, id));
    if (hit)
      throw new NigahError(
        'OUTPUT_IS_INPUT',
        `The output ${out} (${name}) is an input of this run: ${hit.path}.`,
        {
          hint: 'Writing there would destroy the input. Choose another output file name.',
          details: { option: name, path: out, input: hit.path },
        },
      );
  }
  const files = Object.values(outputs)
    .map((o) => (o ? localPath(o) : null))
    .filter((o): o is string => o !== null);
  cleanStaleOutputTemps(files);
}
