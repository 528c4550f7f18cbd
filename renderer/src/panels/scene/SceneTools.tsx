import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { projDef } from '../../../../shared/proj';
import { BAND_ROLES, type BandRole, type Scene } from '../../../../shared/scene';
import { Problem } from '../../components/Problem';
import { fmtNumber } from '../../i18n';
import { useCatalog } from '../../state/catalog';
import { panels, usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import { formatBytes, progressFraction } from '../jobs';
import { loadOffline, loadSources } from '../sources/actions';
import { cancelOffline, makeOffline, removeOfflineCopy, saveRoleOverrides } from './actions';
import { isLevel1A, OrthoControls } from './OrthoControls';

const isRemote = (href: string) => /^https?:/i.test(href);

/** A band's pixel size with its unit: metres for projected CRSs, degrees for lon/lat ones. */
export function pixelSize(
  scene: Pick<Scene, 'crs'>,
  gt: readonly number[],
): { value: string; unit: 'm' | 'deg' } {
  let geographic = false;
  try {
    geographic = /\+proj=longlat\b/.test(projDef(scene.crs));
  } catch {
    geographic = /^EPSG:4326$/i.test(scene.crs);
  }
  const size = Math.abs(gt[1]);
  return geographic
    ? { value: fmtNumber(size, 0, 6), unit: 'deg' }
    : { value: fmtNumber(size, 0, size >= 10 ? 0 : 2), unit: 'm' };
}

function OfflineControls({ scene }: { scene: Scene }) {
  const { t } = useTranslation('workspace');
  const offline = usePanels((s) => s.offline.includes(scene.id));
  const job = usePanels((s) => s.offlineJobs[scene.id]);
  const remote = scene.bands.filter((b) => isRemote(b.href)).length;
  if (remote === 0)
    return (
      <div className="muted offline-line" data-offline="local">
        {t('offline.local')}
      </div>
    );
  const running = job?.state === 'running';
  const frac = job ? progressFraction(job) : null;
  return (
    <div className="offline-line" data-offline={offline ? 'yes' : running ? 'running' : 'no'}>
      {offline && !running ? (
        <>
          <span className="badge offline">{t('sources.offlineBadge')}</span>
          <button type="button" className="link danger" onClick={() => void removeOfflineCopy(scene.id)}>
            {t('offline.remove')}
          </button>
        </>
      ) : running ? (
        <div className="job-row">
          <div className="job-title">
            {t('offline.downloading', { count: remote, n: fmtNumber(remote) })}
            {job.progress ? ` · ${job.progress.phase}` : ''}
          </div>
          <div className="progress">
            <div className="bar" style={{ width: `${Math.round((frac ?? 0) * 100)}%` }} />
          </div>
          <div className="job-meta">
            {job.progress
              ? job.progress.total
                ? t('offline.progress', {
                    done: formatBytes(job.progress.done),
                    total: formatBytes(job.progress.total),
                  })
                : formatBytes(job.progress.done)
              : t('analysis.starting')}
            <button type="button" className="link danger" onClick={() => void cancelOffline(scene.id)}>
              {t('analysis.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <button type="button" onClick={() => void makeOffline(scene.id)} data-testid="make-offline">
            {t(
              job && (job.state === 'cancelled' || job.state === 'failed')
                ? 'offline.resume'
                : 'offline.make',
            )}
          </button>
          <span className="muted">
            {' '}
            {t('offline.remote', { count: remote, n: fmtNumber(remote) })}
            {job?.state === 'cancelled' ? ` · ${t('offline.paused')}` : ''}
          </span>
          {job?.state === 'failed' && job.error && <Problem error={job.error} />}
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
  const { t } = useTranslation('workspace');
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
        {t('roles.title')}{' '}
        {overridden && Object.keys(overridden).length > 0 && (
          <span className="badge edited">{t('roles.edited')}</span>
        )}
      </summary>
      <div className="hint">{t('roles.hint')}</div>
      <table>
        <thead>
          <tr>
            <th>{t('roles.band')}</th>
            <th>{t('roles.role')}</th>
            <th>{t('roles.pixelSize')}</th>
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
                  aria-label={t('roles.roleOf', { band: b.name })}
                  onChange={(e) =>
                    setDraft((d) => ({ ...d, [b.name]: (e.target.value || null) as BandRole | null }))
                  }
                >
                  <option value="">{t('roles.none')}</option>
                  {BAND_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r} · {t(`bands.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted" data-testid="pixel-size">
                {(() => {
                  const p = pixelSize(scene, b.geotransform);
                  return t(`units.${p.unit}`, { value: p.value });
                })()}
              </td>
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
          {t(saving ? 'saving' : 'roles.save')}
        </button>
        <button type="button" disabled={!dirty || saving} onClick={() => setDraft(original)}>
          {t('roles.undo')}
        </button>
        {overridden && (
          <button type="button" className="link" disabled={saving} onClick={() => void save(true)}>
            {t('roles.reset')}
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
  const { t } = useTranslation('workspace');
  useEffect(() => {
    void loadOffline();
    // Role overrides live in settings: read them once for the "edited" badge.
    if (!panels.getState().settings) void loadSources();
  }, []);
  if (!sceneId || !scene) return null;
  return (
    <section className="panel scene-tools" data-testid="scene-tools">
      <div className="panel-head">
        <h2>{t('sceneTools.title')}</h2>
        <span className="count" title={scene.id}>
          {scene.title}
        </span>
      </div>
      {isLevel1A(scene) && <OrthoControls scene={scene} />}
      <OfflineControls scene={scene} />
      <RolesEditor scene={scene} open={rolesOpen} onToggle={setRolesOpen} />
    </section>
  );
}
