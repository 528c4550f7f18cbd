/**
 * Sources → Boundaries in the browser-mode app: a fresh profile has no districts (the panel says so
 * and analysis tables are per province); adding the OSM 2023-census districts from ../shared/data
 * through the form lists the layer with its licence, and the map draws the embedded rivers and towns.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTRICTS_TOPOJSON, needsSharedData } from '../support/shared-data';
import { e2eSkip, useApp } from './helpers/app';

const skip = e2eSkip('Boundaries UI test', { skipWithoutBuild: true });
const SHOTS = process.env.NIGAH_SCREENSHOTS;

describe.skipIf(skip)('Sources → Boundaries', () => {
  const app = useApp({ open: 'url' });

  it('shows the embedded layers and says districts are missing', async () => {
    await app.page.click('[data-tab="sources"]');
    const panel = app.page.locator('[data-testid="boundaries-panel"]');
    await panel.waitFor();
    await app.page.locator('[data-boundary-id="ne-admin1"]').waitFor();
    expect(await panel.locator('[data-testid="no-districts"]').isVisible()).toBe(true);
    expect(await app.page.locator('[data-boundary-id="ne-admin1"]').innerText()).toMatch(
      /Made with Natural Earth/,
    );
  });

  it.skipIf(!existsSync(DISTRICTS_TOPOJSON))(
    `adds the districts file through the form (${needsSharedData('vector')})`,
    async () => {
      await app.page.fill('[data-testid="boundary-location"]', DISTRICTS_TOPOJSON);
      await app.page.click('[data-testid="boundary-inspect"]');
      await app.page.locator('[data-testid="boundary-summary"]').waitFor();
      expect(await app.page.locator('[data-testid="boundary-layer"]').inputValue()).toBe('districts');
      expect(await app.page.locator('[data-testid="boundary-name-field"]').inputValue()).toBe('name');
      expect(await app.page.locator('[data-testid="boundary-level"]').inputValue()).toBe('district');
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await app.page.screenshot({ path: path.join(SHOTS, 'boundaries-add.png') });
      }
      await app.page.click('[data-testid="boundary-add-confirm"]');
      const row = app.page.locator('.boundary-layer', { hasText: '156' });
      await row.waitFor({ timeout: 30_000 });
      await app.page.locator('[data-testid="no-districts"]').waitFor({ state: 'detached' });
      // Analysis now breaks figures down by the new districts, without a reload.
      await app.page.waitForFunction(() => {
        const sel = document.querySelector<HTMLSelectElement>('[data-testid="zones"]');
        return !!sel?.value && sel.value.startsWith('districts-');
      });
      if (SHOTS) await app.page.screenshot({ path: path.join(SHOTS, 'boundaries-added.png') });
      expect(app.browser.errors).toEqual([]);
    },
  );
});
