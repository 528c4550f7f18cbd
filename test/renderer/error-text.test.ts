/**
 * Host errors in the interface language: every error code of shared/errors.ts has a headline in
 * errors.json (both languages, by i18n.test.ts), and the shown text follows the language while the
 * host's English message stays available as the details.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../renderer/src/i18n';
import { errorText } from '../../renderer/src/i18n/errors';

const ROOT = path.resolve(__dirname, '../..');
const codes = [
  ...readFileSync(path.join(ROOT, 'shared/errors.ts'), 'utf8')
    .split('export type ErrorCode')[1]
    .split(';')[0]
    .matchAll(/'([A-Z_]+)'/g),
].map((m) => m[1]);
const ur = JSON.parse(readFileSync(path.join(ROOT, 'shared/i18n/ur/errors.json'), 'utf8'));

describe('error text', () => {
  afterAll(() => changeLanguage('en'));

  it('has an Urdu headline for every error code', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((c) => !ur[c])).toEqual([]);
  });

  it('shows the host message in English and the code’s headline in Urdu, with the message as details', async () => {
    const e = { code: 'DISK_FULL' as const, message: 'No space left writing /data/flood.tif.' };
    await changeLanguage('en');
    expect(errorText(e)).toEqual({ title: e.message, detail: null });
    await changeLanguage('ur');
    expect(errorText(e)).toEqual({ title: ur.DISK_FULL, detail: e.message });
  });
});
