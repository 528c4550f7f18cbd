/**
 * Nigah band math (the AST of shared/analysis/expression.ts) as an openEO callback body for
 * `reduce_dimension` over `bands`. Band roles become `array_element` by the collection's band label,
 * converted to reflectance (value · scale + offset) before any arithmetic, as Nigah's kernels do.
 * (a − b) / (a + b) of two bands becomes `normalized_difference`.
 */
import type { Node } from '../analysis/expression';
import { NigahError } from '../errors';
import type { BandRole } from '../scene';
import { type CollectionDef, collectionBand } from './collections';
import { type Arg, type GraphBuilder, param } from './graph';

interface Emitted {
  v: Arg;
  bool: boolean;
}

const ARITH: Record<string, string> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide' };
const COMPARE: Record<string, string> = {
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
  '==': 'eq',
  '!=': 'neq',
};

/** Emits the reflectance of each band once per callback. */
class BandRefs {
  private readonly refs = new Map<BandRole, Arg>();
  constructor(
    private readonly g: GraphBuilder,
    private readonly c: CollectionDef,
    private readonly data = 'data',
  ) {}

  get(role: BandRole): Arg {
    let r = this.refs.get(role);
    if (r) return r;
    const label = collectionBand(this.c, role);
    r = this.g.add('array_element', { data: param(this.data), label }, role);
    if (this.c.scale !== 1) r = this.g.add('multiply', { x: r, y: this.c.scale });
    if (this.c.offset !== 0) r = this.g.add('add', { x: r, y: this.c.offset });
    this.refs.set(role, r);
    return r;
  }
}

function asNumber(g: GraphBuilder, e: Emitted): Arg {
  return e.bool ? g.add('if', { value: e.v, accept: 1, reject: 0 }) : e.v;
}

function asBool(g: GraphBuilder, e: Emitted): Arg {
  return e.bool ? e.v : g.add('neq', { x: e.v, y: 0 });
}

/** (a − b) / (a + b) or (a − b) / (b + a) over two bands: the roles, else null. */
function ndPair(n: Node): [BandRole, BandRole] | null {
  if (n.kind !== 'binary' || n.op !== '/') return null;
  const { left: l, right: r } = n;
  if (l.kind !== 'binary' || l.op !== '-' || r.kind !== 'binary' || r.op !== '+') return null;
  if (l.left.kind !== 'band' || l.right.kind !== 'band' || r.left.kind !== 'band' || r.right.kind !== 'band')
    return null;
  const a = l.left.role;
  const b = l.right.role;
  const s = [r.left.role, r.right.role];
  return a !== b && s.includes(a) && s.includes(b) ? [a, b] : null;
}

function emitCall(g: GraphBuilder, n: Extract<Node, { kind: 'call' }>, refs: BandRefs): Emitted {
  const num = (k: number) => asNumber(g, emit(g, n.args[k], refs));
  switch (n.name) {
    case 'abs':
      return { v: g.add('absolute', { x: num(0) }), bool: false };
    case 'sqrt':
      return { v: g.add('sqrt', { x: num(0) }), bool: false };
    case 'exp':
      return { v: g.add('exp', { p: num(0) }), bool: false };
    case 'log':
      return { v: g.add('ln', { x: num(0) }), bool: false };
    case 'log10':
      return { v: g.add('log', { x: num(0), base: 10 }), bool: false };
    case 'min':
    case 'max':
      return { v: g.add(n.name, { data: n.args.map((_, i) => num(i)), ignore_nodata: false }), bool: false };
    case 'clamp': {
      const lo = g.add('max', { data: [num(0), num(1)], ignore_nodata: false });
      return { v: g.add('min', { data: [lo, num(2)], ignore_nodata: false }), bool: false };
    }
    case 'where': {
      const c = asBool(g, emit(g, n.args[0], refs));
      return { v: g.add('if', { value: c, accept: num(1), reject: num(2) }), bool: false };
    }
  }
}

function emit(g: GraphBuilder, n: Node, refs: BandRefs): Emitted {
  switch (n.kind) {
    case 'num':
      return { v: n.value, bool: false };
    case 'band':
      return { v: refs.get(n.role), bool: false };
    case 'unary':
      if (n.op === '+') return emit(g, n.arg, refs);
      return { v: g.add('multiply', { x: -1, y: asNumber(g, emit(g, n.arg, refs)) }), bool: false };
    case 'binary': {
      const nd = ndPair(n);
      if (nd)
        return { v: g.add('normalized_difference', { x: refs.get(nd[0]), y: refs.get(nd[1]) }), bool: false };
      const x = asNumber(g, emit(g, n.left, refs));
      const y = asNumber(g, emit(g, n.right, refs));
      if (n.op === '^') return { v: g.add('power', { base: x, p: y }), bool: false };
      if (n.op in ARITH) return { v: g.add(ARITH[n.op], { x, y }), bool: false };
      return { v: g.add(COMPARE[n.op], { x, y }), bool: true };
    }
    case 'call':
      return emitCall(g, n, refs);
  }
}

/**
 * Fill `g` (a reducer over `bands`, parameter `data`) with the expression; returns the result node.
 * The result is numeric: comparisons give 1 or 0 (null where an input is null), as in Nigah.
 */
export function emitBandMath(g: GraphBuilder, ast: Node, collection: CollectionDef): { from_node: string } {
  const refs = new BandRefs(g, collection);
  const e = emit(g, ast, refs);
  if (typeof e.v !== 'object' || e.v === null || !('from_node' in e.v))
    throw new NigahError('BAD_EXPRESSION', 'The expression reads no band.', {
      hint: 'Band math needs at least one band, e.g. "(nir - red) / (nir + red)".',
    });
  if (!e.bool) return e.v as { from_node: string };
  const valid = g.add('is_valid', { x: e.v });
  return g.add('if', { value: valid, accept: g.add('if', { value: e.v, accept: 1, reject: 0 }) });
}
