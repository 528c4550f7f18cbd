/**
 * Settings → Boundaries: the boundary layers per-zone tables use (embedded country and provinces,
 * and the districts the user adds from a file or downloads), with each layer's licence and
 * attribution. Adding a file first inspects it, so the user picks the layer, the name fields
 * (English and Urdu) and the level.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryLayer } from '../../../../shared/contract';
import { type ErrorData, toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { fmtNumber } from '../../i18n';
import { BOUNDARIES_CHANGED } from '../../map/boundaries';
import { AddBoundary } from './AddBoundary';
import { DownloadBoundaries } from './DownloadBoundaries';
import { ErrorNote } from './ErrorNote';
import './boundaries.css';

function LayerRow({ layer, onRemoved }: { layer: BoundaryLayer; onRemoved(): void }) {
  const { t } = useTranslation('boundaries');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const remove = async () => {
    try {
      await api.boundaries.remove(layer.id);
      onRemoved();
    } catch (e) {
      setError(toErrorData(e));
    }
  };
  return (
    <li className="boundary-layer" data-boundary-id={layer.id}>
      <div className="boundary-head">
        <strong>
          {layer.origin === 'builtin'
            ? t(`builtinNames.${layer.id}`, { defaultValue: layer.name })
            : layer.name}
        </strong>
        <span className="muted">
          {t(`levels.${layer.level}`)} · {t('features', { value: fmtNumber(layer.featureCount) })}
        </span>
      </div>
      <div className="muted small">
        {t('license')}: {layer.license}
      </div>
      <div className="muted small">
        {t('attribution')}: {layer.attribution}
      </div>
      {!!layer.problems?.length && (
        <details className="small">
          <summary>{t('problems', { value: fmtNumber(layer.problems.length) })}</summary>
          <ul>
            {layer.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      )}
      {layer.origin === 'user' ? (
        confirming ? (
          <div className="row">
            <button type="button" className="danger" onClick={remove} data-testid="boundary-remove-confirm">
              {t('removeConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} data-testid="boundary-remove">
            {t('remove')}
          </button>
        )
      ) : (
        <div className="muted small">{t('builtin')}</div>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

export function BoundariesPanel() {
  const { t } = useTranslation('boundaries');
  const [layers, setLayers] = useState<BoundaryLayer[]>([]);
  const [error, setError] = useState<ErrorData | null>(null);
  const reload = useCallback(() => {
    api.boundaries.list().then(
      (l) => {
        setLayers(l);
        setError(null);
      },
      (e) => setError(toErrorData(e)),
    );
  }, []);
  useEffect(reload, [reload]);
  /** After an add, download or remove: the list here and the map's boundary layers. */
  const changed = useCallback(() => {
    reload();
    window.dispatchEvent(new Event(BOUNDARIES_CHANGED));
  }, [reload]);
  const hasDistricts = layers.some((l) => l.level === 'district');
  return (
    <section className="boundaries-panel" data-testid="boundaries-panel" aria-labelledby="boundaries-title">
      <h2 id="boundaries-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!hasDistricts && (
        <p className="hint" data-testid="no-districts">
          {t('noDistricts')}
        </p>
      )}
      <ul className="boundary-list">
        {layers.map((l) => (
          <LayerRow key={l.id} layer={l} onRemoved={changed} />
        ))}
      </ul>
      <ErrorNote error={error} />
      <AddBoundary onAdded={changed} />
      <DownloadBoundaries onAdded={changed} />
    </section>
  );
}
