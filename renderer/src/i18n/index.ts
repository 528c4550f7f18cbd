/**
 * Languages of the interface: English and Urdu, with i18next.
 *
 * Every user-visible string lives in shared/i18n/<lang>/<namespace>.json, one namespace per area of
 * the app (app, workspace, export, boundaries, …). Every file found there is loaded at build time
 * (import.meta.glob below), so a new namespace needs no change here. test/renderer/i18n.test.ts fails
 * when a key is missing in either language, when an Urdu string is left in English, and when a t()
 * call in renderer code names a key that does not exist.
 *
 * How to use it in a component:
 *
 *   import { useTranslation } from 'react-i18next';
 *   const { t } = useTranslation('layers');          // the file's namespace: shared/i18n/<lang>/layers.json
 *   <h2>{t('title')}</h2>                             // a literal key (checked by the test)
 *   t('opacity', { value: fmtNumber(0.8) })           // "{{value}}" in the JSON; numbers via fmtNumber
 *   t('app:close')                                    // a key of another namespace
 *
 * Outside React (map code, actions), import `i18n` and call i18n.t('ns:key'). Keep keys literal
 * (t(`kinds.${kind}`) is allowed: the test checks that the prefix exists). Numbers a reader sees go
 * through fmtNumber / fmtInt (Urdu digits ۰–۹ in Urdu); coordinates, ids, file names and formulas
 * stay Latin. Urdu turns the whole page right-to-left (dir=rtl on <html>): use CSS logical
 * properties (margin-inline-start, inset-inline-end, text-align: start) instead of left/right.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'en' | 'ur';
export const LANGUAGES: readonly Language[] = ['en', 'ur'];

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** shared/i18n/<lang>/<ns>.json → { lang: { ns: json } }. */
export function buildResources(files: Record<string, unknown>): Resources {
  const out: Resources = {};
  for (const [file, json] of Object.entries(files)) {
    const m = /\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (!m || !json || typeof json !== 'object') continue;
    out[m[1]] ??= {};
    out[m[1]][m[2]] = json as Record<string, unknown>;
  }
  return out;
}

const files = import.meta.glob('../../../shared/i18n/*/*.json', { eager: true, import: 'default' });
const resources = buildResources(files);

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: Object.keys(resources.en ?? {}),
  defaultNS: 'app',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** The page follows the language: lang and dir on <html> (Urdu is right-to-left). */
function applyToDocument(lang: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ur' ? 'rtl' : 'ltr';
}
applyToDocument('en');

export function currentLanguage(): Language {
  return i18n.language === 'ur' ? 'ur' : 'en';
}

/** Switches the interface language in place: no reload, the map and the analysis stay. */
export async function changeLanguage(lang: Language): Promise<void> {
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
  applyToDocument(lang);
}

/** The number formatting locale: Urdu digits (Extended Arabic-Indic, ۰–۹) in Urdu. */
function numberLocale(): string {
  return currentLanguage() === 'ur' ? 'ur-PK-u-nu-arabext' : 'en-US';
}

const formatters = new Map<string, Intl.NumberFormat>();

/** A number as a reader of the current language expects it (grouping, digits). */
export function fmtNumber(v: number, minDigits = 0, maxDigits = minDigits): string {
  const key = `${numberLocale()}|${minDigits}|${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(), {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
    });
    formatters.set(key, f);
  }
  return f.format(v);
}

/** Digits of an already formatted Latin string (a date, "3/12") in the current language. */
export function localDigits(s: string): string {
  if (currentLanguage() !== 'ur') return s;
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}
