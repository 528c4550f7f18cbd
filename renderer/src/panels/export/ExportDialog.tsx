/**
 * The export dialog: what to export (map as PDF or PNG, the flood report, polygons, the district
 * table, an index COG), the page options, a live preview of the page drawn by the host with the
 * same code as the file, and progress with cancel while the host writes it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryLayer, ExportPreview, JobInfo } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { api, rasterUrl } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { panels } from '../../state/panels';
import { pushToast } from '../../state/store';
import { EXPORT_CHOICES, type ExportChoices, exportRequest } from './exportRequest';
import { type ExportRun, runExport } from './runExport';
import { useExportContext } from './useExportContext';

const KIND_KEYS: Record<ExportChoices['kind'], string> = {
  'map-pdf': 'dialog.mapPdf',
  'map-png': 'dialog.mapPng',
  'report-pdf': 'dialog.reportPdf',
  geojson: 'dialog.geojson',
  kml: 'dialog.kml',
  csv: 'dialog.csv',
  cog: 'dialog.indexCog',
};

function usePreview(request: ReturnType<typeof exportRequest>, enabled: boolean) {
  const [state, setState] = useState<{ preview: ExportPreview | null; error: string | null }>({
    preview: null,
    error: null,
  });
  // The request compared by value: a new object with the same choices draws nothing new.
  const key = JSON.stringify(request);
  useEffect(() => {
    const req = JSON.parse(key) as ReturnType<typeof exportRequest>;
    if (!enabled || 'missing' in req) return;
    let live = true;
    const timer = setTimeout(() => {
      api.exports.preview({ ...req, kind: req.kind === 'map-png' ? 'map-png' : 'map-pdf' }).then(
        (preview) => {
          if (live) setState({ preview, error: null });
        },
        (e) => {
          if (live) setState({ preview: null, error: toErrorData(e).message });
        },
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, enabled]);
  return state;
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('export');
  const ctx = useExportContext();
  const [choices, setChoices] = useState<ExportChoices>({
    kind: 'map-pdf',
    size: 'a4',
    landscape: false,
    dpi: 300,
    lang: currentLanguage(),
    title: '',
    zones: '',
    viewExtent: false,
  });
  const [layers, setLayers] = useState<BoundaryLayer[]>([]);
  const [producer, setProducer] = useState('');
  useEffect(() => {
    api.settings.get().then(
      (s) => setProducer(s.producer ?? ''),
      () => {},
    );
  }, []);
  async function saveProducer() {
    try {
      const next = await api.settings.update({ producer: producer.trim() });
      panels.setState({ settings: next });
    } catch (e) {
      pushToast(toErrorData(e));
    }
  }
  const [job, setJob] = useState<JobInfo | null>(null);
  const [running, setRunning] = useState<ExportRun | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    api.boundaries.list().then(
      (l) => setLayers(l.filter((x) => x.level !== 'country')),
      () => setLayers([]),
    );
  }, []);
  useEffect(() => {
    if (ctx.result?.zones) setChoices((c) => (c.zones ? c : { ...c, zones: ctx.result?.zones ?? '' }));
  }, [ctx.result?.zones]);
  const request = useMemo(() => exportRequest(choices, ctx), [choices, ctx]);
  const isPage = choices.kind === 'map-pdf' || choices.kind === 'map-png' || choices.kind === 'report-pdf';
  const preview = usePreview(request, isPage);
  const set = (patch: Partial<ExportChoices>) => setChoices((c) => ({ ...c, ...patch }));

  async function start() {
    if ('missing' in request) return;
    setDone(null);
    // The producer typed last is on the page even when the field still has the focus.
    await saveProducer();
    const r = runExport(request, setJob);
    setRunning(r);
    try {
      const info = await r.job;
      const name = (info.result as { artifact: { name: string } }).artifact.name;
      setDone(name);
    } catch (e) {
      const err = toErrorData(e);
      if (err.code !== 'CANCELLED') pushToast(err);
    }
    setRunning(null);
  }

  const progress = job?.progress;
  return (
    <div className="export-backdrop" role="presentation">
      <div
        className="export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <h2 id="export-title">{t('dialog.title')}</h2>
        <div className="export-body">
          <form className="export-form" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('dialog.what')}
              <select
                value={choices.kind}
                onChange={(e) => set({ kind: e.target.value as ExportChoices['kind'] })}
                data-testid="export-kind"
              >
                {EXPORT_CHOICES.map((k) => (
                  <option key={k} value={k}>
                    {t(KIND_KEYS[k])}
                  </option>
                ))}
              </select>
            </label>
            {isPage && choices.kind !== 'report-pdf' && (
              <>
                <label>
                  {t('dialog.titleField')}
                  <input
                    value={choices.title}
                    onChange={(e) => set({ title: e.target.value })}
                    maxLength={300}
                    data-testid="export-title"
                  />
                </label>
                <label>
                  {t('dialog.size')}
                  <select value={choices.size} onChange={(e) => set({ size: e.target.value as 'a4' | 'a3' })}>
                    <option value="a4">A4</option>
                    <option value="a3">A3</option>
                  </select>
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={choices.landscape}
                    onChange={(e) => set({ landscape: e.target.checked })}
                  />
                  {t('dialog.landscape')}
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={choices.viewExtent}
                    onChange={(e) => set({ viewExtent: e.target.checked })}
                    data-testid="export-view-extent"
                  />
                  {t('dialog.viewExtent')}
                </label>
              </>
            )}
            {isPage && (
              <label>
                {t('dialog.producer')}
                <input
                  value={producer}
                  onChange={(e) => setProducer(e.target.value)}
                  onBlur={() => void saveProducer()}
                  maxLength={200}
                  data-testid="export-producer"
                />
              </label>
            )}
            {choices.kind === 'map-png' && (
              <label>
                {t('dialog.dpi')}
                <select
                  value={choices.dpi}
                  onChange={(e) => set({ dpi: Number(e.target.value) as 150 | 300 })}
                >
                  <option value={150}>150</option>
                  <option value={300}>300</option>
                </select>
              </label>
            )}
            {isPage && (
              <>
                <label>
                  {t('dialog.zones')}
                  <select value={choices.zones} onChange={(e) => set({ zones: e.target.value })}>
                    <option value="">{t('dialog.none')}</option>
                    {layers.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('dialog.language')}
                  <select value={choices.lang} onChange={(e) => set({ lang: e.target.value as 'en' | 'ur' })}>
                    <option value="en">{t('dialog.english')}</option>
                    <option value="ur">{t('dialog.urdu')}</option>
                  </select>
                </label>
              </>
            )}
            {'missing' in request && <p className="export-missing">{t(request.missing)}</p>}
          </form>
          {isPage && (
            <figure className="export-preview" aria-label={t('dialog.preview')}>
              {preview.preview && !('missing' in request) ? (
                <img
                  src={rasterUrl(preview.preview.href)}
                  alt={t('dialog.preview')}
                  width={preview.preview.width}
                  height={preview.preview.height}
                  data-testid="export-preview"
                />
              ) : (
                <div className="export-preview-empty">
                  {preview.error
                    ? t('dialog.previewFailed', { message: preview.error })
                    : t('dialog.previewLoading')}
                </div>
              )}
            </figure>
          )}
        </div>
        <div className="export-status" aria-live="polite">
          {running && progress && (
            <>
              <progress max={progress.total || 1} value={progress.done} />
              <span>{t('dialog.progress', { phase: progress.phase })}</span>
            </>
          )}
          {done && <span data-testid="export-done">{t('dialog.done', { name: done })}</span>}
        </div>
        <div className="export-actions">
          {running ? (
            <button type="button" onClick={() => void running.cancel()} data-testid="export-cancel">
              {t('dialog.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={'missing' in request}
              onClick={() => void start()}
              data-testid="export-start"
            >
              {t('dialog.start')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('dialog.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
