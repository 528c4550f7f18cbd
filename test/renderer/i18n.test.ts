/**
 * Translations: every namespace file in shared/i18n has the same keys, placeholders and plural
 * forms in English and Urdu, no Urdu string is left in English, every t() key the renderer uses
 * exists, and the components' visible text comes from the files (no hard-coded English in JSX).
 * Numbers are written with Urdu digits in Urdu.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { changeLanguage, fmtNumber, i18n, localDigits } from '../../renderer/src/i18n';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const I18N = path.join(ROOT, 'shared/i18n');
const RENDERER = path.join(ROOT, 'renderer/src');

type Json = { [k: string]: string | Json };

function flatten(o: Json, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (v && typeof v === 'object') flatten(v, key, out);
    else out[key] = String(v);
  }
  return out;
}

function load(lang: string): Record<string, Record<string, string>> {
  const dir = path.join(I18N, lang);
  const out: Record<string, Record<string, string>> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')))
    out[f.replace(/\.json$/, '')] = flatten(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  return out;
}

const en = load('en');
const ur = load('ur');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
/** Latin words that stay Latin in Urdu text: acronyms, names, units. */
const LATIN_OK = new Set([
  ...['µm', 'km', 'nm', 'Otsu', 'McFeeters', 'Nigah', 'Nastaliq'],
  ...['GeoTIFF', 'GeoJSON', 'GeoPackage', 'Shapefile', 'OpenStreetMap', 'GeoNames', 'Natural', 'Earth'],
  ...['openEO', 'Sentinel', 'Landsat', 'Copernicus', 'Terrascope', 'http', 'https'],
]);

