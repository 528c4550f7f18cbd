/**
 * App figures: browser mode in Debian's headless Chromium, timed from marks the app sets
 * itself when frames with the relevant pixels have been drawn (renderer/src/perf/marks.ts).
 * Expects `npm run build` done; builds nothing itself.
 *
 *   process start → first map frame      ≤ 1.5 s   (spawn of `node dist/electron/web.cjs` to the
 *                                                   first frame with boundary outlines drawn)
 *   choose a scene → its first pixels    ≤ 300 ms
 *   choose NDVI → overlay                ≤ 300 ms
 */
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  hasChromium,
  launchChromium,
  missingBuild,
  startWeb,
  waitForMark,
} from '../../test/e2e/helpers/launch';
import { workspaceFigures } from './app-workspace';

const SCENES = [
  ['S2-SYN-SINDH-20220830', 'S2 post-flood (6 COGs, 10/20 m)'],
  ['S2-SYN-SINDH-20220615', 'S2 pre-flood'],
  ['GF1-SYN-SINDH-20220901', 'GF-1 WFV (4-band COG, 16 m)'],
] as const;
const ROUNDS = 3;

type Perf = Record<string, number>;

async function perfOf(page: Page): Promise<Perf> {
  return page.evaluate(() => {
    const p = window.__nigahPerf as unknown as Record<string, unknown>;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(p)) if (typeof v === 'number') out[k] = v;
    return out;
  });
}

/** Clicks a control and returns (first pixels − request) from the app's own marks. */
async function timeClick(page: Page, selector: string, kind: 'scene' | 'view'): Promise<number> {
  const doneKey = kind === 'scene' ? 'sceneFirstPixels' : 'viewFirstPixels';
  const startKey = kind === 'scene' ? 'sceneRequested' : 'viewRequested';
  const before = (await perfOf(page))[doneKey] ?? 0;
  await page.click(selector);
  await waitForMark(page, doneKey, before, 30_000);
  const p = await perfOf(page);
  return p[doneKey] - p[startKey];
}

