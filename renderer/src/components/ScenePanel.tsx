import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SceneQuery } from '../../../shared/contract';
import type { SceneSummary } from '../../../shared/scene';
import { fmtNumber, localDigits } from '../i18n';
import { filterScenes, sensorChoices, sensorOf } from '../map/filter';
import { loadCatalog, useCatalog } from '../state/catalog';
import { type Filters, selectScene, setFilters, store, useApp } from '../state/store';
import { Problem } from './Problem';

/** The search a STAC API answers: the map's extent, the date range and the cloud limit. */
export function areaQuery(filters: Filters, extent: [number, number, number, number]): SceneQuery {
  const q: SceneQuery = { bbox: extent };
  if (filters.from || filters.to) q.datetime = `${filters.from || '..'}/${filters.to || '..'}`;
  if (filters.maxCloud < 100) q.maxCloud = filters.maxCloud;
  return q;
}

function searchArea(): void {
  const { filters, view } = store.getState();
  if (view.extent) void loadCatalog(areaQuery(filters, view.extent));
}

function SceneRow({ s, selected, error }: { s: SceneSummary; selected: boolean; error?: string }) {
  const { t } = useTranslation('workspace');
  return (
    <li>
      <button
        type="button"
        className={`scene${selected ? ' selected' : ''}${error ? ' failed' : ''}${s.drawable ? '' : ' undrawable'}`}
        onClick={() => selectScene(s.id)}
        data-scene-id={s.id}
        aria-pressed={selected}
        title={s.notices.join('\n') || s.id}
      >
        <div className="scene-title">
          {s.title}
          {s.synthetic && (
            <span className="badge synthetic" title={t('synthetic.title')}>
              {t('synthetic.badge')}
            </span>
          )}
        </div>
        <div className="scene-meta">
          <span>{s.datetime ? localDigits(s.datetime.slice(0, 10)) : t('scenes.noDate')}</span>
          <span>{sensorOf(s)}</span>
          <span data-cloud={s.cloudCover ?? 'unknown'}>
            {s.cloudCover === null
              ? t('scenes.cloudUnknown')
              : t('scenes.cloud', { value: fmtNumber(Math.round(s.cloudCover)) })}
          </span>
        </div>
        <div className="scene-src">
          {s.source}
          {!s.drawable && <span className="warn"> · {t('scenes.notProjected')}</span>}
          {s.notices.length > 0 && s.drawable && !selected && (
            <span className="warn">
              {' '}
              · {t('scenes.notices', { count: s.notices.length, n: fmtNumber(s.notices.length) })}
            </span>
          )}
        </div>
        {selected && s.notices.length > 0 && (
          <ul className="scene-notices">
            {s.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {error && <div className="scene-error">{error}</div>}
      </button>
    </li>
  );
}

export function ScenePanel() {
  const status = useCatalog((s) => s.status);
  const list = useCatalog((s) => s.list);
  const loadError = useCatalog((s) => s.error);
  const sceneErrors = useCatalog((s) => s.sceneErrors);
  const filters = useApp((s) => s.filters);
  const sceneId = useApp((s) => s.sceneId);
  const [showProblems, setShowProblems] = useState(true);
  const query = useCatalog((s) => s.query);
  const { t } = useTranslation('workspace');
  const sensors = useMemo(() => sensorChoices(list.scenes), [list]);
  const shown = useMemo(() => filterScenes(list.scenes, filters), [list, filters]);

  return (
    <section className="panel scenes-panel">
      <div className="panel-head">
        <h2>{t('scenes.title')}</h2>
        <span className="count">{localDigits(`${shown.length}/${list.scenes.length}`)}</span>
        <button type="button" className="link" onClick={() => void loadCatalog()} title={t('refreshTitle')}>
          {t('refresh')}
        </button>
      </div>
      <div className="filters">
        <label>
          {t('scenes.from')}
          <input type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
        </label>
        <label>
          {t('scenes.to')}
          <input type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
        </label>
        <label className="wide">
          {t('scenes.maxCloud')} <b>{t('percent', { value: fmtNumber(filters.maxCloud) })}</b>
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={filters.maxCloud}
            onChange={(e) => setFilters({ maxCloud: Number(e.target.value) })}
          />
        </label>
        <label className="wide">
          {t('scenes.sensor')}
          <select value={filters.sensor} onChange={(e) => setFilters({ sensor: e.target.value })}>
            <option value="">{t('scenes.anySensor')}</option>
            {sensors.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="area-search">
        <button type="button" onClick={searchArea} title={t('scenes.searchAreaTitle')}>
          {t('scenes.searchArea')}
        </button>
        {query?.bbox && (
          <span className="muted" data-testid="area-query">
            {t('scenes.mapArea')} <bdi dir="ltr">{query.bbox.map((v) => v.toFixed(2)).join(', ')}</bdi>
            {query.datetime ? ` · ${query.datetime}` : ''}
            {query.maxCloud !== undefined
              ? ` · ${t('scenes.cloudAtMost', { value: fmtNumber(query.maxCloud) })}`
              : ''}{' '}
            ·{' '}
            <button type="button" className="link" onClick={() => void loadCatalog(null)}>
              {t('scenes.showAll')}
            </button>
          </span>
        )}
      </div>
      {status === 'loading' && <div className="muted">{t('scenes.reading')}</div>}
      {loadError && <Problem error={loadError} />}
      {list.problems.length > 0 && (
        <div className="problems" data-testid="problems">
          <button type="button" className="link" onClick={() => setShowProblems(!showProblems)}>
            {t('scenes.problems', { count: list.problems.length, n: fmtNumber(list.problems.length) })}{' '}
            {showProblems ? '▾' : '▸'}
          </button>
          {showProblems && (
            <ul>
              {list.problems.map((p) => (
                <li
                  key={`${p.source ?? ''}|${p.item ?? ''}|${p.message}`}
                  className="problem"
                  data-code={p.code}
                >
                  <strong>{p.message}</strong>
                  {p.hint && <div className="hint">{p.hint}</div>}
                  {(p.item || p.source) && <div className="muted">{p.item ?? p.source}</div>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ul className="scene-list" data-testid="scene-list">
        {shown.map((s) => (
          <SceneRow
            key={s.id}
            s={s}
            selected={s.id === sceneId}
            error={
              sceneErrors[s.id] ? `${sceneErrors[s.id].message} ${sceneErrors[s.id].hint ?? ''}` : undefined
            }
          />
        ))}
        {status === 'ready' && shown.length === 0 && (
          <li className="muted">{t(list.scenes.length ? 'scenes.noMatch' : 'scenes.emptyCatalog')}</li>
        )}
      </ul>
    </section>
  );
}
