/**
 * Fonts of printed maps. Urdu is set in Noto Nastaliq Urdu, bundled from
 * @fontsource/noto-nastaliq-urdu (SIL OFL 1.1); Skia shapes it with HarfBuzz (right to left,
 * contextual Nastaliq forms) and embeds subsets of every font used in the PDF. Latin text uses the
 * system's sans-serif (DejaVu Sans or Liberation Sans on Linux, Arial on Windows, Helvetica on macOS).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { NigahError } from '../../shared/errors';
import { findAppRoot } from '../host/paths';

export const URDU_FAMILY = 'Noto Nastaliq Urdu';
export const LATIN_STACK = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif';

let registered = false;

/** Registers the bundled Nastaliq font once per process. */
export function ensureFonts(): void {
  if (registered) return;
  const require = createRequire(path.join(findAppRoot(), 'package.json'));
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve('@fontsource/noto-nastaliq-urdu/package.json')), 'files');
  } catch {
    throw new NigahError('INTERNAL', 'The Urdu font (@fontsource/noto-nastaliq-urdu) is not installed.', {
      hint: 'Reinstall Nigah (npm ci) so that its bundled fonts are present.',
    });
  }
  // Read with fs (which also reads inside a packaged app's asar archive), then hand Skia the bytes.
  const load = (weight: number) => {
    try {
      return GlobalFonts.register(
        readFileSync(path.join(dir, `noto-nastaliq-urdu-arabic-${weight}-normal.woff`)),
        URDU_FAMILY,
      );
    } catch {
      return null;
    }
  };
  if (!load(400))
    throw new NigahError('INTERNAL', 'The Urdu font could not be loaded.', {
      hint: 'Reinstall Nigah (npm ci); the font file may be damaged.',
    });
  load(700);
  registered = true;
}

/** True when the text holds Arabic-script letters (Urdu). */
export function isArabicScript(s: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(s);
}
