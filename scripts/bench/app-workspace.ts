/**
 * Workspace figures for `npm run bench -- app`, measured in the same Chromium session:
 *
 *   choose an index → its overlay at the current (zoomed-in) view   ≤ 300 ms
 *   swipe dragging: median frame interval while the line moves       ≤ 20 ms
 *   long tasks on the UI thread during a flood job: none over         100 ms
 *
 * Frames are requestAnimationFrame intervals while Playwright drags the swipe line across the map
 * (each move redraws both scenes' clipped layers); long tasks come from the browser's own
 * PerformanceObserver ('longtask') between pressing Run and the job's row reading "done".
 */
import type { Page } from 'playwright-core';
import { waitForMark } from '../../test/e2e/helpers/launch';

const POST = 'S2-SYN-SINDH-20220830';
const PRE = 'S2-SYN-SINDH-20220615';
/** Manchar Lake's eastern shore, where the synthetic flood is. */
const SPOT: [number, number] = [67.73, 26.41];

async function mark(page: Page, key: string): Promise<number> {
  return page.evaluate((k) => (window.__nigahPerf as unknown as Record<string, number>)[k] ?? 0, key);
}

/** Index overlay at a zoomed-in view (the view stays when the scene is chosen). */
async function indexAtView(page: Page): Promise<number> {
  const before = await mark(page, 'viewFirstPixels');
  await page.click('[data-view="mndwi"]');
  await waitForMark(page, 'viewFirstPixels', before, 30_000);
  return (await mark(page, 'viewFirstPixels')) - (await mark(page, 'viewRequested'));
}

async function swipeFrames(page: Page, postId: string): Promise<number[]> {
  await page.selectOption('[data-testid="compare-scene"]', postId);
  await page.check('[data-compare-mode="swipe"]');
  const bar = page.locator('[data-testid="swipe-bar"]');
  await bar.waitFor();
  await page.evaluate(() => window.__nigahTest?.idle());
  const map = await page.locator('[data-testid="map"]').boundingBox();
  const box = await bar.boundingBox();
  if (!map || !box) throw new Error('no map or swipe line');
  // A string, not a function: the bench runs through tsx, whose name-keeping helper does not
  // exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__framing = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (let i = 0; i <= 60; i++) {
    const x = map.x + map.width * (0.2 + (0.6 * (i % 30)) / 30);
    await page.mouse.move(x, y);
  }
  await page.mouse.up();
  const frames = (await page.evaluate('window.__framing = false, window.__frames')) as number[];
  await page.check('[data-compare-mode="off"]');
  return frames.slice(1).map((t, i) => t - frames[i]);
}

async function floodLongTasks(page: Page): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  })()`);
  await page.click('[data-tab="analysis"]');
  await page.click('[data-mode="flood"]');
  await page.click('[data-testid="run-analysis"]');
  await page.waitForSelector(
    '[data-testid="job-row"][data-state="done"], [data-testid="job-row"][data-state="failed"]',
    {
      timeout: 120_000,
    },
  );
  const state = await page.locator('[data-testid="job-row"]').getAttribute('data-state');
  if (state !== 'done') throw new Error(`the flood job ended ${state}`);
  // The result's mask tiles are drawn after the job ends: they count too.
  await page.evaluate(() => window.__nigahTest?.idle());
  return (await page.evaluate('window.__long')) as number[];
}

export interface WorkspaceFigures {
  indexAtView: number;
  swipeMedianFrame: number;
  swipeFrames: number;
  longTasksOver100: number;
  longestTask: number;
}

export async function workspaceFigures(page: Page, url: string): Promise<WorkspaceFigures> {
  await page.goto(url);
  await page.waitForSelector(`[data-scene-id$=":${POST}"]`);
  await waitForMark(page, 'mapFirstFrame', 0, 30_000);
  const postId = (await page.locator(`[data-scene-id$=":${POST}"]`).getAttribute('data-scene-id')) ?? '';
  const preId = (await page.locator(`[data-scene-id$=":${PRE}"]`).getAttribute('data-scene-id')) ?? '';
  const before = await mark(page, 'sceneFirstPixels');
  await page.click(`[data-scene-id="${preId}"]`);
  await waitForMark(page, 'sceneFirstPixels', before, 30_000);
  await page.evaluate(([lon, lat]) => window.__nigahTest?.centerOn(lon, lat, 12), SPOT);
  await page.evaluate(() => window.__nigahTest?.idle());
  const index = await indexAtView(page);
  await page.click('[data-view="truecolor"]');
  await page.evaluate(() => window.__nigahTest?.idle());
  const deltas = (await swipeFrames(page, postId)).sort((a, b) => a - b);
  const long = await floodLongTasks(page);
  return {
    indexAtView: index,
    swipeMedianFrame: deltas.length ? deltas[Math.floor(deltas.length / 2)] : Number.NaN,
    swipeFrames: deltas.length,
    longTasksOver100: long.filter((d) => d > 100).length,
    longestTask: long.length ? Math.max(...long) : 0,
  };
}
