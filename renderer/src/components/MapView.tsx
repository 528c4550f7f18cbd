import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createMapController } from '../map/controller';
import { useMapFocus } from '../map/keyboard';
import { SwipeBar } from '../panels/layers/SwipeBar';
import { useLayers } from '../state/layers';
import { type LayerVisibility, setLayerVisible, useApp } from '../state/store';

/** Layers the status bar switches on and off (names in workspace:mapToggles). */
const LAYER_TOGGLES: (keyof LayerVisibility)[] = ['scene', 'provinces', 'districts', 'labels'];

export function MapView() {
  const { t } = useTranslation('workspace');
  const mapEl = useRef<HTMLDivElement>(null);
  const mouseEl = useRef<HTMLDivElement>(null);
  const splitEl = useRef<HTMLDivElement>(null);
  const split = useLayers((s) => s.compare.mode === 'split' && !!s.compare.sceneId);
  const layers = useApp((s) => s.layers);
  useMapFocus(mapEl);
  useEffect(() => {
    if (!mapEl.current || !mouseEl.current || !splitEl.current) return;
    const ctl = createMapController(mapEl.current, mouseEl.current, splitEl.current);
    return () => ctl.dispose();
  }, []);
  return (
    <>
      <div className={`map-area${split ? ' split' : ''}`}>
        <div className="map" ref={mapEl} data-testid="map" />
        <div className="map map-b" ref={splitEl} data-testid="map-b" hidden />
        <SwipeBar />
      </div>
      <div className="statusbar">
        <div className="mouse" ref={mouseEl} />
        {LAYER_TOGGLES.map((key) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={layers[key]}
              onChange={(e) => setLayerVisible(key, e.target.checked)}
            />
            {t(`mapToggles.${key}`)}
          </label>
        ))}
      </div>
    </>
  );
}
