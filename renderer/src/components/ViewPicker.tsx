import { useMemo } from 'react';
import type { BandRole } from '../../../shared/scene';
import { roleLabel, VIEWS, viewMissing } from '../map/views';
import { useCatalog } from '../state/catalog';
import { setIndex, setOpacity, useApp } from '../state/store';

const GROUPS: { title: string; match: (kind: string) => boolean }[] = [
  { title: 'Composites', match: (k) => k === 'composite' },
  { title: 'Vegetation', match: (k) => k === 'vegetation' },
  { title: 'Water', match: (k) => k === 'water' },
  {
    title: 'Moisture, burn, built-up, turbidity',
    match: (k) => ['moisture', 'burn', 'builtup', 'turbidity'].includes(k),
  },
];

export function ViewPicker() {
  const indexId = useApp((s) => s.indexId);
  const opacity = useApp((s) => s.opacity);
  const sceneId = useApp((s) => s.sceneId);
  const summary = useCatalog((s) => s.list.scenes.find((x) => x.id === sceneId));
  const scene = useCatalog((s) => (sceneId ? s.scenes[sceneId] : undefined));
  const roles: BandRole[] = useMemo(() => {
    if (scene) return scene.bands.map((b) => b.role).filter((r): r is BandRole => r !== null);
    return summary?.roles ?? [];
  }, [scene, summary]);

  return (
    <section className="panel">
      <div className="panel-head">
        <h2>View</h2>
      </div>
      {!sceneId && <div className="muted">Pick a scene to choose a view.</div>}
      <div className="views">
        {GROUPS.map((g) => {
          const items = VIEWS.filter((v) => g.match(v.type === 'composite' ? 'composite' : v.def.kind));
          return (
            <div key={g.title} className="view-group">
              <div className="view-group-title">{g.title}</div>
              <div className="view-buttons">
                {items.map((v) => {
                  const missing = sceneId ? viewMissing(v, roles) : [];
                  const disabled = !sceneId || missing.length > 0;
                  const tip = missing.length
                    ? `${v.def.name} needs ${missing.map(roleLabel).join(' and ')}: this scene has no such band.`
                    : `${v.def.longName}${v.type === 'index' ? ` = ${v.def.formula}` : ''}`;
                  return (
                    <button
                      key={v.def.id}
                      type="button"
                      aria-pressed={indexId === v.def.id}
                      className={`view${sceneId && indexId === v.def.id ? ' on' : ''}${sceneId ? '' : ' idle'}`}
                      disabled={disabled}
                      title={tip}
                      data-view={v.def.id}
                      onClick={() => setIndex(v.def.id)}
                    >
                      {v.def.name}
                    </button>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
      <label className="opacity">
        Opacity <b>{Math.round(opacity * 100)} %</b>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          onChange={(e) => setOpacity(Number(e.target.value))}
        />
      </label>
    </section>
  );
}
