/**
 * Band math without eval: tokenizer → precedence-climbing parser → AST → evaluator compiled to a tree
 * of closures that each process a whole chunk of pixels (vectorized per node), so the per-pixel cost is
 * a handful of tight typed-array loops rather than a tree walk per pixel.
 *
 * Language: numbers (1, 0.5, 1e-4), band roles (STAC eo common names: blue, green, red, nir, swir16,
 * swir22, …, plus aliases swir1/swir2 and the letters B G R N S1 S2), + − * / ^ (power, right
 * associative), unary −, parentheses, comparisons < <= > >= == != (1 or 0), and functions
 * abs sqrt exp log log10 min max clamp(x, lo, hi) where(cond, a, b).
 * Nodata in any band read → NaN; a non-finite result (x/0) → NaN.
 */
import { NigahError } from '../errors';
import { BAND_ROLES, type BandRole, normalizeRole } from '../scene';
import type { BandScaling, BandSet, ScalingSet } from './indices';

export type Node =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'band'; role: BandRole; pos: number }
  | { kind: 'unary'; op: '-' | '+'; arg: Node; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number }
  | { kind: 'call'; name: FunctionName; args: Node[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=';
type FunctionName = 'abs' | 'sqrt' | 'exp' | 'log' | 'log10' | 'min' | 'max' | 'clamp' | 'where';

const FUNCTIONS: Record<FunctionName, [number, number]> = {
  abs: [1, 1],
  sqrt: [1, 1],
  exp: [1, 1],
  log: [1, 1],
  log10: [1, 1],
  min: [2, 8],
  max: [2, 8],
  clamp: [3, 3],
  where: [3, 3],
};

/** Formula letters accepted as band names (case-sensitive upper case, as written in papers). */
const LETTERS: Record<string, BandRole> = {
  B: 'blue',
  G: 'green',
  R: 'red',
  N: 'nir',
  S1: 'swir16',
  S2: 'swir22',
};

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

function fail(message: string, pos: number, text: string, hint?: string): never {
  const caret = `${text}\n${' '.repeat(Math.max(0, pos))}^`;
  throw new NigahError('BAD_EXPRESSION', `${message} at position ${pos + 1}.`, {
    hint: hint ?? 'Write band math like "(nir - red) / (nir + red)".',
    details: { position: pos + 1, expression: text, caret },
  });
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if ((c >= '0' && c <= '9') || (c === '.' && text[i + 1] >= '0' && text[i + 1] <= '9')) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) fail(`Bad number`, i, text);
      out.push({ t: 'num', v: Number(m[0]), pos: start });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      out.push({ t: 'id', v: m[0], pos: start });
      i += m[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=' || two === '**') {
      out.push({ t: 'op', v: two === '**' ? '^' : two, pos: start });
      i += 2;
      continue;
    }
    if ('+-*/^()<>,'.includes(c)) {
      out.push({ t: 'op', v: c, pos: start });
      i++;
      continue;
    }
    fail(
      `Unexpected character "${c}"`,
      i,
      text,
      'Allowed: numbers, band names, + - * / ^, comparisons, ( ), and functions.',
    );
  }
  out.push({ t: 'end', pos: text.length });
  return out;
}

const BINARY_PRECEDENCE: Record<string, [number, 'left' | 'right']> = {
  '==': [1, 'left'],
  '!=': [1, 'left'],
  '<': [2, 'left'],
  '<=': [2, 'left'],
  '>': [2, 'left'],
  '>=': [2, 'left'],
  '+': [3, 'left'],
  '-': [3, 'left'],
  '*': [4, 'left'],
  '/': [4, 'left'],
  '^': [6, 'right'],
};
const UNARY_PRECEDENCE = 5;

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/**
 * Parse to an AST. `available` (roles the scene has) turns unknown or absent bands into errors that
 * list the available roles; without it any known role is accepted.
 */
/** Longest expression accepted, in characters; band math in practice is a few hundred at most. */
export const MAX_EXPRESSION_LENGTH = 4000;
/** Deepest nesting (parentheses, functions, operator chains) accepted. */
export const MAX_EXPRESSION_DEPTH = 200;

