/**
 * Every layer on the map, top first: shown or not, opacity, and moved up or down the drawing
 * order. The scene's and the result's visibility and opacity are the same settings the view
 * picker and the analysis panel change.
 */
import { useTranslation } from 'react-i18next';
import { type MapLayerId, moveLayer, setLayerOpacity, setLayerShown, useLayers } from '../../state/layers';
import { setMaskOpacity, setMaskVisible, usePanels } from '../../state/panels';
import { setLayerVisible, setOpacity, useApp } from '../../state/store';

function useLayerRow(id: MapLayerId): { shown: boolean; opacity: number; present: boolean } {
  const hidden = useLayers((s) => s.hidden.includes(id));
  const opacity = useLayers((s) => s.opacity[id]);
  const sceneOpacity = useApp((s) => s.opacity);
  const appLayers = useApp((s) => s.layers);
  const mask = usePanels((s) => s.mask);
  const compare = useLayers((s) => s.compare.mode !== 'off' && !!s.compare.sceneId);
  if (id === 'scene') return { shown: appLayers.scene, opacity: sceneOpacity, present: true };
  if (id === 'result') return { shown: !!mask?.visible, opacity: mask?.opacity ?? 0, present: !!mask };
  if (id === 'labels') return { shown: appLayers.labels && !hidden, opacity, present: true };
  return { shown: !hidden, opacity, present: id !== 'compare' || compare };
}

function show(id: MapLayerId, on: boolean): void {
  if (id === 'scene') setLayerVisible('scene', on);
  else if (id === 'result') setMaskVisible(on);
  else {
    if (id === 'labels') setLayerVisible('labels', on);
    setLayerShown(id, on);
  }
}

function opacity(id: MapLayerId, v: number): void {
  if (id === 'scene') setOpacity(v);
  else if (id === 'result') setMaskOpacity(v);
  else setLayerOpacity(id, v);
}

function Row({ id, first, last }: { id: MapLayerId; first: boolean; last: boolean }) {
  const { t } = useTranslation('layers');
  const row = useLayerRow(id);
  const name = t(`list.${id}`);
  return (
    <li className={row.present ? '' : 'absent'} data-layer={id}>
      <label className="layer-name">
        <input
          type="checkbox"
          checked={row.shown}
          disabled={!row.present}
          onChange={(e) => show(id, e.target.checked)}
        />
        {name}
      </label>
      <input
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={row.opacity}
        disabled={!row.present}
        aria-label={t('list.opacity', { layer: name })}
        onChange={(e) => opacity(id, Number(e.target.value))}
      />
      <button
        type="button"
        className="icon"
        disabled={first}
        aria-label={t('list.up', { layer: name })}
        onClick={() => moveLayer(id, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon"
        disabled={last}
        aria-label={t('list.down', { layer: name })}
        onClick={() => moveLayer(id, 1)}
      >
        ↓
      </button>
    </li>
  );
}

export function LayerList() {
  const { t } = useTranslation('layers');
  const order = useLayers((s) => s.order);
  return (
    <fieldset className="layer-list" data-testid="layer-list">
      <legend>{t('list.title')}</legend>
      <ol>
        {order.map((id, i) => (
          <Row key={id} id={id} first={i === 0} last={i === order.length - 1} />
        ))}
      </ol>
    </fieldset>
  );
}
