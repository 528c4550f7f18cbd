/**
 * `npm run bench -- fuzz`: the long fuzz run. Each target (test/fuzz/targets.ts) runs in a child
 * process with a 512 MB heap limit (--max-old-space-size) and an RSS check; an input that takes
 * longer than HANG_MS is killed and counted as a hang. Prints how many inputs were tried and how
 * many crashed (uncoded error), hung or ran out of memory. FUZZ_RUNS (default 3000) sets the inputs
 * per target, FUZZ_SEED the seed.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../../test/fuzz/targets';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
const HANG_MS = 10_000;

interface Tally {
  tried: number;
  accepted: number;
  coded: number;
  crashed: number;
  hung: number;
  memory: number;
  worstMs: number;
  problems: string[];
}

function runTarget(name: string): Promise<Tally> {
  const t: Tally = {
    tried: 0,
    accepted: 0,
    coded: 0,
    crashed: 0,
    hung: 0,
    memory: 0,
    worstMs: 0,
    problems: [],
  };
  return new Promise((resolve) => {
    const child = fork(
      path.join(root, 'bin/tsx.mjs'),
      [path.join(here, 'fuzz-child.ts'), name, String(RUNS), String(SEED)],
      {
        execArgv: ['--max-old-space-size=512'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d.toString()));
    let started = 0;
    let current = -1;
    let finished = false;
    const watchdog = setInterval(() => {
      if (current >= 0 && Date.now() - started > HANG_MS) {
        t.hung++;
        t.problems.push(`input ${current} ran over ${HANG_MS / 1000} s and was killed`);
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('message', (m: Record<string, unknown>) => {
      if (typeof m.start === 'number') {
        current = m.start;
        started = Date.now();
      } else if (typeof m.done === 'number') {
        t.worstMs = Math.max(t.worstMs, Date.now() - started);
        current = -1;
        if (m.outcome === 'memory') {
          t.memory++;
          t.problems.push(`input ${m.done} took the process over 1.5 GB: ${m.input}`);
          return;
        }
        t.tried++;
        if (m.outcome === 'ok') t.accepted++;
        else if (m.outcome === 'coded') t.coded++;
        else {
          t.crashed++;
          if (t.problems.length < 5) t.problems.push(`input ${m.done} ${m.input}: ${m.error}`);
        }
      } else if (typeof m.finished === 'number') finished = true;
    });
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (!finished && signal !== 'SIGKILL') {
        if (/heap out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(stderr)) t.memory++;
        else t.crashed++;
        t.problems.push(
          `the process ended early (${signal ?? `exit ${code}`}): ${stderr.split('\n').slice(-3).join(' ')}`,
        );
      }
      resolve(t);
    });
  });
}

export async function run(): Promise<void> {
  process.stdout.write(
    `fuzz: ${RUNS} inputs per target, seed ${SEED}, heap limit 512 MB, hang limit ${HANG_MS / 1000} s\n`,
  );
  let total = 0;
  let bad = 0;
  for (const target of TARGETS) {
    const t0 = Date.now();
    const r = await runTarget(target.name);
    total += r.tried;
    bad += r.crashed + r.hung + r.memory;
    process.stdout.write(
      `${target.name.padEnd(18)} tried ${String(r.tried).padStart(6)}  accepted ${String(r.accepted).padStart(5)}  coded error ${String(r.coded).padStart(6)}  crashed ${r.crashed}  hung ${r.hung}  out of memory ${r.memory}  slowest input ${r.worstMs} ms  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
    );
    for (const p of r.problems) process.stdout.write(`    ${p}\n`);
  }
  process.stdout.write(
    bad === 0
      ? `fuzz: ${total} inputs tried; none crashed, hung or ran out of memory.\n`
      : `fuzz: ${total} inputs tried; ${bad} crashed, hung or ran out of memory (see above).\n`,
  );
  if (bad) process.exitCode = 1;
}
