/** One openEO job: status and progress, its log, cancel, and opening its results. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenEOJobInfo, OpenEOLogEntry } from '../../../../shared/openeo/service';
import { api } from '../../api/client';
import { fmtNumber, localDigits } from '../../i18n';
import { FINAL } from './actions';

export function JobRow({
  job,
  onChanged,
  onOpen,
  onError,
}: {
  job: OpenEOJobInfo;
  onChanged(job: OpenEOJobInfo): void;
  onOpen(progress: (text: string) => void): Promise<void>;
  onError(e: unknown): void;
}) {
  const { t } = useTranslation('openeo');
  const [logs, setLogs] = useState<OpenEOLogEntry[] | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const running = !FINAL.has(job.status);
  async function showLogs() {
    try {
      setLogs(await api.openeo.logs(job.id));
    } catch (e) {
      onError(e);
    }
  }
  async function cancel() {
    try {
      onChanged(await api.openeo.cancel(job.id));
    } catch (e) {
      onError(e);
    }
  }
  async function open() {
    setOpening(t('jobs.opening'));
    try {
      await onOpen((text) => setOpening(text));
      setOpening(null);
    } catch (e) {
      setOpening(null);
      onError(e);
    }
  }
  return (
    <li className={`openeo-job status-${job.status}`} data-testid="openeo-job" data-status={job.status}>
      <div className="openeo-job-title">
        {job.title}{' '}
        <span className="hint">{localDigits(job.submittedAt.slice(0, 16).replace('T', ' '))}</span>
      </div>
      <div>
        {t(`status.${job.status}`)}
        {job.progress !== null && running && ` · ${fmtNumber(job.progress, 0)}%`}
      </div>
      {running && job.progress !== null && <progress max={100} value={job.progress} />}
      {job.error && <div className="field-error">{job.error.message}</div>}
      <div className="form-buttons">
        <button type="button" onClick={() => void showLogs()}>
          {t('jobs.logs')}
        </button>
        {running && (
          <button type="button" onClick={() => void cancel()}>
            {t('jobs.cancel')}
          </button>
        )}
        {job.status === 'finished' && (
          <button
            type="button"
            className="primary"
            disabled={opening !== null}
            onClick={() => void open()}
            data-testid="openeo-open"
          >
            {opening ?? t('jobs.open')}
          </button>
        )}
      </div>
      {logs && (
        <ol className="openeo-logs" data-testid="openeo-logs">
          {logs.length === 0 && <li>{t('jobs.noLogs')}</li>}
          {logs.map((l) => (
            <li key={l.id} className={`log-${l.level}`}>
              [{l.level}] {l.message}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
