/**
 * One fuzz target in its own process (started by fuzz.bench.ts with a heap limit): runs `runs`
 * inputs from `seed`, reporting each input's outcome to the parent, which kills it when an input
 * takes too long. An uncoded error is reported with a preview of the input and ends the run.
 */
import fc from 'fast-check';
import { runOne, TARGETS } from '../../test/fuzz/targets';

const [name, runsArg, seedArg] = process.argv.slice(2);
const target = TARGETS.find((t) => t.name === name);
const send = (m: unknown) => process.send?.(m);
const RSS_LIMIT = 1536 * 1024 * 1024;

function preview(input: unknown): string {
  const s = input instanceof Uint8Array ? `bytes(${input.length})` : JSON.stringify(input);
  return (s ?? String(input)).slice(0, 200);
}

async function main(): Promise<void> {
  if (!target) throw new Error(`unknown fuzz target ${name}`);
  let i = 0;
  const inputs = fc.sample(target.arbitrary, { seed: Number(seedArg), numRuns: Number(runsArg) });
  for (const input of inputs) {
    send({ start: i });
    try {
      const outcome = await runOne(target, input);
      send({ done: i, outcome });
    } catch (e) {
      send({
        done: i,
        outcome: 'crash',
        error: String((e as Error)?.stack ?? e).slice(0, 600),
        input: preview(input),
      });
    }
    if (process.memoryUsage().rss > RSS_LIMIT) send({ done: i, outcome: 'memory', input: preview(input) });
    i++;
  }
  send({ finished: i });
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
