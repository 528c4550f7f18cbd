import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceConfig, SourceStatus } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { Problem } from '../../components/Problem';
import { fmtNumber } from '../../i18n';
import { useCatalog } from '../../state/catalog';
import { usePanels } from '../../state/panels';
import { pushToast } from '../../state/store';
import { loadOffline, loadSources, putSource, removeSource, setSourceEnabled } from './actions';
import { kindLabel } from './kinds';
import { SourceForm } from './SourceForm';

/** Long paths and URLs keep their start and their end (the part that tells sources apart). */
function shortLocation(loc: string, max = 44): string {
  if (loc.length <= max) return loc;
  const tail = Math.ceil(max * 0.6);
  return `${loc.slice(0, max - tail - 1)}…${loc.slice(-tail)}`;
}

function SourceRow({
  config,
  status,
  onEdit,
}: {
  config: SourceConfig;
  status: SourceStatus | undefined;
  onEdit(): void;
}) {
  const { t } = useTranslation('workspace');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const sample = config.kind === 'sample';
  const run = async (f: () => Promise<boolean>) => {
    setBusy(true);
    await f();
    setBusy(false);
  };
  return (
    <li
      className={`source${config.enabled ? '' : ' disabled'}${status?.error ? ' failed' : ''}`}
      data-source-id={config.id}
    >
      <div className="source-head">
        <label className="toggle" title={t(config.enabled ? 'sources.disable' : 'sources.enable')}>
          <input
            type="checkbox"
            checked={config.enabled}
            disabled={busy}
            aria-label={t('sources.enabledName', { name: config.name })}
            onChange={(e) => void run(() => setSourceEnabled(config.id, e.target.checked))}
          />
        </label>
        <div className="source-name">{config.name}</div>
        <span className={`badge kind kind-${config.kind}`}>
          {t(`sources.kinds.${config.kind}`, { defaultValue: kindLabel(config.kind) })}
        </span>
      </div>
      <div className="source-loc" title={config.location}>
        {shortLocation(config.location)}
      </div>
      <div className="source-meta">
        {!config.enabled ? (
          <span className="muted">{t('sources.disabled')}</span>
        ) : status ? (
          <span className="scene-count">
            {t('sources.scenes', { count: status.sceneCount, n: fmtNumber(status.sceneCount) })}
          </span>
        ) : (
          <span className="muted">…</span>
        )}
        {config.collections?.length ? (
          <span className="muted"> · {config.collections.join(', ')}</span>
        ) : null}
        <span className="source-actions">
          {!sample && !confirming && (
            <button type="button" className="link" onClick={onEdit} disabled={busy}>
              {t('sources.edit')}
            </button>
          )}
          {sample ? (
            <span className="muted" title={t('sources.builtInTitle')}>
              {t('sources.builtIn')}
            </span>
          ) : confirming ? (
            <span className="confirm">
              {t('sources.removeAsk')}{' '}
              <button
                type="button"
                className="link danger"
                disabled={busy}
                onClick={() => void run(() => removeSource(config.id))}
              >
                {t('sources.removeYes')}
              </button>{' '}
              <button type="button" className="link" onClick={() => setConfirming(false)}>
                {t('sources.keep')}
              </button>
            </span>
          ) : (
            <button type="button" className="link danger" onClick={() => setConfirming(true)} disabled={busy}>
              {t('sources.remove')}
            </button>
          )}
        </span>
      </div>
      {status?.error && config.enabled && <Problem error={status.error} />}
      {config.enabled && status?.notices?.map((n) => <Problem key={n.message} error={n} notice />)}
    </li>
  );
}

/**
 * A copy's name: its scene's title, or for a copy whose source was removed (its scene is no longer
 * listed), the item part of its id and a note saying the source is gone.
 */
export function offlineCopyName(
  id: string,
  scenes: { id: string; title: string }[],
): { name: string; orphan: boolean } {
  const scene = scenes.find((s) => s.id === id);
  if (scene) return { name: scene.title, orphan: false };
  const colon = id.indexOf(':');
  return { name: colon > 0 ? id.slice(colon + 1) : id, orphan: true };
}

function OfflineCopies() {
  const { t } = useTranslation('workspace');
  const offline = usePanels((s) => s.offline);
  const scenes = useCatalog((s) => s.list.scenes);
  if (offline.length === 0) return null;
  return (
    <div className="offline-list">
      <div className="subhead">{t('sources.offline')}</div>
      <ul>
        {offline.map((id) => {
          const copy = offlineCopyName(id, scenes);
          return (
            <li key={id} data-offline-copy={id}>
              <span className="badge offline">{t('sources.offlineBadge')}</span>{' '}
              <span title={id}>{copy.name}</span>
              {copy.orphan && <span className="muted"> · {t('sources.sourceRemoved')}</span>}{' '}
              <button
                type="button"
                className="link danger"
                onClick={async () => {
                  try {
                    await api.offline.remove(id);
                  } catch (e) {
                    pushToast(toErrorData(e));
                  }
                  await loadOffline();
                }}
              >
                {t('sources.removeCopy')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function SourcesPanel() {
  const settings = usePanels((s) => s.settings);
  const sources = usePanels((s) => s.sources);
  const status = usePanels((s) => s.sourcesStatus);
  const error = usePanels((s) => s.sourcesError);
  const [editing, setEditing] = useState<SourceConfig | 'new' | null>(null);

  const listed = useCatalog((s) => s.list);
  const shown = usePanels((s) => s.tab === 'sources');
  // The host's per-source counts and errors are as of its last listing: read them again after
  // every listing and whenever the tab is opened.
  useEffect(() => {
    if (shown && listed) void loadSources();
  }, [listed, shown]);
  useEffect(() => {
    if (shown) void loadOffline();
  }, [shown]);

  const configs = settings?.sources ?? [];
  const { t } = useTranslation('workspace');
  return (
    <section className="panel sources-panel" data-testid="sources-panel">
      <div className="panel-head">
        <h2>{t('sources.title')}</h2>
        <span className="count">
          {t('sources.enabled', { n: fmtNumber(configs.filter((c) => c.enabled).length) })}
        </span>
        <button type="button" className="link" onClick={() => void loadSources()} title={t('refreshTitle')}>
          {t('refresh')}
        </button>
      </div>
      <div className="muted intro">{t('sources.intro')}</div>
      {status === 'loading' && !settings && <div className="muted">{t('sources.reading')}</div>}
      {error && <Problem error={error} />}
      <ul className="source-list" data-testid="source-list">
        {configs.map((c) =>
          editing !== 'new' && editing?.id === c.id ? (
            <li key={c.id}>
              <SourceForm
                initial={c}
                takenIds={configs.map((x) => x.id)}
                onSave={putSource}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <SourceRow
              key={c.id}
              config={c}
              status={sources.find((s) => s.id === c.id)}
              onEdit={() => setEditing(c)}
            />
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <SourceForm
          initial={null}
          takenIds={configs.map((x) => x.id)}
          onSave={putSource}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button
          type="button"
          className="primary add-source"
          onClick={() => setEditing('new')}
          disabled={!settings}
          data-testid="add-source"
        >
          + {t('sources.add')}
        </button>
      )}
      <OfflineCopies />
    </section>
  );
}
