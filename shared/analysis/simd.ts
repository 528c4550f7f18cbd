/**
 * A WebAssembly SIMD kernel for normalized differences of uint16 bands — the hot path of NDVI, NDWI,
 * MNDWI, NDMI, NBR, NDBI, GNDVI and NDTI on Sentinel-2/Landsat/GF DN data.
 *
 * Why: the JavaScript loop tops out around 150–250 Mpx/s per core (float64 division per pixel);
 * f32x4 SIMD does 8 pixels per iteration. The source is wasm/nd.wat, assembled with wabt by
 * scripts/build-wasm.mjs into wasm/nd-wasm.ts (~300 bytes, no eval); the module is validated with
 * WebAssembly.validate, and every caller falls back to the JS loop when WebAssembly SIMD is
 * unavailable (or a renderer CSP forbids compiling it).
 *
 * Math: with a common scale k and offset o on both bands, (u − v)/(u + v) with u = kx + o, v = ky + o
 * equals (x − y)/(x + y + c) with c = 2o/k. For integer c (0 for DN/10000, −2000 for Sentinel-2
 * baseline ≥ 04.00) every f32 step is exact except the final, correctly rounded division, so results
 * match the float64 JS path to within one float32 ulp.
 */
import { ND_WASM_BASE64 } from './wasm/nd-wasm';

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const bin = atob(ND_WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

type NdFn = (
  a: number,
  b: number,
  out: number,
  n: number,
  ndA: number,
  ndB: number,
  enA: number,
  enB: number,
  c: number,
) => void;

interface Kernel {
  nd: NdFn;
  mem: WebAssembly.Memory;
}

let kernel: Kernel | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is unavailable (then callers use JS). */
export function simdKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = moduleBytes();
    if (!WebAssembly.validate(bytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    kernel = { nd: inst.exports.nd as unknown as NdFn, mem: inst.exports.mem as WebAssembly.Memory };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Pixels per call: inputs + output = 8 bytes/px → 512 KiB of wasm memory, cache-resident. */
const CHUNK = 65536;

/**
 * out[i] = (a[i] − b[i]) / (a[i] + b[i] + c) for i in [start, end), NaN where a == ndA / b == ndB
 * (when given) or the denominator is 0. Returns false (nothing written) when SIMD is unavailable.
 */
export function ndU16Simd(
  a: Uint16Array,
  b: Uint16Array,
  out: Float32Array,
  start: number,
  end: number,
  ndA: number | null,
  ndB: number | null,
  c: number,
): boolean {
  const k = simdKernel();
  if (!k) return false;
  const need = CHUNK * 8;
  if (k.mem.buffer.byteLength < need) k.mem.grow(Math.ceil((need - k.mem.buffer.byteLength) / 65536));
  const buf = k.mem.buffer;
  const ua = new Uint16Array(buf, 0, CHUNK);
  const ub = new Uint16Array(buf, CHUNK * 2, CHUNK);
  const fo = new Float32Array(buf, CHUNK * 4, CHUNK);
  const enA = ndA === null || ndA < 0 || ndA > 65535 || !Number.isInteger(ndA) ? 0 : -1;
  const enB = ndB === null || ndB < 0 || ndB > 65535 || !Number.isInteger(ndB) ? 0 : -1;
  for (let s = start; s < end; s += CHUNK) {
    const n = Math.min(CHUNK, end - s);
    const n8 = n & ~7;
    ua.set(a.subarray(s, s + n));
    ub.set(b.subarray(s, s + n));
    // Pad the tail to a full vector (its outputs are discarded).
    for (let i = n; i < Math.min(CHUNK, n8 + 8); i++) {
      ua[i] = 1;
      ub[i] = 0;
    }
    k.nd(
      0,
      CHUNK * 2,
      CHUNK * 4,
      n8 < n ? n8 + 8 : n8,
      enA ? (ndA as number) : 0,
      enB ? (ndB as number) : 0,
      enA,
      enB,
      c,
    );
    out.set(fo.subarray(0, n), s);
  }
  return true;
}

/** Kernel only, on data already in wasm memory: for the throughput benchmark. */
export function benchSimdInPlace(n: number, rounds: number): number | null {
  const k = simdKernel();
  if (!k) return null;
  const need = n * 8;
  if (k.mem.buffer.byteLength < need) k.mem.grow(Math.ceil((need - k.mem.buffer.byteLength) / 65536));
  const ua = new Uint16Array(k.mem.buffer, 0, n);
  const ub = new Uint16Array(k.mem.buffer, n * 2, n);
  for (let i = 0; i < n; i++) {
    ua[i] = 1300 + ((i * 7919) % 4000);
    ub[i] = 1100 + ((i * 104729) % 2000);
  }
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    k.nd(0, n * 2, n * 4, n & ~7, 0, 0, -1, -1, 0);
    best = Math.min(best, performance.now() - t);
  }
  return n / best / 1e3;
}
