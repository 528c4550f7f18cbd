/**
 * The local openEO executor: runs the process graphs Nigah emits on Nigah's engine over local
 * scenes (or STAC items loaded as scenes), so a graph runs the same way at home and on a backend.
 * Data cubes hold whole planes of the target window in memory: it is meant for a district, not for
 * Pakistan (that is what the backends are for).
 */
import { NigahError } from '../../shared/errors';
import type { OpenEOProcess } from '../../shared/openeo/graph';
import type { Scene } from '../../shared/scene';
import { FdCache } from '../engine/compute';
import { evaluateGraphAsync, runCallback } from './callback';
import { type Cube, type LoadArgs, loadCollection, type Target } from './load';
import type { Plane, Value } from './ops';
import { unsupported } from './ops';
import { type SavedResult, saveCube } from './save';

interface RunState {
  scenes: Scene[];
  target?: Target;
  fds: FdCache;
  saved?: { cube: Cube; format: string };
}

const nb = (c: Cube) => c.bands?.length ?? 1;
const nt = (c: Cube) => c.t?.length ?? 1;

function isCube(v: Value | Cube): v is Cube {
  return typeof v === 'object' && v !== null && 'planes' in v && 'target' in v;
}

function cubeArg(v: Value, what: string): Cube {
  if (!isCube(v as Value | Cube))
    throw new NigahError('BAD_ARGUMENT', `The argument ${what} is not a data cube.`);
  return v as unknown as Cube;
}

function reduceDimension(c: Cube, dim: string, reducer: Value): Cube {
  const planes: Plane[] = [];
  const plane = (v: ReturnType<typeof runCallback>, n: number) =>
    typeof v === 'number' ? new Float64Array(n).fill(v) : v;
  const n = c.target.w * c.target.h;
  if (dim === 'bands' && c.bands) {
    for (let ti = 0; ti < nt(c); ti++) {
      const values = c.planes.slice(ti * nb(c), (ti + 1) * nb(c));
      planes.push(plane(runCallback(reducer, { data: { labels: c.bands, values } }), n));
    }
    return { ...c, bands: null, planes };
  }
  if (dim === 't' && c.t) {
    for (let bi = 0; bi < nb(c); bi++) {
      const values = c.t.map((_, ti) => c.planes[ti * nb(c) + bi]);
      planes.push(plane(runCallback(reducer, { data: { labels: c.t, values } }), n));
    }
    return { ...c, t: null, planes };
  }
  throw new NigahError('BAD_ARGUMENT', `The cube has no dimension "${dim}" to reduce.`);
}

function applyCube(c: Cube, process: Value): Cube {
  const n = c.target.w * c.target.h;
  return {
    ...c,
    planes: c.planes.map((x) => {
      const v = runCallback(process, { x });
      return typeof v === 'number' ? new Float64Array(n).fill(v) : v;
    }),
  };
}

function maskCube(c: Cube, m: Cube, replacement: number): Cube {
  const planes = c.planes.map((p, k) => {
    const ti = Math.floor(k / nb(c));
    const bi = k % nb(c);
    const mp = m.planes[(m.t ? ti : 0) * nb(m) + (m.bands ? bi : 0)];
    const out = new Float64Array(p);
    for (let i = 0; i < out.length; i++) if (mp[i] !== 0 && !Number.isNaN(mp[i])) out[i] = replacement;
    return out;
  });
  return { ...c, planes };
}

function mergeCubes(a: Cube, b: Cube, resolver: Value | undefined): Cube {
  if (a.bands && b.bands && !a.bands.some((l) => b.bands?.includes(l)) && nt(a) === nt(b)) {
    const planes: Plane[] = [];
    for (let ti = 0; ti < nt(a); ti++)
      planes.push(
        ...a.planes.slice(ti * nb(a), (ti + 1) * nb(a)),
        ...b.planes.slice(ti * nb(b), (ti + 1) * nb(b)),
      );
    return { ...a, bands: [...a.bands, ...b.bands], planes };
  }
  if (!a.bands && !b.bands && !a.t && !b.t) {
    if (!resolver)
      throw new NigahError('BAD_ARGUMENT', 'merge_cubes of overlapping cubes needs an overlap_resolver.');
    const v = runCallback(resolver, { x: a.planes[0], y: b.planes[0] });
    return { ...a, planes: [typeof v === 'number' ? new Float64Array(a.planes[0].length).fill(v) : v] };
  }
  throw unsupported('merge_cubes (of these dimensions)');
}

function runCubeProcess(id: string, a: Record<string, Value>, s: RunState): Value {
  const data = () => cubeArg(a.data, 'data');
  let out: Cube;
  switch (id) {
    case 'load_collection':
      out = loadCollection(s.scenes, a as unknown as LoadArgs, s);
      break;
    case 'reduce_dimension':
      out = reduceDimension(data(), a.dimension as string, a.reducer);
      break;
    case 'apply':
      out = applyCube(data(), a.process);
      break;
    case 'mask':
      out = maskCube(data(), cubeArg(a.mask, 'mask'), (a.replacement as number | null) ?? Number.NaN);
      break;
    case 'merge_cubes':
      out = mergeCubes(cubeArg(a.cube1, 'cube1'), cubeArg(a.cube2, 'cube2'), a.overlap_resolver);
      break;
    case 'add_dimension': {
      const c = data();
      out = a.name === 't' ? { ...c, t: [String(a.label)] } : { ...c, bands: [String(a.label)] };
      break;
    }
    case 'filter_temporal': {
      const c = data();
      const [from, to] = (a.extent as string[]).map((x) => Date.parse(x));
      const keep = (c.t ?? []).map((d) => Date.parse(d) >= from && Date.parse(d) < to);
      out = {
        ...c,
        t: c.t?.filter((_, i) => keep[i]) ?? null,
        planes: c.planes.filter((_, k) => keep[Math.floor(k / nb(c))]),
      };
      break;
    }
    case 'save_result':
      s.saved = { cube: data(), format: String(a.format) };
      return true;
    default:
      throw unsupported(id);
  }
  return out as unknown as Value;
}

export interface ExecuteOptions {
  /** Local scenes the graph's load_collection nodes draw from. */
  scenes: Scene[];
  /** Output GeoTIFF path (the graph's save_result). */
  out: string;
  signal?: AbortSignal;
}

/** Run a graph locally; writes its save_result as a COG at `out`. */
export async function executeGraph(process: OpenEOProcess, opts: ExecuteOptions): Promise<SavedResult> {
  const state: RunState = { scenes: opts.scenes, fds: new FdCache() };
  try {
    await evaluateGraphAsync(process, (id, args) => {
      if (opts.signal?.aborted) throw new NigahError('CANCELLED', 'The openEO run was cancelled.');
      return runCubeProcess(id, args, state);
    });
  } finally {
    state.fds.close();
  }
  if (!state.saved)
    throw new NigahError('BAD_ARGUMENT', 'The graph has no save_result: it produces no file.');
  if (!/^gtiff$/i.test(state.saved.format))
    throw new NigahError(
      'BAD_ARGUMENT',
      `The local executor writes GTiff only (the graph asks for ${state.saved.format}).`,
    );
  return saveCube(state.saved.cube, opts.out);
}
