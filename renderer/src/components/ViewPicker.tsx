import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BandRole } from '../../../shared/scene';
import { fmtNumber } from '../i18n';
import { VIEWS, viewMissing } from '../map/views';
import { useCatalog } from '../state/catalog';
import { setIndex, setOpacity, useApp } from '../state/store';

/** View groups; `key` names the group in workspace:viewPicker.groups. */
const GROUPS: { key: string; match: (kind: string) => boolean }[] = [
  { key: 'composites', match: (k) => k === 'composite' },
  { key: 'vegetation', match: (k) => k === 'vegetation' },
  { key: 'water', match: (k) => k === 'water' },
  { key: 'other', match: (k) => ['moisture', 'burn', 'builtup', 'turbidity'].includes(k) },
];

export function ViewPicker() {
  const { t } = useTranslation('workspace');
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
        <h2>{t('viewPicker.title')}</h2>
      </div>
      {!sceneId && <div className="muted">{t('viewPicker.pickScene')}</div>}
      <div className="views">
        {GROUPS.map((g) => {
          const items = VIEWS.filter((v) => g.match(v.type === 'composite' ? 'composite' : v.def.kind));
          return (
            <div key={g.key} className="view-group">
              <div className="view-group-title">{t(`viewPicker.groups.${g.key}`)}</div>
              <div className="view-buttons">
                {items.map((v) => {
                  const missing = sceneId ? viewMissing(v, roles) : [];
                  const disabled = !sceneId || missing.length > 0;
                  const bands = missing.map((r) => t(`bands.${r}`)).join(t('viewPicker.and'));
                  const tip = missing.length
                    ? t('viewPicker.needs', { view: v.def.name, bands })
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
        {t('viewPicker.opacity')} <b>{fmtNumber(Math.round(opacity * 100))} %</b>
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
