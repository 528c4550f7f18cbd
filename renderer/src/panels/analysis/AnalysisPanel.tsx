import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getIndex, missingBands, ROLE_LABELS } from '../../../../shared/analysis/indices';
import type { BoundaryLayer } from '../../../../shared/contract';
import type { BandRole, SceneSummary } from '../../../../shared/scene';
import { api } from '../../api/client';
import { Problem } from '../../components/Problem';
import { fmtNumber, i18n, localDigits } from '../../i18n';
import { BOUNDARIES_CHANGED } from '../../map/boundaries';
import { useCatalog } from '../../state/catalog';
import { usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import { progressFraction } from '../jobs';
import { cancelAnalysis, clearResult, resumeLatest, runAnalysis } from './actions';
import { formProblems, WARNINGS } from './formProblems';
import { RecentAnalyses } from './RecentAnalyses';
import { ResultView } from './ResultView';

const WATER_INDICES = [
  { id: 'mndwi', name: 'MNDWI' },
  { id: 'ndwi', name: 'NDWI' },
  { id: 'awei-sh', name: 'AWEIsh' },
  { id: 'awei-nsh', name: 'AWEInsh' },
] as const;

/** The sample flood pair, picked by default when present. */
const DEFAULT_PRE = 'S2-SYN-SINDH-20220615';
const DEFAULT_POST = 'S2-SYN-SINDH-20220830';
/** No default id: the finest layer the host lists (districts when added, else provinces). */
const DEFAULT_ZONES = '';

const bySuffix = (scenes: SceneSummary[], suffix: string) =>
  scenes.find((s) => s.id === suffix || s.id.endsWith(`:${suffix}`))?.id ?? '';

function sceneLabel(s: SceneSummary, withSource: boolean): string {
  const day = s.datetime ? localDigits(s.datetime.slice(0, 10)) : i18n.t('workspace:scenes.noDate');
  return `${day} · ${s.title}${withSource ? ` — ${s.source}` : ''}`;
}

function ScenePicker({
  label,
  value,
  scenes,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  scenes: SceneSummary[];
  onChange(id: string): void;
  testId: string;
}) {
  // The same scene can come from two sources (e.g. a local copy and a remote catalog).
  const manySources = new Set(scenes.map((s) => s.source)).size > 1;
  const { t } = useTranslation('workspace');
  return (
    <label className="field">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('analysis.chooseScene')}</option>
        {scenes.map((s) => (
          <option key={s.id} value={s.id}>
            {sceneLabel(s, manySources)}
            {s.synthetic ? ` (${t('synthetic.word')})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which of the chosen scenes lack which bands for an index (empty = usable). */
function lacking(indexId: string, chosen: SceneSummary[]): { scene: SceneSummary; bands: BandRole[] }[] {
  const def = getIndex(indexId);
  return chosen
    .map((scene) => ({ scene, bands: missingBands(def, scene.roles) }))
    .filter((x) => x.bands.length > 0);
}

function JobRow() {
  const { t } = useTranslation('workspace');
  const run = usePanels((s) => s.run);
  if (!run) return null;
  const { job } = run;
  const frac = progressFraction(job);
  if (job.state === 'done') {
    const secs = job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : null;
    return (
      <div className="job-row state-done" data-testid="job-row" data-state="done" title={job.title}>
        <span>
          ✓{' '}
          {secs !== null && Number.isFinite(secs)
            ? t('analysis.finishedIn', { secs: fmtNumber(secs, 1) })
            : t('analysis.finished')}
        </span>
        <button type="button" className="link" onClick={clearResult} title={t('analysis.clearTitle')}>
          {t('analysis.clear')}
        </button>
      </div>
    );
  }
  return (
    <div
      className={`job-row state-${job.state}`}
      data-testid="job-row"
      data-state={job.state}
      title={job.title}
    >
      <div className="job-title">
        {t(job.kind === 'flood' ? 'analysis.floodJob' : 'analysis.waterJob')}
        {job.state === 'running' ? '…' : ''}
      </div>
      {job.state === 'running' && (
        <>
          <div className="progress">
            <div
              className={`bar${frac === null ? ' indeterminate' : ''}`}
              style={{ width: frac === null ? '30%' : `${Math.round(frac * 100)}%` }}
            />
          </div>
          <div className="job-meta">
            {job.progress
              ? `${job.progress.phase.charAt(0).toUpperCase()}${job.progress.phase.slice(1)} · ${localDigits(`${job.progress.done}/${job.progress.total}`)}`
              : t('analysis.starting')}
            <button type="button" className="link danger" onClick={() => void cancelAnalysis()}>
              {t('analysis.cancel')}
            </button>
          </div>
        </>
      )}
      {job.state === 'cancelled' && <div className="muted">{t('analysis.cancelled')}</div>}
      {job.state === 'failed' && job.error && <Problem error={job.error} />}
    </div>
  );
}

export function AnalysisPanel() {
  const { t } = useTranslation('workspace');
  const all = useCatalog((s) => s.list.scenes);
  const selected = useApp((s) => s.sceneId);
  const run = usePanels((s) => s.run);
  const result = usePanels((s) => s.result);
  const drawable = useMemo(
    () =>
      [...all].filter((s) => s.drawable).sort((a, b) => (a.datetime ?? '').localeCompare(b.datetime ?? '')),
    [all],
  );
  const [mode, setMode] = useState<'flood' | 'water'>('flood');
  const [preId, setPreId] = useState('');
  const [postId, setPostId] = useState('');
  const [waterId, setWaterId] = useState('');
  /** The index the analyst picked, per mode; the one used falls back when a scene cannot compute it. */
  const [preferred, setPreferred] = useState<Record<'flood' | 'water', string>>({
    flood: 'mndwi',
    water: 'mndwi',
  });
  const [auto, setAuto] = useState(true);
  const [manual, setManual] = useState('0');
  const [ndvi, setNdvi] = useState('0.3');
  const [zones, setZones] = useState<string>(DEFAULT_ZONES);
  const [cloudMask, setCloudMask] = useState(true);
  const [layers, setLayers] = useState<BoundaryLayer[]>([]);
  const [formOpen, setFormOpen] = useState(true);
  const resultId = result?.jobId;
  // A new result takes the room: fold the settings into one line (a click opens them again).
  useEffect(() => {
    if (resultId) setFormOpen(false);
  }, [resultId]);

  useEffect(() => {
    void resumeLatest();
  }, []);

  useEffect(() => {
    const load = () =>
      api.boundaries.list().then(
        (l) => {
          setLayers(l);
          // A newly added district layer becomes the choice when provinces were the fallback.
          setZones((z) => {
            const district = l.find((b) => b.level === 'district')?.id;
            const current = l.find((b) => b.id === z);
            if (current && (current.level === 'district' || !district)) return z;
            return district ?? l[0]?.id ?? '';
          });
        },
        () => setLayers([]),
      );
    void load();
    window.addEventListener(BOUNDARIES_CHANGED, load);
    return () => window.removeEventListener(BOUNDARIES_CHANGED, load);
  }, []);

  // Defaults once the list is there: the sample pair, else the two latest scenes.
  useEffect(() => {
    if (!drawable.length) return;
    const has = (id: string) => drawable.some((s) => s.id === id);
    if (!has(preId))
      setPreId(
        bySuffix(drawable, DEFAULT_PRE) || (drawable.length > 1 ? drawable[drawable.length - 2].id : ''),
      );
    if (!has(postId)) setPostId(bySuffix(drawable, DEFAULT_POST) || drawable[drawable.length - 1].id);
    if (!has(waterId)) setWaterId(bySuffix(drawable, DEFAULT_POST) || drawable[drawable.length - 1].id);
  }, [drawable, preId, postId, waterId]);

  // Water mode follows the scene picked in the list.
  useEffect(() => {
    if (selected && drawable.some((s) => s.id === selected)) setWaterId(selected);
  }, [selected, drawable]);

  const chosen = (mode === 'flood' ? [preId, postId] : [waterId])
    .map((id) => drawable.find((s) => s.id === id))
    .filter((s): s is SceneSummary => !!s);
  const missingFor = (id: string) => lacking(id, chosen);
  // MNDWI needs SWIR1, which e.g. GF-1 WFV lacks: NDWI is used then, and the pick comes back
  // when the scenes allow it again.
  const index =
    missingFor(preferred[mode]).length === 0
      ? preferred[mode]
      : (WATER_INDICES.find((w) => missingFor(w.id).length === 0)?.id ?? preferred[mode]);
  const indexOk = missingFor(index).length === 0;
  const unavailable = WATER_INDICES.filter((w) => missingFor(w.id).length > 0);

  const manualValue = Number(manual);
  const ndviValue = Number(ndvi);
  const problems = formProblems({
    mode,
    preId,
    postId,
    preDate: chosen.find((s) => s.id === preId)?.datetime,
    postDate: chosen.find((s) => s.id === postId)?.datetime,
    ndvi: ndviValue,
    waterId,
    auto,
    manual,
    indexOk,
  });
  const running = run?.job.state === 'running';
  const blocking = problems.filter((p) => !WARNINGS.has(p));

  const start = () => {
    const threshold = auto ? ('auto' as const) : manualValue;
    const z = zones || undefined;
    if (mode === 'flood')
      void runAnalysis({
        kind: 'flood',
        request: { preId, postId, index, threshold, ndviThreshold: ndviValue, zones: z, cloudMask },
      });
    else
      void runAnalysis({
        kind: 'water',
        request: { sceneId: waterId, index, threshold, zones: z, cloudMask },
      });
  };

  const day = (id: string) => drawable.find((s) => s.id === id)?.datetime?.slice(0, 10) ?? '?';
  const settingsLine = [
    mode === 'flood'
      ? t('analysis.line.flood', { pre: localDigits(day(preId)), post: localDigits(day(postId)) })
      : t('analysis.line.water', { day: localDigits(day(waterId)) }),
    getIndex(index).name,
    auto ? 'Otsu' : t('analysis.line.threshold', { value: manual }),
    layers.find((l) => l.id === zones)?.name.replace(/ \(.*\)$/, '') ?? t('analysis.noBreakdownShort'),
  ].join(' · ');

  const req = result && run?.job.id === result.jobId ? run.request : null;
  const resultInputs = req
    ? req.kind === 'flood'
      ? [req.request.preId, req.request.postId]
      : [req.request.sceneId]
    : [];
  const inputsSynthetic = resultInputs.some((id) => all.find((s) => s.id === id)?.synthetic);

  return (
    <section className="panel analysis-panel" data-testid="analysis-panel">
      <div className="panel-head">
        <h2>{t('analysis.title')}</h2>
      </div>
      <div className="mode-switch" role="tablist" aria-label={t('analysis.mode')}>
        <button
          type="button"
          role="tab"
          className={mode === 'flood' ? 'on' : ''}
          aria-selected={mode === 'flood'}
          onClick={() => setMode('flood')}
          data-mode="flood"
        >
          {t('analysis.floodMode')}
        </button>
        <button
          type="button"
          role="tab"
          className={mode === 'water' ? 'on' : ''}
          aria-selected={mode === 'water'}
          onClick={() => setMode('water')}
          data-mode="water"
        >
          {t('analysis.waterMode')}
        </button>
      </div>
      <details
        className="analysis-settings"
        open={formOpen}
        onToggle={(e) => setFormOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>{formOpen ? t('analysis.settings') : settingsLine}</summary>
        <div className="analysis-form">
          {mode === 'flood' ? (
            <>
              <ScenePicker
                label={t('analysis.before')}
                value={preId}
                scenes={drawable}
                onChange={setPreId}
                testId="pre"
              />
              <ScenePicker
                label={t('analysis.after')}
                value={postId}
                scenes={drawable}
                onChange={setPostId}
                testId="post"
              />
            </>
          ) : (
            <ScenePicker
              label={t('analysis.scene')}
              value={waterId}
              scenes={drawable}
              onChange={setWaterId}
              testId="water-scene"
            />
          )}
          <div className="field">
            {t('analysis.waterIndex')}
            <div className="view-buttons">
              {WATER_INDICES.map((w) => {
                const miss = missingFor(w.id);
                const why = miss
                  .map((m) =>
                    t('analysis.hasNoBand', {
                      scene: m.scene.title,
                      bands: m.bands.map((b) => ROLE_LABELS[b] ?? b).join(' / '),
                    }),
                  )
                  .join('; ');
                return (
                  <button
                    key={w.id}
                    type="button"
                    className={`view${index === w.id ? ' on' : ''}`}
                    disabled={miss.length > 0}
                    title={why || getIndex(w.id).longName}
                    onClick={() => setPreferred((p) => ({ ...p, [mode]: w.id }))}
                    data-index={w.id}
                  >
                    {w.name}
                  </button>
                );
              })}
            </div>
            {unavailable.length > 0 && (
              <div className="hint" data-testid="index-hint">
                {t('analysis.indexHint', {
                  count: unavailable.length,
                  indices: unavailable.map((w) => w.name).join(', '),
                  bands: [...new Set(unavailable.flatMap((w) => missingFor(w.id).flatMap((m) => m.bands)))]
                    .map((b) => ROLE_LABELS[b] ?? b)
                    .join(', '),
                  scenes: [
                    ...new Set(unavailable.flatMap((w) => missingFor(w.id).map((m) => m.scene.title))),
                  ].join(', '),
                })}
              </div>
            )}
          </div>
          <div className="field">
            {t('analysis.waterThreshold')}
            <div className="row">
              <label className="inline">
                <input type="radio" checked={auto} onChange={() => setAuto(true)} name="threshold" />
                {t('analysis.automatic')}
              </label>
              <label className="inline">
                <input type="radio" checked={!auto} onChange={() => setAuto(false)} name="threshold" />
                {t('analysis.manual')}
              </label>
              <input
                type="number"
                step={0.01}
                className="num-input"
                value={manual}
                disabled={auto}
                onChange={(e) => setManual(e.target.value)}
                aria-label={t('analysis.manualThreshold')}
              />
            </div>
          </div>
          {mode === 'flood' && (
            <label className="field">
              {t('analysis.cropland')}
              <input
                type="number"
                step={0.05}
                min={-1}
                max={1}
                className="num-input"
                value={ndvi}
                onChange={(e) => setNdvi(e.target.value)}
              />
            </label>
          )}
          <label className="field">
            {t('analysis.figuresPer')}
            <select value={zones} onChange={(e) => setZones(e.target.value)} data-testid="zones">
              <option value="">{t('analysis.noBreakdown')}</option>
              {layers.map((b) => (
                <option key={b.id} value={b.id} title={b.attribution}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={cloudMask} onChange={(e) => setCloudMask(e.target.checked)} />
            {t('analysis.maskClouds')}
          </label>
          {problems.length > 0 && (
            <ul className="form-problems">
              {problems.map((p) => (
                <li key={p} data-problem={p}>
                  {p === 'index'
                    ? t('analysis.problems.index', { index: getIndex(index).name })
                    : t(`analysis.problems.${p}`)}
                </li>
              ))}
            </ul>
          )}
          <div className="form-buttons">
            <button
              type="button"
              className="primary"
              disabled={running || blocking.length > 0}
              onClick={start}
              data-testid="run-analysis"
            >
              {t(running ? 'analysis.running' : mode === 'flood' ? 'analysis.runFlood' : 'analysis.runWater')}
            </button>
          </div>
        </div>
      </details>
      <JobRow />
      {result && <ResultView kind={result.kind} value={result.value} inputsSynthetic={inputsSynthetic} />}
      <RecentAnalyses />
    </section>
  );
}
