/**
 * The last analyses (kept across launches): one line each with its kind, dates and area; a click
 * shows that result again (figures, table, files and its mask over its scene).
 */
import { useTranslation } from 'react-i18next';
import { localDigits } from '../../i18n';
import { usePanels } from '../../state/panels';
import { selectScene, store } from '../../state/store';
import { showResult } from './actions';
import { fmtDate, fmtKm2, readSummary } from './summary';

export function RecentAnalyses() {
  const { t } = useTranslation('workspace');
  const recent = usePanels((s) => s.recent);
  const shownId = usePanels((s) => s.result?.jobId);
  const others = recent.filter((r) => r.jobId !== shownId);
  if (others.length === 0) return null;
  return (
    <details className="recent" data-testid="recent-analyses">
      <summary>{t('recent.title', { n: localDigits(String(others.length)) })}</summary>
      <ul>
        {others.map((r) => {
          const s = readSummary(r.kind, r.value.summary);
          const dates = s.dates.map((d) => localDigits(fmtDate(d.date))).join(t('result.to'));
          const under = s.dates.find((d) => d.label !== 'Before')?.id;
          return (
            <li key={r.jobId}>
              <button
                type="button"
                className="link"
                data-job={r.jobId}
                onClick={() => {
                  showResult(r.jobId, r.kind, r.value);
                  if (under && store.getState().sceneId !== under) selectScene(under);
                }}
              >
                {t(r.kind === 'flood' ? 'result.flooded' : 'result.water')} · {fmtKm2(s.areaKm2)}{' '}
                {t('units.km2')}
              </button>{' '}
              <span className="muted">
                <bdi>{dates}</bdi>
                {s.index ? ` · ${s.index}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
