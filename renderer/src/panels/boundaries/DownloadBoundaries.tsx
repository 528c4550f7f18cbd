/**
 * "Download district boundaries": geoBoundaries (gbOpen ADM1–ADM3) or OpenStreetMap (admin_level
 * 4–6), each with its licence shown before the download; progress, cancel, and resume by starting
 * again. Offline, the error's hint says to add a file instead.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryDownloadRequest, JobInfo } from '../../../../shared/contract';
import { type ErrorData, toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { followJob, formatBytes, progressFraction } from '../jobs';
import { ErrorNote } from './ErrorNote';
import { LevelSelect } from './LevelSelect';

type Provider = BoundaryDownloadRequest['provider'];
type Level = BoundaryDownloadRequest['level'];

const LEVELS: Record<Provider, Level[]> = {
  geoboundaries: ['district', 'province', 'tehsil'],
  osm: ['district', 'division', 'province'],
};

export function DownloadBoundaries({ onAdded }: { onAdded(): void }) {
  const { t } = useTranslation('boundaries');
  const [provider, setProvider] = useState<Provider>('geoboundaries');
  const [level, setLevel] = useState<Level>('district');
  const [job, setJob] = useState<JobInfo | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const running = job?.state === 'running';

  const start = async () => {
    setError(null);
    try {
      const last = await followJob(await api.boundaries.download({ provider, level }), setJob);
      if (last.state === 'done') onAdded();
      else if (last.state === 'failed') setError(last.error ?? null);
    } catch (e) {
      setError(toErrorData(e));
    }
  };
  const fraction = job ? progressFraction(job) : null;

  return (
    <section className="boundary-download" data-testid="boundary-download">
      <h3>{t('download.title')}</h3>
      <fieldset disabled={running}>
        <legend className="visually-hidden">{t('download.source')}</legend>
        {(['geoboundaries', 'osm'] as const).map((p) => (
          <label key={p} className="radio">
            <input
              type="radio"
              name="boundary-provider"
              checked={provider === p}
              onChange={() => {
                setProvider(p);
                setLevel('district');
              }}
            />
            <span>
              <strong>{t(`download.${p}.name`)}</strong>
              <span className="muted small"> — {t(`download.${p}.license`)}</span>
            </span>
          </label>
        ))}
        <LevelSelect levels={LEVELS[provider]} value={level} onChange={setLevel} testId="download-level" />
      </fieldset>
      {running ? (
        <div className="row">
          <progress
            value={fraction ?? undefined}
            max={1}
            aria-label={job?.progress?.phase ?? t('download.title')}
          />
          <span className="muted small">
            {job?.progress?.phase} {job?.progress?.done ? formatBytes(job.progress.done) : ''}
          </span>
          <button type="button" onClick={() => job && api.jobs.cancel(job.id)} data-testid="download-cancel">
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={start} data-testid="download-start">
          {job?.state === 'failed' || job?.state === 'cancelled' ? t('download.resume') : t('download.start')}
        </button>
      )}
      {job?.state === 'done' && <div className="muted small">{t('download.done')}</div>}
      <ErrorNote error={error} />
    </section>
  );
}
