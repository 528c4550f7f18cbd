import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errors';
import { dismissToast, useApp } from '../state/store';

export function Toasts() {
  const { t } = useTranslation('app');
  const toasts = useApp((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => {
        const text = errorText(toast);
        return (
          <div key={toast.id} className={`toast code-${toast.code}`} data-code={toast.code}>
            <div className="toast-body">
              <strong>{text.title}</strong>
              {text.detail && (
                <div className="detail" dir="ltr" title={t('errors:details')}>
                  {text.detail}
                </div>
              )}
              {toast.hint && <div className="hint">{toast.hint}</div>}
            </div>
            <button
              type="button"
              className="x"
              aria-label={t('dismiss')}
              onClick={() => dismissToast(toast.id)}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
