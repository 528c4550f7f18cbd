/**
 * Legend pieces for what the layers panel changes: the band-math view's ramp and formula, and the
 * per-band ranges of a user's composite stretch (instead of the fixed-reflectance note).
 */
import { useTranslation } from 'react-i18next';
import type { BandRole } from '../../../../shared/scene';
import { type Legend, rampLegend } from '../../map/views';
import { useLayers } from '../../state/layers';

/** A ramp's formula, colour bar and tick values, ticks written by `format`. */
/** Tick labels with two decimals; a value that is zero up to rounding shows as 0. */
function twoDecimals(v: number): string {
  return Math.abs(v) < 1e-9 ? '0' : v.toFixed(2);
}

export function RampScale({ legend, format }: { legend: Legend; format: (v: number) => string }) {
  return (
    <>
      <div className="legend-formula" dir="ltr">
        {legend.subtitle}
      </div>
      <div className="legend-ramp" style={{ background: legend.gradient }} />
      <div className="legend-ticks" dir="ltr">
        {legend.stops.map((s) => (
          <span key={s.value}>{format(s.value)}</span>
        ))}
      </div>
    </>
  );
}

export function ExpressionLegend() {
  const { t } = useTranslation('layers');
  const e = useLayers((s) => s.expression);
  const lg = rampLegend(t('bandmath.title'), e.text, e.ramp, e.range);
  return (
    <section className="panel legend" data-testid="legend" aria-label={t('legend.expression')}>
      <div className="legend-head">
        <div className="legend-title">{lg.title}</div>
      </div>
      <RampScale legend={lg} format={twoDecimals} />
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
