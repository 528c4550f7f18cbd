/**
 * Legend pieces for what the layers panel changes: the band-math view's ramp and formula, and the
 * per-band ranges of a user's composite stretch (instead of the fixed-reflectance note).
 */
import { useTranslation } from 'react-i18next';
import type { BandRole } from '../../../../shared/scene';
import { rampLegend } from '../../map/views';
import { useLayers } from '../../state/layers';

export function ExpressionLegend() {
  const { t } = useTranslation('layers');
  const e = useLayers((s) => s.expression);
  const lg = rampLegend(t('bandmath.title'), e.text, e.ramp, e.range);
  return (
    <section className="panel legend" data-testid="legend" aria-label={t('legend.expression')}>
      <div className="legend-head">
        <div className="legend-title">{lg.title}</div>
      </div>
      <div className="legend-formula" dir="ltr">
        {lg.subtitle}
      </div>
      <div className="legend-ramp" style={{ background: lg.gradient }} />
      <div className="legend-ticks" dir="ltr">
        {lg.stops.map((s) => (
          <span key={s.value}>{Math.abs(s.value) < 1e-9 ? '0' : s.value.toFixed(2)}</span>
        ))}
      </div>
      <div className="muted">{t('legend.clamped')}</div>
    </section>
  );
}

export function StretchNote({ roles }: { roles: BandRole[] }) {
  const { t } = useTranslation('layers');
  const ranges = useLayers((s) => s.ranges);
  return (
    <div data-testid="legend-stretch">
      {t('legend.stretch')}{' '}
      <span dir="ltr">
        {roles
          .map((r) => {
            const v = ranges[r];
            return v ? `${r} ${v[0].toFixed(3)}–${v[1].toFixed(3)}` : r;
          })
          .join(' · ')}
      </span>
    </div>
  );
}
