/**
 * Regenerates docs/screenshot.png for the README (needs `npm run build` and Debian's chromium):
 *   npx tsx test/e2e/helpers/readme-screenshot.ts
 * The post-flood scene as NDVI over the district outlines, with a lake pixel inspected.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, missingBuild, ROOT, startWeb, waitForMark } from './launch';

const missing = missingBuild();
if (missing) throw new Error(missing);
const out = path.join(ROOT, 'docs/screenshot.png');
const [web, browser] = await Promise.all([startWeb(), launchChromium({ width: 1280, height: 760 })]);
try {
  const { page } = browser;
  await page.goto(web.url);
  await page.waitForSelector('[data-scene-id$=":S2-SYN-SINDH-20220830"]');
  await waitForMark(page, 'mapFirstFrame');
  await page.click('[data-scene-id$=":S2-SYN-SINDH-20220830"]');
  await waitForMark(page, 'sceneFirstPixels');
  await page.click('[data-view="ndvi"]');
  await waitForMark(page, 'viewFirstPixels');
  await page.evaluate(() => window.__nigahTest?.centerOn(67.72, 26.42, 9.9));
  await page.evaluate(() => window.__nigahTest?.idle());
  const [x, y] = await page.evaluate(() => window.__nigahTest?.toPixel(67.735, 26.435) ?? [0, 0]);
  await page.mouse.click(x, y);
  await page.locator('[data-testid="inspector"]').filter({ hasText: 'NDVI =' }).waitFor();
  await page.mouse.move(x + 120, y + 60);
  await page.waitForTimeout(300);
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  process.stdout.write(`${out}: ${Math.round(statSync(out).size / 1024)} KB\n`);
} finally {
  await browser.close();
  await web.stop();
}
