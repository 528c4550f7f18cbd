/**
 * The composite's stretch: fixed (reflectance 0–0.3, the default), a percentile or min–max fit to
 * what is in view, or a range dragged on each band's live histogram.
 */
import { useTranslation } from 'react-i18next';
import type { StretchMode } from '../../../../shared/analysis/stretch';
import type { BandRole } from '../../../../shared/scene';
import { fitStretch } from '../../map/histograms';
import { roleLabel } from '../../map/views';
import { setBandRange, setStretchMode, useLayers } from '../../state/layers';
import { Histogram } from './Histogram';

const MODES: StretchMode[] = ['fixed', 'percentile', 'minmax', 'manual'];
const CHANNEL = ['#dc2626', '#16a34a', '#2563eb'];

export function Stretch({ roles }: { roles: [BandRole, BandRole, BandRole] }) {
  const { t } = useTranslation('layers');
  const mode = useLayers((s) => s.stretchMode);
  const lowPct = useLayers((s) => s.lowPct);
  const highPct = useLayers((s) => s.highPct);
  const ranges = useLayers((s) => s.ranges);
  const hists = useLayers((s) => s.histograms);
  return (
    <fieldset className="stretch" data-testid="stretch">
      <legend>{t('stretch.title')}</legend>
      <label className="field">
        <span>{t('stretch.mode')}</span>
        <select
          value={mode}
          onChange={(e) => setStretchMode(e.target.value as StretchMode)}
          data-testid="stretch-mode"
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`stretch.modes.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {mode === 'percentile' && (
        <div className="row">
          <label className="field small">
            <span>{t('stretch.lowPct')}</span>
            <input
              type="number"
              min={0}
              max={49}
              step={0.5}
              value={lowPct}
              onChange={(e) => setStretchMode('percentile', [Number(e.target.value), highPct])}
            />
          </label>
          <label className="field small">
            <span>{t('stretch.highPct')}</span>
            <input
              type="number"
              min={51}
              max={100}
              step={0.5}
              value={highPct}
              onChange={(e) => setStretchMode('percentile', [lowPct, Number(e.target.value)])}
            />
          </label>
        </div>
      )}
      {(mode === 'percentile' || mode === 'minmax') && (
        <button type="button" className="link" onClick={fitStretch}>
          {t('stretch.fit')}
        </button>
      )}
      {mode === 'fixed' && <div className="muted">{t('stretch.fixedHelp')}</div>}
      {roles.map((role, i) => (
        <Histogram
          key={role}
          role={role}
          label={`${t(`channels.${i}`)} · ${roleLabel(role)}`}
          hist={hists[role]}
          range={ranges[role] ?? [0, role.startsWith('nir') || role.startsWith('swir') ? 0.5 : 0.3]}
          color={CHANNEL[i]}
          onRange={(r) => setBandRange(role, r)}
        />
      ))}
      <div className="muted">{t('stretch.histHelp')}</div>
    </fieldset>
  );
}
