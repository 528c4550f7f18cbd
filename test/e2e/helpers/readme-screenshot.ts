/**
 * Regenerates docs/screenshot.png for the README (needs `npm run build` and Debian's chromium):
 *   npx tsx test/e2e/helpers/readme-screenshot.ts
 * The first-run guide's three clicks on the sample pair: the flood map with its figures.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, missingBuild, ROOT, startWeb, waitForMark } from './launch';

const missing = missingBuild();
if (missing) throw new Error(missing);
const out = path.join(ROOT, 'docs/screenshot.png');
const [web, browser] = await Promise.all([startWeb(), launchChromium({ width: 1280, height: 720 })]);
try {
  const { page } = browser;
  await page.goto(web.url);
  await waitForMark(page, 'mapFirstFrame');
  await page.getByText('Show it').click();
  await waitForMark(page, 'sceneFirstPixels');
  await page.getByText('Open Analysis').click();
  await page.getByRole('button', { name: /Map the flood/ }).click();
  await page.getByText(/Finished in/).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  process.stdout.write(`${out}: ${Math.round(statSync(out).size / 1024)} KB\n`);
} finally {
  await browser.close();
  await web.stop();
}
