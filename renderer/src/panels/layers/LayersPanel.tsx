/**
 * The layers panel: saved presets (natural colour, colour infrared, agriculture), the composite's
 * stretch over live histograms or the index's colour ramp and range, the band-math box, and the
 * map's layer stack.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RAMPS } from '../../../../shared/analysis/colormap';
import type { RampId } from '../../../../shared/analysis/indices';
import type { BandRole } from '../../../../shared/scene';
import { COMPOSITES, findView, viewMissing } from '../../map/views';
import { useCatalog } from '../../state/catalog';
import { setIndexRange, setRamp, setStretchMode, useLayers } from '../../state/layers';
import '../../state/layersWorkspace';
import { setIndex, useApp } from '../../state/store';
import { BandMath } from './BandMath';
import { LayerList } from './LayerList';
import { Stretch } from './Stretch';
import './layers.css';

export function useSceneRoles(sceneId: string | null): BandRole[] {
  const scene = useCatalog((s) => (sceneId ? s.scenes[sceneId] : undefined));
  const summary = useCatalog((s) => s.list.scenes.find((x) => x.id === sceneId));
  return useMemo(() => {
    if (scene) return scene.bands.map((b) => b.role).filter((r): r is BandRole => r !== null);
    return summary?.roles ?? [];
  }, [scene, summary]);
}

function Presets({ roles }: { roles: BandRole[] }) {
  const { t } = useTranslation('layers');
  const indexId = useApp((s) => s.indexId);
  return (
    <fieldset className="presets">
      <legend>{t('presets.title')}</legend>
      {COMPOSITES.map((c) => {
        const missing = viewMissing({ type: 'composite', def: c }, roles);
        return (
          <button
            key={c.id}
            type="button"
            aria-pressed={indexId === c.id}
            className={indexId === c.id ? 'on' : ''}
            disabled={missing.length > 0}
            title={
              missing.length ? t('presets.missing', { bands: missing.join(', ') }) : t(`presets.${c.id}Help`)
            }
            data-preset={c.id}
            onClick={() => {
              setStretchMode('fixed');
              setIndex(c.id);
            }}
          >
            {t(`presets.${c.id}`)}
          </button>
        );
      })}
    </fieldset>
  );
}

function IndexColours({ indexId }: { indexId: string }) {
  const { t } = useTranslation('layers');
  const view = findView(indexId);
  const ramps = useLayers((s) => s.ramps);
  const ranges = useLayers((s) => s.indexRanges);
  if (view?.type !== 'index') return null;
  const ramp = ramps[view.def.id] ?? view.def.ramp;
  const range = ranges[view.def.id] ?? view.def.typicalRange;
  return (
    <fieldset className="colormap" data-testid="colormap">
      <legend>{t('colormap.titleFor', { index: view.def.name })}</legend>
      <label className="field">
        <span>{t('colormap.title')}</span>
        <select
          value={ramp}
          onChange={(e) => setRamp(view.def.id, e.target.value as RampId)}
          data-testid="ramp"
        >
          {Object.keys(RAMPS).map((id) => (
            <option key={id} value={id}>
              {t(`ramps.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        {([0, 1] as const).map((end) => (
          <label key={end} className="field small">
            <span>{t(end === 0 ? 'bandmath.min' : 'bandmath.max')}</span>
            <input
              type="number"
              step={0.05}
              dir="ltr"
              value={range[end]}
              onChange={(e) => {
                const next: [number, number] = [...range];
                next[end] = Number(e.target.value);
                setIndexRange(view.def.id, next);
              }}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function LayersPanel() {
  const { t } = useTranslation('layers');
  const sceneId = useApp((s) => s.sceneId);
  const indexId = useApp((s) => s.indexId);
  const roles = useSceneRoles(sceneId);
  const view = findView(indexId);
  return (
    <section className="panel layers-panel" data-testid="layers-panel">
      <div className="panel-head">
        <h2>{t('title')}</h2>
      </div>
      {!sceneId && <div className="muted">{t('noScene')}</div>}
      {sceneId && (
        <>
          <Presets roles={roles} />
          {view?.type === 'composite' && <Stretch roles={view.def.roles} />}
          <IndexColours indexId={indexId} />
          <BandMath roles={roles} />
        </>
      )}
      <LayerList />
    </section>
  );
}
