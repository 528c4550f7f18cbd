import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../i18n';
import { cloudsMasked } from '../map/cloudLayer';
import { findView, indexLegend } from '../map/views';
import { ExpressionLegend, RampScale, StretchNote } from '../panels/layers/LegendParts';
import { useCatalog } from '../state/catalog';
import { EXPRESSION_VIEW, useLayers } from '../state/layers';
import { setCollapsed, usePanels } from '../state/panels';
import { useApp } from '../state/store';

function fmt(v: number): string {
  return Math.abs(v) < 1e-9 ? fmtNumber(0) : fmtNumber(v, 2);
}

const CHANNELS = ['red', 'green', 'blue'] as const;

export function Legend() {
  const { t } = useTranslation('workspace');
  const indexId = useApp((s) => s.indexId);
  const sceneId = useApp((s) => s.sceneId);
  const collapsed = usePanels((s) => s.collapsed.legend === true);
  // Only once the scene's metadata is in (a scene that failed to open shows no legend).
  const loaded = useCatalog((s) => (sceneId ? !!s.scenes[sceneId] : false));
  const clouds = useCatalog((s) => cloudsMasked(sceneId ? s.scenes[sceneId] : undefined, indexId));
  const stretched = useLayers((s) => s.stretchMode !== 'fixed');
  if (!sceneId || !loaded) return null;
  const view = findView(indexId);
  if (indexId === EXPRESSION_VIEW) return <ExpressionLegend />;
  if (!view) return null;
  const title =
    view.type === 'composite'
      ? t(`composite.${view.def.id}`)
      : `${view.def.name} · ${t(`indices.${view.def.id}`)}`;
  return (
    <section
      className={`panel legend${collapsed ? ' collapsed' : ''}`}
      data-testid="legend"
      aria-label={t('legend.label')}
    >
      <div className="legend-head">
        <div className="legend-title">{title}</div>
        <button
          type="button"
          className="fold"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('app:panel.expand') : t('app:panel.collapse')}
          onClick={() => setCollapsed('legend', !collapsed)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </div>
      {!collapsed && view.type === 'composite' && (
        <div className="muted">
          <div className="legend-channels">
            {view.def.roles.map((role, i) => (
              <span key={CHANNELS[i]} className={`channel channel-${CHANNELS[i]}`}>
                {t('legend.channel', { channel: t(`legend.${CHANNELS[i]}`), band: t(`bands.${role}`) })}
              </span>
            ))}
          </div>
          {stretched ? <StretchNote roles={view.def.roles} /> : t('legend.compositeNote')}
        </div>
      )}
      {!collapsed && view.type === 'index' && <IndexRamp indexId={view.def.id} clouds={clouds} />}
    </section>
  );
}

function IndexRamp({ indexId, clouds }: { indexId: string; clouds: boolean }) {
  const { t } = useTranslation('workspace');
  // The ramp and range chosen in the layers panel, if any.
  const ramps = useLayers((s) => s.ramps);
  const ranges = useLayers((s) => s.indexRanges);
  const view = findView(indexId);
  if (view?.type !== 'index') return null;
  const lg = indexLegend(view.def, ramps[view.def.id], ranges[view.def.id]);
  return (
    <>
      <RampScale legend={lg} format={fmt} />
      <div className="muted legend-label">{t(`ramps.${view.def.ramp}`)}</div>
      {clouds && (
        <div className="muted legend-clouds" data-testid="legend-clouds">
          <span className="swatch cloud-swatch" /> {t('legend.cloudMasked')}
        </div>
      )}
      <div className="muted">{t('legend.indexNote')}</div>
    </>
  );
}
