/** The SIMD kernel's bytes are its .wat source assembled by wabt, and it computes what the JS loop does. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { assemble } from '../../scripts/build-wasm.mjs';
import { ndU16Simd, simdKernel } from '../../shared/analysis/simd';
import { ND_WASM_BASE64 } from '../../shared/analysis/wasm/nd-wasm';

describe('WebAssembly normalized-difference kernel', () => {
  it('nd-wasm.ts holds exactly nd.wat assembled by wabt (run node scripts/build-wasm.mjs after editing)', async () => {
    const bytes = (await assemble(join(process.cwd(), 'shared', 'analysis', 'wasm', 'nd.wat'))) as Buffer;
    expect(bytes.toString('base64')).toBe(ND_WASM_BASE64);
  });

  it('matches the float64 formula within one float32 ulp, with nodata and zero denominators as NaN', () => {
    expect(simdKernel()).not.toBeNull();
    const n = 1003;
    const a = Uint16Array.from({ length: n }, (_, i) => (i * 7919) % 5000);
    const b = Uint16Array.from({ length: n }, (_, i) => (i * 104729) % 3000);
    a[5] = 0;
    b[5] = 0;
    const out = new Float32Array(n);
    expect(ndU16Simd(a, b, out, 0, n, 0, null, -2000)).toBe(true);
    for (let i = 0; i < n; i++) {
      const den = a[i] + b[i] - 2000;
      const want = a[i] === 0 || den === 0 ? Number.NaN : Math.fround((a[i] - b[i]) / den);
      if (Number.isNaN(want)) expect(out[i]).toBeNaN();
      else expect(Math.abs(out[i] - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -23);
    }
  });
});
