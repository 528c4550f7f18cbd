/**
 * Fuzzing with a fixed seed (short; `npm run bench -- fuzz` runs the long version in child
 * processes with hard time and memory bounds): every input to the TIFF reader, the STAC and
 * settings parsers, the expression parser and the zones reader is either accepted or gives a coded
 * NigahError, within a time bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOne, TARGETS } from './targets';

const SEED = 20260209;
const RUNS: Record<string, number> = {
  'TIFF reader': 300,
  'STAC parsers': 300,
  'settings parser': 60,
  'expression parser': 400,
  'zones reader': 80,
};
/** Per input, generous for a loaded 2-core machine; the bench uses a hard kill instead. */
const MAX_MS = 2000;

describe('fuzzing (fixed seed)', () => {
  for (const t of TARGETS) {
    it(`${t.name}: no crash, no uncoded error, no slow input`, async () => {
      let coded = 0;
      await fc.assert(
        fc.asyncProperty(t.arbitrary, async (input) => {
          const t0 = performance.now();
          if ((await runOne(t, input)) === 'coded') coded++;
          const ms = performance.now() - t0;
          if (ms > MAX_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
        }),
        { seed: SEED, numRuns: RUNS[t.name] ?? 100, endOnFailure: true },
      );
      // The inputs reach the error paths, not only the happy path.
      expect(coded).toBeGreaterThan(0);
    }, 60_000);
  }
});
