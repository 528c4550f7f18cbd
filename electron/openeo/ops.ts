/**
 * openEO processes of the subset Nigah emits, vectorized over whole planes: a value is a number or a
 * Float64Array with one entry per pixel. null (no data) is NaN; booleans are 1 and 0. Semantics follow
 * the process definitions (e.g. `and` of false and no data is false).
 */
import { NigahError } from '../../shared/errors';

export type Plane = Float64Array;
export type Scalar = number | Plane;
/** A labelled array of values (the `data` of a reducer). */
export interface Labeled {
  labels: string[];
  values: Scalar[];
}
export type Value = Scalar | Labeled | boolean | null | string | Value[] | { [k: string]: Value };

const len = (...xs: Scalar[]) => {
  for (const x of xs) if (typeof x !== 'number') return x.length;
  return -1;
};

/** Apply a per-pixel function to scalar or plane arguments. */
export function map(f: (...a: number[]) => number, ...args: Scalar[]): Scalar {
  const n = len(...args);
  if (n < 0) return f(...(args as number[]));
  const out = new Float64Array(n);
  const at = args.map((a) => (typeof a === 'number' ? () => a : (i: number) => a[i]));
  if (at.length === 1) for (let i = 0; i < n; i++) out[i] = f(at[0](i));
  else if (at.length === 2) for (let i = 0; i < n; i++) out[i] = f(at[0](i), at[1](i));
  else for (let i = 0; i < n; i++) out[i] = f(...at.map((g) => g(i)));
  return out;
}

const nan = Number.NaN;
const isNull = (x: number) => Number.isNaN(x);
const cmp = (t: (a: number, b: number) => boolean) => (a: number, b: number) =>
  isNull(a) || isNull(b) ? nan : t(a, b) ? 1 : 0;

/** Normalized difference; a denominator within rounding of zero is zero (no data), as in Nigah's kernel. */
function nd(x: number, y: number): number {
  const s = x + y;
  return Math.abs(s) <= 1e-12 * (Math.abs(x) + Math.abs(y)) ? nan : (x - y) / s;
}

export const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  normalized_difference: nd,
  gt: cmp((a, b) => a > b),
  gte: cmp((a, b) => a >= b),
  lt: cmp((a, b) => a < b),
  lte: cmp((a, b) => a <= b),
  eq: cmp((a, b) => a === b),
  neq: cmp((a, b) => a !== b),
  mod: (a, b) => (isNull(a) || isNull(b) ? nan : a - b * Math.floor(a / b)),
  and: (a, b) => (a === 0 || b === 0 ? 0 : isNull(a) || isNull(b) ? nan : 1),
  or: (a, b) => (a === 1 || b === 1 ? 1 : isNull(a) || isNull(b) ? nan : 0),
};

export const UNARY: Record<string, (a: number) => number> = {
  absolute: Math.abs,
  sqrt: Math.sqrt,
  ln: Math.log,
  floor: Math.floor,
  not: (a) => (isNull(a) ? nan : a === 0 ? 1 : 0),
  is_valid: (a) => (Number.isFinite(a) ? 1 : 0),
};

/** Reducers over a list of values per pixel. */
export function reduceList(name: string, values: Scalar[], ignoreNodata: boolean): Scalar {
  const f = REDUCERS[name];
  if (!f) throw unsupported(name);
  return map(
    (...v) => {
      const xs = ignoreNodata ? v.filter((x) => !isNull(x)) : v;
      if (xs.length === 0 || (!ignoreNodata && xs.some(isNull))) return nan;
      return f(xs);
    },
    ...values,
  );
}

const REDUCERS: Record<string, (xs: number[]) => number> = {
  min: (xs) => Math.min(...xs),
  max: (xs) => Math.max(...xs),
  mean: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
  first: (xs) => xs[0],
  last: (xs) => xs[xs.length - 1],
  median: (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  },
};

/** Default of `ignore_nodata` per reducer in the process definitions. */
export const IGNORE_NODATA_DEFAULT: Record<string, boolean> = {
  min: true,
  max: true,
  mean: true,
  median: true,
  first: true,
  last: true,
};

export function unsupported(id: string): NigahError {
  return new NigahError('BAD_ARGUMENT', `The local openEO executor does not run the process "${id}".`, {
    hint: 'It runs the processes Nigah emits for its indices, water and flood graphs; run other graphs on an openEO backend.',
    details: { process: id },
  });
}
