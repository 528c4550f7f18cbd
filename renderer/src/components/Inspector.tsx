import { useTranslation } from 'react-i18next';
import { findView } from '../map/views';
import { useCatalog } from '../state/catalog';
import { setCollapsed, usePanels } from '../state/panels';
import { type InspectorState, setInspector, useApp } from '../state/store';
import { formatLonLat } from './format';

type Reading = Omit<InspectorState, 'lon' | 'lat' | 'compare'>;

/** Band values and index values keep Latin digits: they are data to be copied, like coordinates. */
function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

function ReadingView({ r, testId }: { r: Reading; testId: string }) {
  const { t } = useTranslation('layers');
  return (
    <div data-testid={testId}>
      {r.title && <div className="inspector-title">{r.title}</div>}
      {r.status === 'loading' && <div className="muted">{t('inspector.reading')}</div>}
      {r.status === 'outside' && <div className="muted">{t('inspector.outside')}</div>}
      {r.status === 'error' && r.message && <div className="muted">{r.message}</div>}
      {r.index && (
        <div className="inspector-index">
          {findView(r.index.id)?.def.name ?? r.index.id} = <b dir="ltr">{num(r.index.value, 3)}</b>
        </div>
      )}
      {r.bands.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('inspector.band')}</th>
              <th>{t('inspector.role')}</th>
              <th>{t('inspector.dn')}</th>
              <th>{t('inspector.value')}</th>
            </tr>
          </thead>
          <tbody dir="ltr">
            {r.bands.map((b) => (
              <tr key={b.name}>
                <td>{b.name}</td>
                <td>{b.role ?? ''}</td>
                <td>{num(b.dn)}</td>
                <td>{num(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.indices && r.indices.length > 0 && (
        <table className="inspector-indices" data-testid={`${testId}-indices`}>
          <tbody dir="ltr">
            {r.indices.map((x) => (
              <tr key={x.id} data-index={x.id}>
                <td>{findView(x.id)?.def.name ?? x.id}</td>
                <td>{num(x.value, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function Inspector() {
  const { t } = useTranslation('layers');
  const ins = useApp((s) => s.inspector);
  const sceneId = useApp((s) => s.sceneId);
  const loaded = useCatalog((s) => (sceneId ? !!s.scenes[sceneId] : false));
  // Folded like the legend: only its title stays, so the imagery under it shows.
  const collapsed = usePanels((s) => s.collapsed.inspector === true);
  if (!sceneId || !loaded) return null;
  return (
    <section className={`panel inspector${collapsed ? ' collapsed' : ''}`} data-testid="inspector">
      <div className="panel-head">
        <h2>{t('inspector.title')}</h2>
        {ins && !collapsed && (
          <button type="button" className="link" onClick={() => setInspector(null)}>
            {t('inspector.clear')}
          </button>
        )}
        <button
          type="button"
          className="fold"
          data-testid="inspector-fold"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('app:panel.expand') : t('app:panel.collapse')}
          onClick={() => setCollapsed('inspector', !collapsed)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </div>
      {!collapsed && !ins && <div className="muted">{t('inspector.help')}</div>}
      {!collapsed && ins && (
        <>
          <div className="muted" dir="ltr">
            {formatLonLat(ins.lon, ins.lat)}
          </div>
          {ins.maskClass && (
            <div className="mask-class" data-testid="mask-class" data-class={ins.maskClass}>
              {t('inspector.class')}: {t(`classes.${ins.maskClass}`)}
            </div>
          )}
          <ReadingView r={ins} testId="inspector-main" />
          {ins.compare && (
            <div className="compare-col">
              <ReadingView r={ins.compare} testId="inspector-compare" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