describe('translation files', () => {
  it('has both languages for every namespace', () => {
    expect(Object.keys(en).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(ur).sort()).toEqual(Object.keys(en).sort());
  });

  for (const ns of Object.keys(en)) {
    it(`${ns}: same keys, placeholders, no empty or untranslated string`, () => {
      const a = en[ns];
      const b = ur[ns] ?? {};
      expect(Object.keys(b).sort(), `keys of ur/${ns}.json`).toEqual(Object.keys(a).sort());
      const problems: string[] = [];
      for (const [key, text] of Object.entries(a)) {
        const u = b[key];
        if (u === undefined) continue;
        if (!text.trim() || !u.trim()) problems.push(`${key}: empty`);
        if (placeholders(text).join() !== placeholders(u).join())
          problems.push(`${key}: placeholders ${placeholders(text)} vs ${placeholders(u)}`);
        // File names, paths and URLs (catalog.json, *_MTL.txt, /search) stay as they are.
        const prose = u.replace(/\{\{[^}]*\}\}/g, '').replace(/\S*[./_*]\S*/g, '');
        const words = prose.match(/[A-Za-zµ]*[a-z][A-Za-zµ]{2,}/g) ?? [];
        const english = words.filter((w) => !LATIN_OK.has(w));
        if (english.length) problems.push(`${key}: Urdu text has English words ${english.join(', ')}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

// --- keys used by the renderer ------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** The first argument of every t(…) / i18n.t(…) call: its string literals (all branches of a ?:). */
function tCalls(src: string): { literals: string[]; template: string | null; ns: string | null }[] {
  const out: { literals: string[]; template: string | null; ns: string | null }[] = [];
  // A bare t() is the translation function only where the file takes it from useTranslation.
  const bare = src.includes('useTranslation(');
  for (const m of src.matchAll(/(?<![\w.])(?:i18n\.)?t\(/g)) {
    if (!bare && !m[0].startsWith('i18n')) continue;
    let depth = 0;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; i < src.length; i++) {
      const c = src[i];
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    // The key's literals: not the values it is compared with (kind === 'flood' ? 'a' : 'b').
    const arg = src.slice(start, i).replace(/(===|!==)\s*'[^']*'|'[^']*'\s*(===|!==)/g, '');
    const literals = [...arg.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((x) => x[1] ?? x[2]);
    const tpl = /`([^`$]*)\$\{/.exec(arg);
    const opts = src.slice(i, src.indexOf(')', i) + 1);
    const ns = /^,\s*\{[^}]*\bns:\s*'([\w-]+)'/.exec(opts)?.[1] ?? null;
    if (literals.length || tpl) out.push({ literals, template: tpl ? tpl[1] : null, ns });
  }
  return out;
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
}

function keyExists(ns: string, key: string): boolean {
  const keys = en[ns];
  if (!keys) return false;
  return key in keys || `${key}_one` in keys || `${key}_other` in keys;
}

function prefixExists(ns: string, prefix: string): boolean {
  return Object.keys(en[ns] ?? {}).some((k) => k.startsWith(prefix));
}

describe('renderer code', () => {
  const files = sourceFiles(RENDERER);

  it('uses only keys that exist (in both languages, by the test above)', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      const src = stripComments(readFileSync(file, 'utf8'));
      const fileNs = [...src.matchAll(/useTranslation\(\s*'([\w-]+)'/g)].map((m) => m[1]);
      const namespaces = fileNs.length ? fileNs : ['app'];
      const rel = path.relative(ROOT, file);
      for (const call of tCalls(src)) {
        for (const lit of call.literals) {
          if (!/^[\w-]+([:.][\w-]+)*$/.test(lit)) continue; // e.g. '' or a default value
          checked++;
          const [ns, key] = lit.includes(':') ? lit.split(':') : [call.ns, lit];
          const ok = ns ? keyExists(ns, key) : namespaces.some((n) => keyExists(n, key));
          if (!ok) missing.push(`${rel}: ${lit}`);
        }
        if (call.template) {
          const [ns, prefix] = call.template.includes(':') ? call.template.split(':') : [null, call.template];
          const ok = ns ? prefixExists(ns, prefix) : namespaces.some((n) => prefixExists(n, prefix));
          if (!ok) missing.push(`${rel}: ${call.template}\${…}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  /**
   * Visible English in JSX: text between tags, and title / aria-label / placeholder / label
   * attributes with a literal string. Names that are the same in every language are allowed.
   */
  it('has no hard-coded visible text in any component', () => {
    const ALLOWED = /^(Nigah|English|اردو|نگاہ|NDVI|MNDWI|NDWI|Otsu|[·×✓▾▸»«⤓—–…%°\s\d.,:/()+-]+)$/;
    const found: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.tsx'))) {
      const rel = path.relative(ROOT, file);
      const src = stripComments(readFileSync(file, 'utf8'));
      for (const m of src.matchAll(/>([^<>{}`]*[A-Za-z]{2,}[^<>{}`]*)<(.)/g)) {
        const text = m[1].trim();
        // Code between a `>` and a `<` (comparisons, generics such as Promise<boolean>) is not text.
        const code =
          /[=;[\]]|&&|\|\||\?\s|\)\s*:|^\)|\(\)/.test(text) || (/^ ?\w+$/.test(m[1]) && m[2] !== '/');
        if (text && !ALLOWED.test(text) && !code) found.push(`${rel}: "${text}"`);
      }
      // Identifiers shown as examples (collection ids) are not prose.
      for (const m of src.matchAll(/\b(title|aria-label|placeholder|label|alt)="([^"]*[A-Za-z]{2,}[^"]*)"/g))
        if (!ALLOWED.test(m[2]) && !/^[a-z0-9-]+(, [a-z0-9-]+)*$/.test(m[2]))
          found.push(`${rel}: ${m[1]}="${m[2]}"`);
    }
    expect(found).toEqual([]);
  });
});

describe('numbers', () => {
  afterAll(() => changeLanguage('en'));

  it('uses Urdu digits in Urdu and Latin digits in English', async () => {
    await changeLanguage('en');
    expect(fmtNumber(1121.3, 1)).toBe('1,121.3');
    expect(localDigits('2022-08-30')).toBe('2022-08-30');
    await changeLanguage('ur');
    // Extended Arabic-Indic digits (U+06F0–06F9), Arabic thousands and decimal separators.
    expect(fmtNumber(1121.3, 1)).toBe('۱٬۱۲۱٫۳');
    expect(localDigits('2022-08-30')).toBe('۲۰۲۲-۰۸-۳۰');
    expect(i18n.t('workspace:scenes.title')).toBe('مناظر');
  });
});
