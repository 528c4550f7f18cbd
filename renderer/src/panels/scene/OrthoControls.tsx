import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInfo } from '../../../../shared/contract';
import type { Scene } from '../../../../shared/scene';
import { fmtNumber } from '../../i18n';
import { progressFraction } from '../jobs';
import './ortho.css';
import { PathPicker } from '../../components/PathPicker';
import { Problem } from '../../components/Problem';
import { cancelOrtho, startOrtho } from './ortho-actions';

type HeightChoice = 'model' | 'constant' | 'dem';

/** A Level-1A scene (raw image + RPC model): listed, but drawn only once orthorectified. */
export function isLevel1A(scene: Scene): boolean {
  const level = String(scene.properties?.['processing:level'] ?? '').replace(/[_\s]/g, '');
  return scene.drawable === false && /^(LEVEL)?1A$|^L1A$/i.test(level);
}

/** "Orthorectify" with its height source (model mean height, a constant, or a DEM file). */
export function OrthoControls({ scene }: { scene: Scene }) {
  const { t } = useTranslation('ortho');
  const [choice, setChoice] = useState<HeightChoice>('dem');
  const [dem, setDem] = useState('');
  const [height, setHeight] = useState('');
  const [resampling, setResampling] = useState<'bilinear' | 'near'>('bilinear');
  const [job, setJob] = useState<JobInfo | null>(null);
  const running = job?.state === 'running';
  const heightValue = Number(height);
  const ready =
    choice === 'model' ||
    (choice === 'dem' && dem.trim().length > 0) ||
    (choice === 'constant' && height.trim() !== '' && Number.isFinite(heightValue));
  const go = () =>
    void startOrtho(
      {
        sceneId: scene.id,
        resampling,
        ...(choice === 'dem' ? { dem: dem.trim() } : {}),
        ...(choice === 'constant' ? { height: heightValue } : {}),
      },
      setJob,
    );
  const frac = job ? progressFraction(job) : null;
  return (
    <div className="ortho-controls" data-testid="ortho-controls">
      <div className="hint">{t('explain')}</div>
      <fieldset disabled={running}>
        <legend>{t('heights')}</legend>
        {(['dem', 'constant', 'model'] as const).map((c) => (
          <label key={c} className="ortho-choice">
            <input
              type="radio"
              name={`ortho-h-${scene.id}`}
              checked={choice === c}
              onChange={() => setChoice(c)}
            />{' '}
            {t(`choice.${c}`)}
          </label>
        ))}
        {choice === 'dem' && (
          <div className="ortho-dem">
            <PathPicker
              kind="file"
              value={dem}
              onChange={setDem}
              filters={[{ name: t('picker:demFiles'), extensions: ['tif', 'tiff'] }]}
              placeholder={t('demPlaceholder')}
              label={t('demLabel')}
              testId="ortho-dem"
            />
          </div>
        )}
        {choice === 'constant' && (
          <input
            type="number"
            className="ortho-height"
            value={height}
            aria-label={t('heightLabel')}
            placeholder={t('heightPlaceholder')}
            onChange={(e) => setHeight(e.target.value)}
          />
        )}
        {choice === 'model' && <div className="muted">{t('modelNote')}</div>}
        <label className="ortho-choice">
          {t('resampling')}{' '}
          <select value={resampling} onChange={(e) => setResampling(e.target.value as 'bilinear' | 'near')}>
            <option value="bilinear">{t('bilinear')}</option>
            <option value="near">{t('near')}</option>
          </select>
        </label>
      </fieldset>
      {running ? (
        <div className="job-row">
          <div className="progress">
            <div className="bar" style={{ width: `${Math.round((frac ?? 0) * 100)}%` }} />
          </div>
          <div className="job-meta">
            {job.progress
              ? t('progress', { done: fmtNumber(job.progress.done), total: fmtNumber(job.progress.total) })
              : t('starting')}
            <button type="button" className="link danger" onClick={() => void cancelOrtho(job, setJob)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" disabled={!ready} onClick={go} data-testid="orthorectify">
          {t('run')}
        </button>
      )}
      {job?.state === 'failed' && job.error && <Problem error={job.error} />}
      {job?.state === 'cancelled' && <div className="muted">{t('cancelled')}</div>}
    </div>
  );
}
