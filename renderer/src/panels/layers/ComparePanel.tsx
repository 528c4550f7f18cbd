/**
 * Compare two dates (or two views of one scene): the second scene and its view, swipe or side by
 * side, and the before/after toggle (the T key anywhere outside a text field).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { VIEWS, viewMissing } from '../../map/views';
import { useCatalog } from '../../state/catalog';
import { type CompareMode, EXPRESSION_VIEW, setCompare, swapCompare, useLayers } from '../../state/layers';
import { useApp } from '../../state/store';
import { useSceneRoles } from './LayersPanel';

const MODES: CompareMode[] = ['off', 'swipe', 'split'];

const NOT_TYPED = new Set(['radio', 'checkbox', 'range', 'button', 'submit']);

function isTyping(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLInputElement) return !NOT_TYPED.has(el.type);
  return !!el.closest('textarea, select, [contenteditable="true"]');
}

/** T flips before and after, unless the user is typing. */
export function useCompareKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 't' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target as HTMLElement | null)) return;
      if (swapCompare()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function ComparePanel() {
  const { t } = useTranslation('compare');
  const cmp = useLayers((s) => s.compare);
  const sceneId = useApp((s) => s.sceneId);
  const scenes = useCatalog((s) => s.list.scenes);
  const roles = useSceneRoles(cmp.sceneId);
  useCompareKey();
  return (
    <section className="panel compare-panel" data-testid="compare-panel">
      <div className="panel-head">
        <h2>{t('title')}</h2>
      </div>
      <div className="segmented" role="radiogroup" aria-label={t('mode')}>
        {MODES.map((m) => (
          <label key={m} className={cmp.mode === m ? 'on' : ''}>
            <input
              type="radio"
              name="compare-mode"
              value={m}
              checked={cmp.mode === m}
              onChange={() => setCompare({ mode: m, sceneId: cmp.sceneId ?? sceneId })}
              data-compare-mode={m}
            />
            {t(`modes.${m}`)}
          </label>
        ))}
      </div>
      <label className="field">
        <span>{t('scene')}</span>
        <select
          value={cmp.sceneId ?? ''}
          onChange={(e) => setCompare({ sceneId: e.target.value || null })}
          data-testid="compare-scene"
        >
          <option value="">{t('none')}</option>
          {scenes.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} {s.datetime ? `· ${s.datetime.slice(0, 10)}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('view')}</span>
        <select
          value={cmp.viewId}
          onChange={(e) => setCompare({ viewId: e.target.value })}
          data-testid="compare-view"
        >
          {VIEWS.map((v) => (
            <option key={v.def.id} value={v.def.id} disabled={viewMissing(v, roles).length > 0}>
              {v.def.name}
            </option>
          ))}
          <option value={EXPRESSION_VIEW}>{t('expression')}</option>
        </select>
      </label>
      <button
        type="button"
        onClick={swapCompare}
        disabled={!cmp.sceneId || !sceneId}
        data-testid="compare-swap"
      >
        {t('swap')}
      </button>
      <div className="muted">{cmp.sceneId === sceneId && cmp.sceneId ? t('sameScene') : t('help')}</div>
    </section>
  );
}
