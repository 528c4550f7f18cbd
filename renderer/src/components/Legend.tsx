import { findView, indexLegend } from '../map/views';
import { useCatalog } from '../state/catalog';
import { useApp } from '../state/store';

function fmt(v: number): string {
  return Math.abs(v) < 1e-9 ? '0' : v.toFixed(2);
}

export function Legend() {
  const indexId = useApp((s) => s.indexId);
  const sceneId = useApp((s) => s.sceneId);
  // Only once the scene's metadata is in (a scene that failed to open shows no legend).
  const loaded = useCatalog((s) => (sceneId ? !!s.scenes[sceneId] : false));
  if (!sceneId || !loaded) return null;
  const view = findView(indexId);
  if (!view) return null;
  if (view.type === 'composite') {
    return (
      <section className="panel legend" data-testid="legend">
        <div className="legend-title">{view.def.longName}</div>
        <div className="muted">
          {view.def.roles.join(' · ')} as red · green · blue. Reflectance is drawn from 0 to 0.3 (infrared
          0.5) with a display gamma, the same for every scene so dates compare by eye (other data: 2–98 % of
          each band). No-data is transparent.
        </div>
      </section>
    );
  }
  const lg = indexLegend(view.def);
  return (
    <section className="panel legend" data-testid="legend">
      <div className="legend-title">{lg.title}</div>
      <div className="legend-formula">{lg.subtitle}</div>
      <div className="legend-ramp" style={{ background: lg.gradient }} />
      <div className="legend-ticks">
        {lg.stops.map((s) => (
          <span key={s.value}>{fmt(s.value)}</span>
        ))}
      </div>
      <div className="muted legend-label">{lg.rampLabel}</div>
      <div className="muted">Values beyond the ends are clamped; no-data is transparent.</div>
    </section>
  );
}