/** Fails at the first node nested deeper than MAX_EXPRESSION_DEPTH (explicit stack: no recursion). */
function checkDepth(ast: Node, text: string): void {
  const stack: [Node, number][] = [[ast, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > MAX_EXPRESSION_DEPTH)
      fail(`The expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, n.pos, text, TOO_BIG_HINT);
    if (n.kind === 'unary') stack.push([n.arg, d + 1]);
    else if (n.kind === 'binary') stack.push([n.left, d + 1], [n.right, d + 1]);
    else if (n.kind === 'call') for (const a of n.args) stack.push([a, d + 1]);
  }
}

const TOO_BIG_HINT =
  'Split it into steps: compute an index first, then use the result in a second expression.';

export function parseExpression(text: string, available?: Iterable<BandRole>): Node {
  if (!text.trim()) fail('Empty expression', 0, text);
  if (text.length > MAX_EXPRESSION_LENGTH)
    fail(
      `The expression is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are accepted`,
      MAX_EXPRESSION_LENGTH,
      text.slice(0, MAX_EXPRESSION_LENGTH + 1),
      TOO_BIG_HINT,
    );
  const tokens = tokenize(text);
  const have = available ? [...new Set(available)] : null;
  let p = 0;
  const peek = () => tokens[p];
  const next = () => tokens[p++];

  const resolveBand = (name: string, pos: number): BandRole => {
    // Own-property lookups only: "constructor" or "__proto__" must not resolve to Object.prototype members.
    const letter = Object.hasOwn(LETTERS, name) ? LETTERS[name] : null;
    const normalized = normalizeRole(name);
    const role =
      letter ?? ((BAND_ROLES as readonly string[]).includes(normalized as string) ? normalized : null);
    const pool: string[] = have ?? [...BAND_ROLES];
    if (!role || (have && !have.includes(role))) {
      const close = pool.filter((r) => editDistance(r, name.toLowerCase()) <= 2);
      const avail = have ? `Available bands: ${have.length ? have.join(', ') : 'none'}.` : '';
      fail(
        role ? `The scene has no band "${name}" (${role})` : `Unknown band "${name}"`,
        pos,
        text,
        `${close.length ? `Did you mean ${close.join(' or ')}? ` : ''}${avail || `Known band names: ${BAND_ROLES.join(', ')}.`}`,
      );
    }
    return role;
  };

  const primary = (): Node => {
    const tok = next();
    if (tok.t === 'num') return { kind: 'num', value: tok.v, pos: tok.pos };
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      const arg = climb(UNARY_PRECEDENCE);
      return { kind: 'unary', op: tok.v, arg, pos: tok.pos };
    }
    if (tok.t === 'op' && tok.v === '(') {
      const e = climb(0);
      const close = next();
      if (close.t !== 'op' || close.v !== ')') fail('Missing ")"', close.pos, text);
      return e;
    }
    if (tok.t === 'id') {
      const after = peek();
      if (after.t === 'op' && after.v === '(') {
        const name = tok.v.toLowerCase();
        // Own properties only: "constructor" or "__proto__" are not functions.
        if (!Object.hasOwn(FUNCTIONS, name))
          fail(
            `Unknown function "${tok.v}"`,
            tok.pos,
            text,
            `Functions: ${Object.keys(FUNCTIONS).join(', ')}.`,
          );
        next();
        const args: Node[] = [];
        if (!(peek().t === 'op' && (peek() as { v: string }).v === ')')) {
          for (;;) {
            args.push(climb(0));
            const sep = peek();
            if (sep.t === 'op' && sep.v === ',') {
              next();
              continue;
            }
            break;
          }
        }
        const close = next();
        if (close.t !== 'op' || close.v !== ')')
          fail(`Missing ")" after the arguments of ${name}`, close.pos, text);
        const [lo, hi] = FUNCTIONS[name as FunctionName];
        if (args.length < lo || args.length > hi)
          fail(
            `${name} takes ${lo === hi ? lo : `${lo} to ${hi}`} argument(s), got ${args.length}`,
            tok.pos,
            text,
          );
        return { kind: 'call', name: name as FunctionName, args, pos: tok.pos };
      }
      return { kind: 'band', role: resolveBand(tok.v, tok.pos), pos: tok.pos };
    }
    if (tok.t === 'end') fail('Unexpected end of expression', tok.pos, text);
    fail(`Unexpected "${(tok as { v: string }).v}"`, tok.pos, text);
  };

  let depth = 0;
  const climb = (minPrec: number): Node => {
    if (++depth > MAX_EXPRESSION_DEPTH)
      fail(`The expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, peek().pos, text, TOO_BIG_HINT);
    let left = primary();
    for (;;) {
      const tok = peek();
      if (tok.t !== 'op' || !Object.hasOwn(BINARY_PRECEDENCE, tok.v)) break;
      const [prec, assoc] = BINARY_PRECEDENCE[tok.v];
      if (prec < minPrec) break;
      next();
      const right = climb(assoc === 'left' ? prec + 1 : prec);
      left = { kind: 'binary', op: tok.v as BinaryOp, left, right, pos: tok.pos };
    }
    depth--;
    return left;
  };

  const ast = climb(0);
  checkDepth(ast, text);
  const rest = peek();
  if (rest.t !== 'end')
    fail(
      `Unexpected "${rest.t === 'op' || rest.t === 'id' ? rest.v : (rest as { v: number }).v}"`,
      rest.pos,
      text,
      'Is an operator missing?',
    );
  return ast;
}

