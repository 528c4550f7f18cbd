/**
 * The preamble of the commands that run the analysis engine on scenes (index, water, flood): start
 * the worker threads (they load while the scene headers are read), parse the options, check the
 * number of positional scenes and open them.
 */
import type { Scene } from '../../shared/scene';
import { sharedPool } from '../engine/pool';
import { loadSceneInput } from '../engine/scene-input';
import { type ParsedArgs, parseOptions } from './args';
import type { CliIO } from './types';

export interface EngineCommandSpec {
  name: string;
  usage: string;
  valued: string[];
  flags: string[];
  /** How many positional scenes the command takes (0 when scenes come from options). */
  scenes: 0 | 1;
}

export interface EngineCommandStart {
  p: ParsedArgs;
  /** The positional scene, opened with its --bands mapping (commands with `scenes: 1`). */
  scene: Scene | null;
}

/** Returns null after printing a usage error (the command then exits with 2). */
export async function startEngineCommand(
  args: string[],
  io: CliIO,
  spec: EngineCommandSpec,
): Promise<EngineCommandStart | null> {
  sharedPool();
  const p = parseOptions(args, spec.valued, spec.flags, spec.usage);
  if (p.positional.length !== spec.scenes) {
    const what = spec.scenes ? 'expected one <scene>' : `unexpected argument ${p.positional[0]}`;
    io.err(`nigah ${spec.name}: ${what}.\nUsage: ${spec.usage}\n`);
    return null;
  }
  const scene = spec.scenes ? await loadSceneInput(p.positional[0], p.options.bands) : null;
  return { p, scene };
}
