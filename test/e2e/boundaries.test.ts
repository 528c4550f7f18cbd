/**
 * Sources → Boundaries in the browser-mode app: a fresh profile has no districts (the panel says so
 * and analysis tables are per province); adding the OSM 2023-census districts from ../shared/data
 * through the form lists the layer with its licence, and the map draws the embedded rivers and towns.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS_TOPOJSON, needsSharedData } from '../support/shared-data';
import {
  type BrowserSession,
  hasChromium,
  launchChromium,
  missingBuild,
  startWeb,
  type WebProcess,
} from './helpers/launch';

const skip = !hasChromium() || missingBuild() !== null;
if (skip)
  console.warn(`Boundaries UI test skipped: ${missingBuild() ?? 'needs the Debian package chromium'}.`);
const SHOTS = process.env.NIGAH_SCREENSHOTS;

describe.skipIf(skip)('Sources → Boundaries', () => {
  let web: WebProcess;
  let s: BrowserSession;
  beforeAll(async () => {
    web = await startWeb();
    s = await launchChromium();
    await s.page.goto(web.url);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await web?.stop();
  });

  it('shows the embedded layers and says districts are missing', async () => {
    await s.page.click('[data-tab="sources"]');
    const panel = s.page.locator('[data-testid="boundaries-panel"]');
    await panel.waitFor();
    await s.page.locator('[data-boundary-id="ne-admin1"]').waitFor();
    expect(await panel.locator('[data-testid="no-districts"]').isVisible()).toBe(true);
    expect(await s.page.locator('[data-boundary-id="ne-admin1"]').innerText()).toMatch(
      /Made with Natural Earth/,
    );
  });

  it.skipIf(!existsSync(DISTRICTS_TOPOJSON))(
    `adds the districts file through the form (${needsSharedData('vector')})`,
    async () => {
      await s.page.fill('[data-testid="boundary-location"]', DISTRICTS_TOPOJSON);
      await s.page.click('[data-testid="boundary-inspect"]');
      await s.page.locator('[data-testid="boundary-summary"]').waitFor();
      expect(await s.page.locator('[data-testid="boundary-layer"]').inputValue()).toBe('districts');
      expect(await s.page.locator('[data-testid="boundary-name-field"]').inputValue()).toBe('name');
      expect(await s.page.locator('[data-testid="boundary-level"]').inputValue()).toBe('district');
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await s.page.screenshot({ path: path.join(SHOTS, 'boundaries-add.png') });
      }
      await s.page.click('[data-testid="boundary-add-confirm"]');
      const row = s.page.locator('.boundary-layer', { hasText: '156' });
      await row.waitFor({ timeout: 30_000 });
      await s.page.locator('[data-testid="no-districts"]').waitFor({ state: 'detached' });
      // Analysis now breaks figures down by the new districts, without a reload.
      await s.page.waitForFunction(() => {
        const sel = document.querySelector<HTMLSelectElement>('[data-testid="zones"]');
        return !!sel?.value && sel.value.startsWith('districts-');
      });
      if (SHOTS) await s.page.screenshot({ path: path.join(SHOTS, 'boundaries-added.png') });
      expect(s.errors).toEqual([]);
    },
  );
});
