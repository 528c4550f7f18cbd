import { dismissToast, useApp } from '../state/store';

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast code-${t.code}`} data-code={t.code}>
          <div className="toast-body">
            <strong>{t.message}</strong>
            {t.hint && <div className="hint">{t.hint}</div>}
          </div>
          <button type="button" className="x" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
