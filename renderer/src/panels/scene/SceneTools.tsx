import { useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/analysis/indices';
import { BAND_ROLES, type BandRole, type Scene } from '../../../../shared/scene';
import { useCatalog } from '../../state/catalog';
import { panels, usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import { formatBytes, progressFraction } from '../jobs';
import { loadOffline, loadSources } from '../sources/actions';
import { cancelOffline, makeOffline, removeOfflineCopy, saveRoleOverrides } from './actions';

const isRemote = (href: string) => /^https?:/i.test(href);

function OfflineControls({ scene }: { scene: Scene }) {
  const offline = usePanels((s) => s.offline.includes(scene.id));
  const job = usePanels((s) => s.offlineJobs[scene.id]);
  const remote = scene.bands.filter((b) => isRemote(b.href)).length;
  if (remote === 0)
    return (
      <div className="muted offline-line" data-offline="local">
        Stored on this computer: works offline.
      </div>
    );
  const running = job?.state === 'running';
  const frac = job ? progressFraction(job) : null;
  return (
    <div className="offline-line" data-offline={offline ? 'yes' : running ? 'running' : 'no'}>
      {offline && !running ? (
        <>
          <span className="badge offline">offline ✓</span>
          <button type="button" className="link danger" onClick={() => void removeOfflineCopy(scene.id)}>
            Remove offline copy
          </button>
        </>
      ) : running ? (
        <div className="job-row">
          <div className="job-title">
            Downloading {remote} file{remote > 1 ? 's' : ''}
            {job.progress ? ` · ${job.progress.phase}` : ''}
          </div>
          <div className="progress">
            <div className="bar" style={{ width: `${Math.round((frac ?? 0) * 100)}%` }} />
          </div>
          <div className="job-meta">
            {job.progress
              ? `${formatBytes(job.progress.done)}${job.progress.total ? ` of ${formatBytes(job.progress.total)}` : ''}`
              : 'Starting…'}
            <button type="button" className="link danger" onClick={() => void cancelOffline(scene.id)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          <button type="button" onClick={() => void makeOffline(scene.id)} data-testid="make-offline">
            {job && (job.state === 'cancelled' || job.state === 'failed')
              ? 'Resume download'
              : 'Make available offline'}
          </button>
          <span className="muted">
            {' '}
            {remote} remote file{remote > 1 ? 's' : ''}
            {job?.state === 'cancelled' ? ' · paused' : ''}
          </span>
          {job?.state === 'failed' && job.error && (
            <div className="problem">
              <strong>{job.error.message}</strong>
              {job.error.hint && <div className="hint">{job.error.hint}</div>}
            </div>
          )}
        </>
      )}
    </div>
  );
}

function RolesEditor({
  scene,
  open,
  onToggle,
}: {
  scene: Scene;
  open: boolean;
  onToggle(open: boolean): void;
}) {
  const overridden = usePanels((s) => s.settings?.roleOverrides?.[scene.id]);
  const original = useMemo(
    () => Object.fromEntries(scene.bands.map((b) => [b.name, b.role])) as Record<string, BandRole | null>,
    [scene],
  );
  const [draft, setDraft] = useState(original);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(original), [original]);
  const changes = Object.fromEntries(Object.entries(draft).filter(([k, v]) => original[k] !== v));
  const dirty = Object.keys(changes).length > 0;
  const save = async (reset: boolean) => {
    setSaving(true);
    await saveRoleOverrides(scene.id, changes, reset);
    setSaving(false);
  };
  return (
    <details
      className="roles-editor"
      data-testid="roles-editor"
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        Band roles{' '}
        {overridden && Object.keys(overridden).length > 0 && <span className="badge edited">edited</span>}
      </summary>
      <div className="hint">
        Indices and analysis find bands by role. Fix a role here when a file was named or tagged wrongly.
      </div>
      <table>
        <thead>
          <tr>
            <th>Band</th>
            <th>Role</th>
            <th>Pixel size</th>
          </tr>
        </thead>
        <tbody>
          {scene.bands.map((b) => (
            <tr key={b.name} className={original[b.name] !== draft[b.name] ? 'changed' : undefined}>
              <td className="band-name" title={b.href}>
                {b.name}
                {b.centerWavelength ? <span className="muted"> {b.centerWavelength} µm</span> : null}
              </td>
              <td>
                <select
                  value={draft[b.name] ?? ''}
                  aria-label={`Role of ${b.name}`}
                  onChange={(e) =>
                    setDraft((d) => ({ ...d, [b.name]: (e.target.value || null) as BandRole | null }))
                  }
                >
                  <option value="">— none —</option>
                  {BAND_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r] ?? r}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{Math.abs(b.geotransform[1]).toPrecision(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-buttons">
        <button
          type="button"
          className="primary"
          disabled={!dirty || saving}
          onClick={() => void save(false)}
        >
          {saving ? 'Saving…' : 'Save roles'}
        </button>
        <button type="button" disabled={!dirty || saving} onClick={() => setDraft(original)}>
          Undo
        </button>
        {overridden && (
          <button type="button" className="link" disabled={saving} onClick={() => void save(true)}>
            Back to sensor defaults
          </button>
        )}
      </div>
    </details>
  );
}

/** Offline copy and band roles of the selected scene (Scenes tab). */
export function SceneTools() {
  const sceneId = useApp((s) => s.sceneId);
  const scene = useCatalog((s) => (sceneId ? s.scenes[sceneId] : undefined));
  // Held here: the editor remounts while a saved scene is fetched again, and should stay open.
  const [rolesOpen, setRolesOpen] = useState(false);
  useEffect(() => {
    void loadOffline();
    // Role overrides live in settings: read them once for the "edited" badge.
    if (!panels.getState().settings) void loadSources();
  }, []);
  if (!sceneId || !scene) return null;
  return (
    <section className="panel scene-tools" data-testid="scene-tools">
      <div className="panel-head">
        <h2>Scene</h2>
        <span className="count" title={scene.id}>
          {scene.title}
        </span>
      </div>
      <OfflineControls scene={scene} />
      <RolesEditor scene={scene} open={rolesOpen} onToggle={setRolesOpen} />
    </section>
  );
}
