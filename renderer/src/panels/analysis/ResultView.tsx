import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisJobResult } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { localDigits } from '../../i18n';
import { useCatalog } from '../../state/catalog';
import { setMaskOpacity, setMaskVisible, usePanels } from '../../state/panels';
import { pushToast } from '../../state/store';
import { formatBytes } from '../jobs';
import { MASK_COLORS } from '../maskStyle';
import { copyText, describeArtifact, downloadArtifact } from './downloads';
import {
  fmtDate,
  fmtHa,
  fmtKm2,
  fmtPct,
  methodLabel,
  readSummary,
  type SummaryView,
  sortZones,
  type ZoneRow,
  zonesTsv,
} from './summary';

function ZoneTable({ kind, zones }: { kind: 'flood' | 'water'; zones: ZoneRow[] }) {
  const { t } = useTranslation('workspace');
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const rows = sortZones(zones);
  const hasCropland = rows.some((z) => z.croplandKm2 !== undefined);
  const hasObserved = rows.some((z) => typeof z.observedKm2 === 'number');
  const copy = async () => {
    setCopied((await copyText(zonesTsv(kind, zones))) ? 'ok' : 'failed');
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div className="zones">
      <div className="subhead">
        {t('result.byDistrict')}
        <button type="button" className="link" onClick={() => void copy()} data-testid="copy-table">
          {t(copied === 'ok' ? 'result.copied' : copied === 'failed' ? 'result.copyFailed' : 'result.copy')}
        </button>
      </div>
      {rows.length === 0 ? (
        <div className="muted">{t('result.noZones')}</div>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable from the keyboard
        <section className="table-scroll" tabIndex={0} aria-label={t('result.byDistrict')}>
          <table className="zone-table" data-testid="zone-table">
            <thead>
              <tr>
                <th>{t('result.district')}</th>
                <th title={t('units.km2Title')}>
                  {t(kind === 'flood' ? 'result.flooded' : 'result.water')} {t('units.km2')}
                </th>
                <th title={t('result.shareTitle')}>{t('result.share')}</th>
                {hasCropland && <th title={t('result.croplandTitle')}>{t('result.croplandKm2')}</th>}
                {hasObserved && (
                  <th title={`${t('result.observedTitle')}; ${t('result.hiddenTitle')}`}>
                    {t('result.seenHiddenKm2')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((z) => (
                <tr key={z.id} data-zone={z.name}>
                  <td>{z.name}</td>
                  <td className="num">{fmtKm2(z.km2)}</td>
                  <td className="num">{fmtPct(z.sharePct)}</td>
                  {hasCropland && <td className="num">{fmtKm2(z.croplandKm2 ?? null)}</td>}
                  {hasObserved && (
                    <td
                      className="num"
                      data-observed={z.observedKm2 ?? ''}
                      data-hidden={hidden(z) ?? ''}
                      title={t('result.hiddenSplit', {
                        cloud: fmtKm2(z.cloudKm2 ?? null),
                        nodata: fmtKm2(z.nodataKm2 ?? null),
                      })}
                    >
                      {fmtKm2(z.observedKm2 ?? null)} <span className="muted">/ {fmtKm2(hidden(z))}</span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** Area hidden by cloud or without data (null when the engine did not say). */
function hidden(z: { cloudKm2?: number; nodataKm2?: number }): number | null {
  if (typeof z.cloudKm2 !== 'number' && typeof z.nodataKm2 !== 'number') return null;
  return (z.cloudKm2 ?? 0) + (z.nodataKm2 ?? 0);
}

function MapControls({ kind }: { kind: 'flood' | 'water' }) {
  const { t } = useTranslation('workspace');
  const mask = usePanels((s) => s.mask);
  if (!mask) return null;
  const c = MASK_COLORS[kind];
  return (
    <div className="mask-controls">
      <label>
        <input
          type="checkbox"
          checked={mask.visible}
          onChange={(e) => setMaskVisible(e.target.checked)}
          data-testid="mask-visible"
        />
        <span className="swatch" style={{ background: `rgb(${c[0]}, ${c[1]}, ${c[2]})` }} />
        {t(kind === 'flood' ? 'result.floodOnMap' : 'result.waterOnMap')}
      </label>
      <label className="mask-opacity">
        {t('result.opacity')}
        <input
          type="range"
          min={0.2}
          max={1}
          step={0.05}
          value={mask.opacity}
          onChange={(e) => setMaskOpacity(Number(e.target.value))}
        />
      </label>
    </div>
  );
}

export function ResultView({
  kind,
  value,
  inputsSynthetic,
}: {
  kind: 'flood' | 'water';
  value: AnalysisJobResult;
  inputsSynthetic: boolean;
}) {
  const { t } = useTranslation('workspace');
  const s = readSummary(kind, value.summary);
  const scenes = useCatalog((st) => st.list.scenes);
  const title = (id: string | null) => (id ? (scenes.find((x) => x.id === id)?.title ?? id) : '');
  const synthetic = s.synthetic || inputsSynthetic;
  const what = t(kind === 'flood' ? 'result.floodedArea' : 'result.waterArea');
  const [saving, setSaving] = useState<string | null>(null);
  return (
    <div className="result" data-testid="analysis-result">
      {synthetic && (
        <div className="synthetic-warning" data-testid="synthetic-warning">
          <strong>{t('synthetic.warningTitle')}</strong> {t('synthetic.warning')}
        </div>
      )}
      <div className="summary-card" data-testid="summary-card">
        <div className="big-label">{what}</div>
        <div className="big">
          <span data-testid="area-km2" data-value={s.areaKm2 ?? ''}>
            {fmtKm2(s.areaKm2)}
          </span>{' '}
          {t('units.km2')}{' '}
          <span className="ha">
            ({fmtHa(s.areaHa)} {t('units.ha')})
          </span>
        </div>
        {kind === 'flood' && (
          <div className="line">
            {t('result.floodedCropland')}{' '}
            <b data-testid="cropland-km2" data-value={s.croplandKm2 ?? ''}>
              {fmtKm2(s.croplandKm2)} {t('units.km2')}
            </b>{' '}
            ({fmtHa(s.croplandHa)} {t('units.ha')})
            {s.ndviThreshold !== null && (
              <span className="muted"> · {t('result.ndviBefore', { value: s.ndviThreshold })}</span>
            )}
          </div>
        )}
        <dl>
          {s.dates.map((d) => (
            <div key={d.label}>
              <dt>{t(`result.dates.${d.label}`)}</dt>
              <dd className="clip" title={title(d.id)}>
                <b>{localDigits(fmtDate(d.date))}</b> <span className="muted">{title(d.id)}</span>
              </dd>
            </div>
          ))}
          <div>
            <dt>{t('result.index')}</dt>
            <dd>{s.index ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('result.threshold')}</dt>
            <dd data-testid="threshold">
              {s.thresholds
                .map(
                  (x) =>
                    `${t(`result.thresholdOf.${x.label}`)} ${x.value === null ? '?' : x.value.toFixed(3)}`,
                )
                .join(' · ')}{' '}
              <span className="muted">({methodLabel(s.thresholds[0]?.method ?? null)})</span>
            </dd>
          </div>
        </dl>
        <Coverage s={s} />
        {s.method && (
          <details className="method">
            <summary>{t('result.method')}</summary>
            <div className="muted">{s.method}</div>
          </details>
        )}
      </div>
      <MapControls kind={kind} />
      {value.zonesNote && (
        <p className="muted" data-testid="zones-note">
          {t('resultHint', { ns: 'boundaries' })}
        </p>
      )}
      {value.zones && <ZoneTable kind={kind} zones={value.zones} />}
      {value.artifacts.length > 0 && (
        <div className="artifacts">
          <div className="subhead">{t('result.files')}</div>
          <ul>
            {value.artifacts.map((a) => (
              <li key={a.name}>
                <button
                  type="button"
                  className="link"
                  data-artifact={a.name}
                  disabled={saving === a.name}
                  onClick={async () => {
                    setSaving(a.name);
                    try {
                      await downloadArtifact(a);
                    } catch (e) {
                      pushToast(toErrorData(e));
                    }
                    setSaving(null);
                  }}
                >
                  ⤓ {a.name}
                </button>{' '}
                <span className="muted">
                  {describeArtifact(a)} · {formatBytes(a.bytes)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * What the figures rest on: the area observed (valid and cloud-free in every scene), the area hidden
 * by cloud or without data (where flood may be but cannot be seen), and permanent water.
 */
function Coverage({ s }: { s: SummaryView }) {
  const { t } = useTranslation('workspace');
  if (s.observedKm2 === null) return null;
  const hiddenKm2 =
    s.cloudKm2 === null && s.nodataKm2 === null ? null : (s.cloudKm2 ?? 0) + (s.nodataKm2 ?? 0);
  return (
    <dl className="coverage" data-testid="coverage">
      <div>
        <dt>{t('result.observed')}</dt>
        <dd data-testid="observed-km2" data-value={s.observedKm2}>
          {fmtKm2(s.observedKm2)} {t('units.km2')} <span className="muted">{t('result.observedNote')}</span>
        </dd>
      </div>
      {hiddenKm2 !== null && (
        <div>
          <dt>{t('result.hidden')}</dt>
          <dd data-testid="hidden-km2" data-value={hiddenKm2}>
            {fmtKm2(hiddenKm2)} {t('units.km2')}{' '}
            <span className="muted">
              {t('result.hiddenSplit', { cloud: fmtKm2(s.cloudKm2), nodata: fmtKm2(s.nodataKm2) })}
            </span>
          </dd>
        </div>
      )}
      {s.permanentWaterKm2 !== null && (
        <div>
          <dt>{t('result.permanent')}</dt>
          <dd data-testid="permanent-km2" data-value={s.permanentWaterKm2}>
            {fmtKm2(s.permanentWaterKm2)} {t('units.km2')}{' '}
            <span className="muted">{t('result.permanentNote')}</span>
          </dd>
        </div>
      )}
    </dl>
  );
}
