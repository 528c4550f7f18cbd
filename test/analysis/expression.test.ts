import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression } from '../../shared/analysis/expression';
import { NigahError } from '../../shared/errors';

const nir = new Uint16Array([4000, 3000, 0, 2000]);
const red = new Uint16Array([1000, 3000, 500, 1000]);
const green = new Uint16Array([1200, 100, 700, 0]);

function evalExpr(text: string, n = 4) {
  return compileExpression(text).evaluate(
    { nir, red, green },
    { nir: { nodata: 0 }, red: { nodata: 0 }, green: {} },
    new Float32Array(n),
  );
}

function errorOf(fn: () => unknown): NigahError {
  try {
    fn();
  } catch (e) {
    return e as NigahError;
  }
  throw new Error('expected an error');
}

describe('band-math expressions', () => {
  it('NDVI by expression equals the hand-computed values, nodata → NaN', () => {
    const v = evalExpr('(nir - red) / (nir + red)');
    expect(v[0]).toBeCloseTo(0.6, 6);
    expect(v[1]).toBe(0);
    expect(v[2]).toBeNaN(); // nir nodata
    expect(v[3]).toBeCloseTo(1 / 3, 6);
  });
  it('follows precedence: * before +, ^ right-associative, unary minus below ^', () => {
    expect(evalExpr('1 + 2 * 3')[0]).toBe(7);
    expect(evalExpr('2 ^ 3 ^ 2')[0]).toBe(512);
    expect(evalExpr('-2 ^ 2')[0]).toBe(-4);
    expect(evalExpr('(1 + 2) * 3')[0]).toBe(9);
    expect(evalExpr('10 - 4 - 3')[0]).toBe(3);
    expect(evalExpr('2 ** 3')[0]).toBe(8);
  });
  it('supports functions, comparisons and where()', () => {
    const v = evalExpr('where(nir > red, sqrt(nir / 1000), -1)');
    expect(v[0]).toBeCloseTo(2, 6);
    expect(v[1]).toBe(-1);
    expect(v[2]).toBeNaN();
    expect(v[3]).toBeCloseTo(Math.sqrt(2), 6);
    expect(evalExpr('clamp(nir / 1000, 2.5, 3.5)')[0]).toBe(3.5);
    expect(evalExpr('max(red, green, 1100)')[0]).toBe(1200);
    expect(evalExpr('abs(green - red)')[1]).toBe(2900);
  });
  it('accepts aliases and formula letters', () => {
    const ast = parseExpression('(N - R) / (N + R) + swir1 * 0');
    expect(JSON.stringify(ast)).toContain('"role":"swir16"');
  });
  it('division by zero → NaN, never Infinity', () => {
    const v = compileExpression('nir / (red - red)').evaluate({ nir, red }, {}, new Float32Array(4));
    for (const x of v) expect(Number.isNaN(x)).toBe(true);
  });
  it('handles more pixels than one chunk', () => {
    const n = 10_000;
    const a = new Float32Array(n).map((_, i) => i);
    const out = compileExpression('nir * 2 + 1').evaluate({ nir: a }, {}, new Float32Array(n));
    expect(out[9_999]).toBe(19_999);
    expect(out[4_096]).toBe(8_193);
  });
});

describe('expression errors', () => {
  it('syntax errors give the position', () => {
    const e = errorOf(() => parseExpression('(nir - red / (nir + red)'));
    expect(e.code).toBe('BAD_EXPRESSION');
    expect(e.message).toBe('Missing ")" at position 25.');
    expect(errorOf(() => parseExpression('nir + * red')).message).toBe('Unexpected "*" at position 7.');
    expect(errorOf(() => parseExpression('nir red')).message).toBe('Unexpected "red" at position 5.');
    expect(errorOf(() => parseExpression('nir $ red')).message).toBe(
      'Unexpected character "$" at position 5.',
    );
    expect(errorOf(() => parseExpression('')).message).toBe('Empty expression at position 1.');
    expect(errorOf(() => parseExpression('nir +')).message).toBe(
      'Unexpected end of expression at position 6.',
    );
  });
  it('unknown bands list the available roles and suggest a spelling', () => {
    const e = errorOf(() => parseExpression('(nri - red)', ['red', 'nir', 'green']));
    expect(e.code).toBe('BAD_EXPRESSION');
    expect(e.message).toBe('Unknown band "nri" at position 2.');
    expect(e.hint).toBe('Did you mean nir? Available bands: red, nir, green.');
  });
  it('a known band the scene lacks is named with the available ones', () => {
    const e = errorOf(() =>
      parseExpression('(green - swir16) / (green + swir16)', ['blue', 'green', 'red', 'nir']),
    );
    expect(e.message).toBe('The scene has no band "swir16" (swir16) at position 10.');
    expect(e.hint).toContain('Available bands: blue, green, red, nir.');
  });
  it('unknown functions and wrong arity', () => {
    expect(errorOf(() => parseExpression('foo(nir)')).message).toBe('Unknown function "foo" at position 1.');
    expect(errorOf(() => parseExpression('sqrt(nir, red)')).message).toBe(
      'sqrt takes 1 argument(s), got 2 at position 1.',
    );
  });
  it('cannot reach JavaScript: identifiers are bands, not globals', () => {
    const e = errorOf(() => parseExpression('constructor'));
    expect(e.message).toBe('Unknown band "constructor" at position 1.');
    expect(() => parseExpression('process.exit(1)')).toThrow(NigahError);
  });
});
