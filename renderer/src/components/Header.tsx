import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n';
import { useCatalog } from '../state/catalog';
import { setLanguage } from '../state/workspace';

export function Header() {
  const { t, i18n } = useTranslation('app');
  const info = useCatalog((s) => s.info);
  const lang = i18n.language as Language;
  return (
    <header className="top">
      <h1 className="brand">
        <span className="brand-en" lang="en">
          Nigah
        </span>
        <span className="brand-dot">·</span>
        <span className="brand-ur" lang="ur" dir="rtl">
          نگاہ
        </span>
        <span className="brand-sub">{t('tagline')}</span>
      </h1>
      <div className="top-right">
        <fieldset className="lang-switch" data-testid="lang-switch">
          <legend className="sr-only">{t('language.label')}</legend>
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={lang === l}
              className={lang === l ? 'on' : ''}
              onClick={() => void setLanguage(l)}
              data-lang={l}
            >
              {l === 'en' ? 'English' : 'اردو'}
            </button>
          ))}
        </fieldset>
        {info && (
          <span
            className="badge host"
            title={t('host.title', { name: info.name, version: info.version, platform: info.platform })}
          >
            {t(info.host === 'electron' ? 'host.desktop' : 'host.browser')} · v{info.version}
          </span>
        )}
      </div>
    </header>
  );
}
