/**
 * Evaluation of callback graphs (reducers, `apply` processes, overlap resolvers) on whole planes.
 */
import { NigahError } from '../../shared/errors';
import type { Arg, GraphNode, ProcessGraphJson } from '../../shared/openeo/graph';
import {
  BINARY,
  IGNORE_NODATA_DEFAULT,
  type Labeled,
  map,
  reduceList,
  type Scalar,
  UNARY,
  unsupported,
  type Value,
} from './ops';

function isLabeled(v: Value): v is Labeled {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float64Array) && 'labels' in v
  );
}

function scalar(v: Value, what: string): Scalar {
  if (v === null) return Number.NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || v instanceof Float64Array) return v;
  throw new NigahError('BAD_ARGUMENT', `The argument ${what} is not a number or raster.`);
}

function listOf(v: Value): Scalar[] {
  if (isLabeled(v)) return v.values;
  if (Array.isArray(v)) return v.map((x, i) => scalar(x, `data[${i}]`));
  throw new NigahError('BAD_ARGUMENT', 'A reducer received no array of values.');
}

function arrayElement(a: Record<string, Value>): Scalar {
  const data = a.data;
  if (isLabeled(data) && typeof a.label === 'string') {
    const i = data.labels.indexOf(a.label);
    if (i < 0)
      throw new NigahError('MISSING_BAND', `No label "${a.label}" in ${data.labels.join(', ')}.`, {
        hint: 'The graph reads a band the loaded collection does not provide.',
      });
    return data.values[i];
  }
  return listOf(data)[a.index as number];
}

function ifValue(a: Record<string, Value>): Scalar {
  const c = scalar(a.value, 'value');
  const yes = scalar(a.accept ?? null, 'accept');
  const no = scalar(a.reject ?? null, 'reject');
  return map((v, x, y) => (v === 1 ? x : y), c, yes, no);
}

/** One callback process on resolved arguments. */
export function runScalarProcess(id: string, a: Record<string, Value>): Scalar {
  if (id in BINARY) return map(BINARY[id], scalar(a.x, 'x'), scalar(a.y, 'y'));
  if (id in UNARY) return map(UNARY[id], scalar(a.x, 'x'));
  if (id in IGNORE_NODATA_DEFAULT)
    return reduceList(
      id,
      listOf(a.data),
      (a.ignore_nodata as boolean | undefined) ?? IGNORE_NODATA_DEFAULT[id],
    );
  switch (id) {
    case 'array_element':
      return arrayElement(a);
    case 'if':
      return ifValue(a);
    case 'power':
      return map((b, p) => b ** p, scalar(a.base, 'base'), scalar(a.p, 'p'));
    case 'exp':
      return map(Math.exp, scalar(a.p, 'p'));
    case 'log': {
      const base = scalar(a.base, 'base');
      return map((x, b) => (b === 10 ? Math.log10(x) : Math.log(x) / Math.log(b)), scalar(a.x, 'x'), base);
    }
    case 'clip':
      return map(
        (x, lo, hi) => (Number.isNaN(x) ? x : Math.min(Math.max(x, lo), hi)),
        scalar(a.x, 'x'),
        scalar(a.min, 'min'),
        scalar(a.max, 'max'),
      );
    default:
      throw unsupported(id);
  }
}

/** Resolve a node argument: references, arrays and objects; callbacks stay as graphs. */
export function resolveArg(arg: Arg, node: (id: string) => Value, params: Record<string, Value>): Value {
  if (Array.isArray(arg)) return arg.map((x) => resolveArg(x, node, params));
  if (arg === null || typeof arg !== 'object') return arg as Value;
  if ('from_node' in arg) return node(arg.from_node as string);
  if ('from_parameter' in arg) {
    const name = arg.from_parameter as string;
    if (!(name in params))
      throw new NigahError('BAD_ARGUMENT', `The graph uses the parameter "${name}", which has no value.`);
    return params[name];
  }
  if ('process_graph' in arg) return arg as unknown as Value;
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(arg)) out[k] = resolveArg(v as Arg, node, params);
  return out;
}

/** Evaluate a graph whose nodes are produced by `run`, memoized; returns the result node's value. */
export function evaluateGraph(
  pg: ProcessGraphJson,
  params: Record<string, Value>,
  run: (id: string, args: Record<string, Value>, node: GraphNode) => Value,
): Value {
  const memo = new Map<string, Value>();
  const node = (id: string): Value => {
    if (memo.has(id)) return memo.get(id) as Value;
    const n = pg.process_graph[id];
    if (!n) throw new NigahError('BAD_ARGUMENT', `The graph refers to a missing node "${id}".`);
    const args: Record<string, Value> = {};
    for (const [k, v] of Object.entries(n.arguments)) args[k] = resolveArg(v, node, params);
    const value = run(n.process_id, args, n);
    memo.set(id, value);
    return value;
  };
  const result = Object.entries(pg.process_graph).find(([, n]) => n.result);
  if (!result) throw new NigahError('BAD_ARGUMENT', 'The graph has no result node.');
  return node(result[0]);
}

/** A callback on scalar planes. */
export function runCallback(cb: Value, params: Record<string, Value>): Scalar {
  return scalar(
    evaluateGraph(cb as unknown as ProcessGraphJson, params, (id, a) => runScalarProcess(id, a)),
    'callback result',
  );
}

/** from_node references of a node's arguments (not those inside its callbacks). */
function refsOf(arg: Arg, out: string[]): string[] {
  if (Array.isArray(arg)) for (const a of arg) refsOf(a, out);
  else if (arg && typeof arg === 'object' && !('process_graph' in arg)) {
    if ('from_node' in arg) out.push(arg.from_node as string);
    else for (const v of Object.values(arg)) refsOf(v as Arg, out);
  }
  return out;
}

/** Nodes the result depends on, dependencies first. */
function evaluationOrder(pg: ProcessGraphJson): string[] {
  const result = Object.entries(pg.process_graph).find(([, n]) => n.result);
  if (!result) throw new NigahError('BAD_ARGUMENT', 'The graph has no result node.');
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting')
      throw new NigahError('BAD_ARGUMENT', `The graph has a cycle through "${id}".`);
    const n = pg.process_graph[id];
    if (!n) throw new NigahError('BAD_ARGUMENT', `The graph refers to a missing node "${id}".`);
    state.set(id, 'visiting');
    for (const [, v] of Object.entries(n.arguments)) for (const d of refsOf(v, [])) visit(d);
    state.set(id, 'done');
    order.push(id);
  };
  visit(result[0]);
  return order;
}

/**
 * The top-level graph, one node at a time with a turn of the event loop between nodes, so a long
 * run stays cancellable and the process keeps answering (a host, a test backend).
 */
export async function evaluateGraphAsync(
  pg: ProcessGraphJson,
  run: (id: string, args: Record<string, Value>, node: GraphNode) => Value,
): Promise<Value> {
  const memo = new Map<string, Value>();
  let last: Value = null;
  for (const id of evaluationOrder(pg)) {
    await new Promise((r) => setImmediate(r));
    const n = pg.process_graph[id];
    const args: Record<string, Value> = {};
    for (const [k, v] of Object.entries(n.arguments))
      args[k] = resolveArg(v, (d) => memo.get(d) as Value, {});
    last = run(n.process_id, args, n);
    memo.set(id, last);
  }
  return last;
}