/** Band roles an AST reads, in first-use order. */
export function expressionBands(node: Node): BandRole[] {
  const out: BandRole[] = [];
  const walk = (n: Node) => {
    if (n.kind === 'band') {
      if (!out.includes(n.role)) out.push(n.role);
    } else if (n.kind === 'unary') walk(n.arg);
    else if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(node);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compilation: each node becomes (ctx) => Float64Array|number for the current chunk.

const CHUNK = 4096;

interface Ctx {
  bands: BandSet;
  scales: Record<string, BandScaling>;
  start: number;
  len: number;
}

type Eval = (ctx: Ctx) => Float64Array | number;

function scalarFn(op: BinaryOp): (a: number, b: number) => number {
  switch (op) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return (a, b) => a / b;
    case '^':
      return (a, b) => a ** b;
    case '<':
      return (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a < b ? 1 : 0);
    case '<=':
      return (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a <= b ? 1 : 0);
    case '>':
      return (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a > b ? 1 : 0);
    case '>=':
      return (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a >= b ? 1 : 0);
    case '==':
      return (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a === b ? 1 : 0);
    case '!=':
      return (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a !== b ? 1 : 0);
  }
}

const UNARY_FN: Record<string, (x: number) => number> = {
  abs: Math.abs,
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
};

function compileNode(node: Node): Eval {
  switch (node.kind) {
    case 'num': {
      const v = node.value;
      return () => v;
    }
    case 'band': {
      const role = node.role;
      const buf = new Float64Array(CHUNK);
      return (ctx) => {
        const a = ctx.bands[role]!;
        const s = ctx.scales[role];
        const k = s.scale;
        const o = s.offset;
        const nd = s.nodata === null ? Number.NaN : s.nodata;
        const st = ctx.start;
        for (let i = 0; i < ctx.len; i++) {
          const x = a[st + i];
          buf[i] = x === nd ? Number.NaN : x * k + o;
        }
        return buf;
      };
    }
    case 'unary': {
      const arg = compileNode(node.arg);
      if (node.op === '+') return arg;
      const buf = new Float64Array(CHUNK);
      return (ctx) => {
        const a = arg(ctx);
        if (typeof a === 'number') return -a;
        for (let i = 0; i < ctx.len; i++) buf[i] = -a[i];
        return buf;
      };
    }
    case 'binary': {
      const L = compileNode(node.left);
      const R = compileNode(node.right);
      const f = scalarFn(node.op);
      const buf = new Float64Array(CHUNK);
      const op = node.op;
      return (ctx) => {
        const a = L(ctx);
        const b = R(ctx);
        const n = ctx.len;
        if (typeof a === 'number' && typeof b === 'number') return f(a, b);
        // Hot arithmetic ops get their own loops; the rest go through f.
        if (typeof a !== 'number' && typeof b !== 'number') {
          if (op === '+') for (let i = 0; i < n; i++) buf[i] = a[i] + b[i];
          else if (op === '-') for (let i = 0; i < n; i++) buf[i] = a[i] - b[i];
          else if (op === '*') for (let i = 0; i < n; i++) buf[i] = a[i] * b[i];
          else if (op === '/') for (let i = 0; i < n; i++) buf[i] = a[i] / b[i];
          else for (let i = 0; i < n; i++) buf[i] = f(a[i], b[i]);
        } else if (typeof a === 'number') {
          const bb = b as Float64Array;
          if (op === '*') for (let i = 0; i < n; i++) buf[i] = a * bb[i];
          else if (op === '+') for (let i = 0; i < n; i++) buf[i] = a + bb[i];
          else if (op === '-') for (let i = 0; i < n; i++) buf[i] = a - bb[i];
          else for (let i = 0; i < n; i++) buf[i] = f(a, bb[i]);
        } else {
          const aa = a as Float64Array;
          const bs = b as number;
          if (op === '*') for (let i = 0; i < n; i++) buf[i] = aa[i] * bs;
          else if (op === '+') for (let i = 0; i < n; i++) buf[i] = aa[i] + bs;
          else if (op === '-') for (let i = 0; i < n; i++) buf[i] = aa[i] - bs;
          else if (op === '/') for (let i = 0; i < n; i++) buf[i] = aa[i] / bs;
          else for (let i = 0; i < n; i++) buf[i] = f(aa[i], bs);
        }
        return buf;
      };
    }
    case 'call': {
      const args = node.args.map(compileNode);
      const buf = new Float64Array(CHUNK);
      const name = node.name;
      const at = (v: Float64Array | number, i: number) => (typeof v === 'number' ? v : v[i]);
      if (name in UNARY_FN) {
        const fn = UNARY_FN[name];
        return (ctx) => {
          const a = args[0](ctx);
          if (typeof a === 'number') return fn(a);
          for (let i = 0; i < ctx.len; i++) buf[i] = fn(a[i]);
          return buf;
        };
      }
      return (ctx) => {
        const vals = args.map((g) => {
          const v = g(ctx);
          // Each argument owns its buffer, but a later argument may reuse nothing of ours: copy is not
          // needed because every node has a private buffer.
          return v;
        });
        const n = ctx.len;
        if (vals.every((v) => typeof v === 'number')) {
          const s = vals as number[];
          if (name === 'min') return Math.min(...s);
          if (name === 'max') return Math.max(...s);
          if (name === 'clamp') return Math.min(Math.max(s[0], s[1]), s[2]);
          return Number.isNaN(s[0]) ? Number.NaN : s[0] !== 0 ? s[1] : s[2];
        }
        for (let i = 0; i < n; i++) {
          if (name === 'where') {
            const c = at(vals[0], i);
            buf[i] = Number.isNaN(c) ? Number.NaN : c !== 0 ? at(vals[1], i) : at(vals[2], i);
          } else if (name === 'clamp') {
            const x = at(vals[0], i);
            const lo = at(vals[1], i);
            const hi = at(vals[2], i);
            buf[i] = Number.isNaN(x) ? Number.NaN : x < lo ? lo : x > hi ? hi : x;
          } else {
            let m = at(vals[0], i);
            for (let k = 1; k < vals.length; k++) {
              const x = at(vals[k], i);
              if (Number.isNaN(x) || Number.isNaN(m)) m = Number.NaN;
              else if (name === 'min' ? x < m : x > m) m = x;
            }
            buf[i] = m;
          }
        }
        return buf;
      };
    }
  }
}

/** Fold constant sub-trees so `2.5 * 1` etc. cost nothing per pixel. */
function fold(node: Node): Node {
  if (node.kind === 'unary') {
    const arg = fold(node.arg);
    if (arg.kind === 'num')
      return { kind: 'num', value: node.op === '-' ? -arg.value : arg.value, pos: node.pos };
    return { ...node, arg };
  }
  if (node.kind === 'binary') {
    const left = fold(node.left);
    const right = fold(node.right);
    if (left.kind === 'num' && right.kind === 'num')
      return { kind: 'num', value: scalarFn(node.op)(left.value, right.value), pos: node.pos };
    return { ...node, left, right };
  }
  if (node.kind === 'call') return { ...node, args: node.args.map(fold) };
  return node;
}

export interface CompiledExpression {
  text: string;
  ast: Node;
  /** Roles read, in first-use order. */
  bands: BandRole[];
  /**
   * Evaluate over arrays of the same length into `out` (range [start, end)). Not reentrant: one
   * compiled expression per worker/thread (it owns its chunk buffers).
   */
  evaluate(bands: BandSet, scales: ScalingSet, out: Float32Array, start?: number, end?: number): Float32Array;
}

export function compileExpression(text: string, available?: Iterable<BandRole>): CompiledExpression {
  const ast = parseExpression(text, available);
  const root = compileNode(fold(ast));
  const bands = expressionBands(ast);
  return {
    text,
    ast,
    bands,
    evaluate(set, scales, out, start = 0, end = out.length) {
      const sc: Record<string, BandScaling> = {};
      for (const r of bands) {
        if (!set[r])
          throw new NigahError('MISSING_BAND', `The expression needs band ${r}, which was not provided.`, {
            hint: `Provided: ${Object.keys(set).join(', ') || 'none'}.`,
          });
        const s = scales[r];
        sc[r] = { scale: s?.scale ?? 1, offset: s?.offset ?? 0, nodata: s?.nodata ?? null };
      }
      const ctx: Ctx = { bands: set, scales: sc, start: 0, len: 0 };
      for (let s = start; s < end; s += CHUNK) {
        ctx.start = s;
        ctx.len = Math.min(CHUNK, end - s);
        const v = root(ctx);
        if (typeof v === 'number') {
          const x = Number.isFinite(v) ? v : Number.NaN;
          out.fill(x, s, s + ctx.len);
        } else {
          for (let i = 0; i < ctx.len; i++) {
            const x = v[i];
            out[s + i] = x - x === 0 ? x : Number.NaN;
          }
        }
      }
      return out;
    },
  };
}
