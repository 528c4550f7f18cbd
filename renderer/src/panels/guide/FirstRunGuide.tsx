/**
 * The first-run guide: three steps from an empty map to a flood map on the sample pair (show the
 * post-flood scene, open Analysis, press "Map the flood": the pair is preselected there). It is
 * closed for good by its × or once a result is on screen.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { BOUNDARIES_CHANGED } from '../../map/boundaries';
import { useCatalog } from '../../state/catalog';
import { dismissGuide, setTab, usePanels } from '../../state/panels';
import { selectScene, useApp } from '../../state/store';

/** The post-flood scene of the embedded sample pair. */
export const SAMPLE_POST = 'S2-SYN-SINDH-20220830';

export function FirstRunGuide() {
  const { t } = useTranslation('app');
  const dismissed = usePanels((s) => s.guideDismissed);
  const hasResult = usePanels((s) => s.result !== null);
  const tab = usePanels((s) => s.tab);
  const sceneId = useApp((s) => s.sceneId);
  const post = useCatalog((s) => s.list.scenes.find((x) => x.id.endsWith(`:${SAMPLE_POST}`))?.id);
  useEffect(() => {
    if (hasResult && !dismissed) dismissGuide();
  }, [hasResult, dismissed]);
  // Per-district tables need district boundaries: offer to add or download them.
  const [noDistricts, setNoDistricts] = useState(false);
  useEffect(() => {
    const check = () =>
      api.boundaries.list().then(
        (l) => setNoDistricts(!l.some((b) => b.level === 'district')),
        () => setNoDistricts(false),
      );
    void check();
    window.addEventListener(BOUNDARIES_CHANGED, check);
    return () => window.removeEventListener(BOUNDARIES_CHANGED, check);
  }, []);
  if (dismissed || hasResult || !post) return null;
  const steps = [
    {
      done: sceneId === post,
      label: t('guide.step1'),
      action: () => selectScene(post),
      button: t('guide.show'),
    },
    {
      done: tab === 'analysis',
      label: t('guide.step2'),
      action: () => setTab('analysis'),
      button: t('guide.open'),
    },
    { done: false, label: t('guide.step3'), action: null, button: '' },
  ];
  return (
    <section className="guide" data-testid="guide" aria-labelledby="guide-title">
      <div className="guide-head">
        <h2 id="guide-title">{t('guide.title')}</h2>
        <button
          type="button"
          className="x"
          aria-label={t('guide.close')}
          title={t('guide.close')}
          onClick={dismissGuide}
          data-testid="guide-close"
        >
          ×
        </button>
      </div>
      <ol>
        {steps.map((s, i) => (
          <li key={s.label} className={s.done ? 'done' : ''} data-step={i + 1}>
            <span>{s.label}</span>
            {s.action && !s.done && (
              <button type="button" className="link" onClick={s.action} data-testid={`guide-step-${i + 1}`}>
                {s.button}
              </button>
            )}
          </li>
        ))}
      </ol>
      {noDistricts && (
        <p className="guide-districts" data-testid="guide-districts">
          <span>{t('boundaries:guideOffer')}</span>{' '}
          <button
            type="button"
            className="link"
            onClick={() => setTab('sources')}
            data-testid="guide-boundaries"
          >
            {t('boundaries:guideButton')}
          </button>
        </p>
      )}
    </section>
  );
}
