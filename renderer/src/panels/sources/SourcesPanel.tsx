import { useEffect, useState } from 'react';
import type { SourceConfig, SourceStatus } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
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
        <label className="toggle" title={config.enabled ? 'Disable this source' : 'Enable this source'}>
          <input
            type="checkbox"
            checked={config.enabled}
            disabled={busy}
            aria-label={`Enabled: ${config.name}`}
            onChange={(e) => void run(() => setSourceEnabled(config.id, e.target.checked))}
          />
        </label>
        <div className="source-name">{config.name}</div>
        <span className={`badge kind kind-${config.kind}`}>{kindLabel(config.kind)}</span>
      </div>
      <div className="source-loc" title={config.location}>
        {shortLocation(config.location)}
      </div>
      <div className="source-meta">
        {!config.enabled ? (
          <span className="muted">Disabled — its scenes are hidden</span>
        ) : status ? (
          <span className="scene-count">
            {status.sceneCount} scene{status.sceneCount === 1 ? '' : 's'}
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
              Edit
            </button>
          )}
          {sample ? (
            <span className="muted" title="The embedded sample can be disabled but not removed">
              built in
            </span>
          ) : confirming ? (
            <span className="confirm">
              Remove?{' '}
              <button
                type="button"
                className="link danger"
                disabled={busy}
                onClick={() => void run(() => removeSource(config.id))}
              >
                Yes, remove
              </button>{' '}
              <button type="button" className="link" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="link danger" onClick={() => setConfirming(true)} disabled={busy}>
              Remove
            </button>
          )}
        </span>
      </div>
      {status?.error && config.enabled && (
        <div className="problem" data-code={status.error.code}>
          <strong>{status.error.message}</strong>
          {status.error.hint && <div className="hint">{status.error.hint}</div>}
        </div>
      )}
    </li>
  );
}

function OfflineCopies() {
  const offline = usePanels((s) => s.offline);
  const scenes = useCatalog((s) => s.list.scenes);
  if (offline.length === 0) return null;
  const title = (id: string) => scenes.find((s) => s.id === id)?.title ?? id;
  return (
    <div className="offline-list">
      <div className="subhead">Available offline</div>
      <ul>
        {offline.map((id) => (
          <li key={id}>
            <span className="badge offline">offline ✓</span> {title(id)}{' '}
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
              Remove copy
            </button>
          </li>
        ))}
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
  return (
    <section className="panel sources-panel" data-testid="sources-panel">
      <div className="panel-head">
        <h2>Sources</h2>
        <span className="count">{configs.filter((c) => c.enabled).length} enabled</span>
        <button
          type="button"
          className="link"
          onClick={() => void loadSources()}
          title="Read the sources again"
        >
          Refresh
        </button>
      </div>
      <div className="muted intro">
        Where Nigah finds scenes: folders on this computer, STAC catalogs and APIs, CRESDA packages. Every
        enabled source feeds the one scene list.
      </div>
      {status === 'loading' && !settings && <div className="muted">Reading settings…</div>}
      {error && (
        <div className="problem" data-code={error.code}>
          <strong>{error.message}</strong>
          {error.hint && <div className="hint">{error.hint}</div>}
        </div>
      )}
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
          + Add source
        </button>
      )}
      <OfflineCopies />
    </section>
  );
}