async function round(browser: BrowserSession): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const web = await startWeb();
  try {
    const { page } = browser;
    await page.goto(web.url);
    await waitForMark(page, 'mapFirstFrame', 0, 30_000);
    const p = await perfOf(page);
    out.startToFrame = p.timeOrigin + p.mapFirstFrame - web.spawnedAt;
    out.hostReady = web.readyAt - web.spawnedAt;
    out.pageToFrame = p.mapFirstFrame;
    out.allBoundaries = (await waitForMark(page, 'boundariesDrawn', 0, 30_000)) ?? Number.NaN;
    // A person reads the list before choosing: let the app settle (scene metadata prefetched,
    // local files opened by the workers in idle time).
    await page.waitForSelector(`[data-scene-id$=":${SCENES[0][0]}"]`);
    await waitForMark(page, 'prefetchDone', 0, 10_000);
    await page.waitForTimeout(300);
    for (const [id] of SCENES) {
      out[`scene:${id}`] = await timeClick(page, `[data-scene-id$=":${id}"]`, 'scene');
      out[`ndvi:${id}`] = await timeClick(page, '[data-view="ndvi"]', 'view');
      out[`tc:${id}`] = await timeClick(page, '[data-view="truecolor"]', 'view');
    }
    const end = await perfOf(page);
    out.tileMean = end.tileMsTotal / Math.max(1, end.tilesRendered);
    // The impatient case: a fresh page, the scene clicked as soon as its row appears (nothing
    // prefetched or opened yet).
    await page.goto('about:blank');
    await page.goto(web.url);
    await page.waitForSelector(`[data-scene-id$=":${SCENES[0][0]}"]`);
    out.coldScene = await timeClick(page, `[data-scene-id$=":${SCENES[0][0]}"]`, 'scene');
    await page.goto('about:blank');
  } finally {
    await web.stop();
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function run(): Promise<void> {
  const log = (s: string) => process.stdout.write(`${s}\n`);
  if (!hasChromium()) {
    log('app: skipped — /usr/bin/chromium is missing (install the Debian package `chromium`).');
    return;
  }
  const missing = missingBuild();
  if (missing) {
    log(`app: skipped — ${missing}`);
    return;
  }
  const t0 = Date.now();
  const browser = await launchChromium();
  log(`Chromium launched in ${Date.now() - t0} ms (not counted below: the browser is already open).`);
  const rounds: Record<string, number>[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(browser));
  } finally {
    await browser.close();
  }
  const rows: [string, string, string, number | null][] = [
    ['process start → first map frame', 'startToFrame', 'ms', 1500],
    ['  of which: host prints its URL', 'hostReady', 'ms', null],
    ['  of which: page load → first frame', 'pageToFrame', 'ms', null],
    ['  all boundary layers drawn (page load →)', 'allBoundaries', 'ms', null],
  ];
  for (const [id, label] of SCENES) {
    rows.push([`choose scene → first pixels: ${label}`, `scene:${id}`, 'ms', 300]);
    rows.push([`choose NDVI → overlay: ${label}`, `ndvi:${id}`, 'ms', 300]);
    rows.push([`back to true colour: ${label}`, `tc:${id}`, 'ms', 300]);
  }
  rows.push([`cold: scene clicked as soon as listed: ${SCENES[0][1]}`, 'coldScene', 'ms', null]);
  rows.push(['worker time per 256 px tile (mean)', 'tileMean', 'ms', null]);
  const w = Math.max(...rows.map((r) => r[0].length));
  log('');
  log(`App figures — browser mode, headless Chromium (--disable-gpu), ${ROUNDS} fresh host + page runs`);
  log(
    `${'figure'.padEnd(w)}  ${'target'.padStart(7)}  ${Array.from({ length: ROUNDS }, (_, i) => `run ${i + 1}`.padStart(7)).join('  ')}  ${'median'.padStart(7)}  ok`,
  );
  for (const [label, key, , target] of rows) {
    const vals = rounds.map((r) => r[key]);
    const med = median(vals);
    const ok = target === null ? '' : med <= target ? 'yes' : 'NO';
    log(
      `${label.padEnd(w)}  ${(target === null ? '' : `≤${target}`).padStart(7)}  ${vals.map((v) => v.toFixed(0).padStart(7)).join('  ')}  ${med.toFixed(0).padStart(7)}  ${ok}`,
    );
  }
  log("Times are from the app's own marks (performance.now() when a frame with the pixels was drawn).");
  await workspaceRun(log);
}

/** Compare, index-at-view and flood-job figures, in Chromium without GPU compositing. */
async function workspaceRun(log: (s: string) => void): Promise<void> {
  const browser = await launchChromium({ width: 1280, height: 720 }, ['--disable-gpu-compositing']);
  const web = await startWeb();
  try {
    const f = await workspaceFigures(browser.page, web.url);
    const rows: [string, number, string, number][] = [
      ['choose MNDWI → overlay at the zoomed-in view', f.indexAtView, 'ms', 300],
      [`swipe dragging: median frame (${f.swipeFrames} frames)`, f.swipeMedianFrame, 'ms', 20],
      ['long tasks over 100 ms during a flood job', f.longTasksOver100, '', 0],
      ['  longest task during the job', f.longestTask, 'ms', Number.POSITIVE_INFINITY],
    ];
    log('');
    log('Workspace figures — headless Chromium, --disable-gpu --disable-gpu-compositing, 1280 × 720');
    for (const [label, v, unit, target] of rows) {
      const ok = Number.isFinite(target) ? (v <= target ? 'yes' : 'NO') : '';
      const tgt = Number.isFinite(target) ? `≤${target}` : '';
      log(`${label.padEnd(50)}  ${tgt.padStart(6)}  ${`${v.toFixed(0)} ${unit}`.padStart(9)}  ${ok}`);
    }
  } finally {
    await browser.close();
    await web.stop();
  }
}
