/**
 * An error or notice as the app shows it everywhere: what went wrong in bold, what to do below it,
 * with its code on the element (tests and support read it). Optional extra lines go after.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors';
import { errorText } from '../i18n/errors';

export function Problem({
  error,
  notice,
  children,
}: {
  error: ErrorData;
  notice?: boolean;
  children?: ReactNode;
}) {
  // Re-rendered on a language change: the headline follows the language (i18n/errors.ts).
  const { t } = useTranslation('errors');
  const text = errorText(error);
  return (
    <div className={notice ? 'problem notice' : 'problem'} data-code={error.code}>
      <strong>{text.title}</strong>
      {text.detail && (
        <div className="detail" dir="ltr" title={t('details')}>
          {text.detail}
        </div>
      )}
      {error.hint && <div className="hint">{error.hint}</div>}
      {children}
    </div>
  );
}
