/** The export namespace (shared/i18n/<lang>/export.json) for pages drawn in the host. */
import i18next, { type TFunction } from 'i18next';
import type { Lang } from '../../shared/export/document';
import en from '../../shared/i18n/en/export.json';
import ur from '../../shared/i18n/ur/export.json';

const instances = new Map<Lang, TFunction>();

export function exportT(lang: Lang): TFunction {
  let t = instances.get(lang);
  if (!t) {
    const inst = i18next.createInstance();
    inst.init({
      lng: lang,
      fallbackLng: 'en',
      ns: ['export'],
      defaultNS: 'export',
      resources: { en: { export: en }, ur: { export: ur } },
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    t = inst.t.bind(inst) as TFunction;
    instances.set(lang, t);
  }
  return t;
}
