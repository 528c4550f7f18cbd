import { useEffect, useRef } from 'react';
import { createMapController } from '../map/controller';
import { setLayerVisible, useApp } from '../state/store';

export function MapView() {
  const mapEl = useRef<HTMLDivElement>(null);
  const mouseEl = useRef<HTMLDivElement>(null);
  const layers = useApp((s) => s.layers);
  useEffect(() => {
    if (!mapEl.current || !mouseEl.current) return;
    const ctl = createMapController(mapEl.current, mouseEl.current);
    return () => ctl.dispose();
  }, []);
  return (
    <>
      <div className="map" ref={mapEl} data-testid="map" />
      <div className="statusbar">
        <div className="mouse" ref={mouseEl} />
        <label>
          <input
            type="checkbox"
            checked={layers.scene}
            onChange={(e) => setLayerVisible('scene', e.target.checked)}
          />
          Scene
        </label>
        <label>
          <input
            type="checkbox"
            checked={layers.provinces}
            onChange={(e) => setLayerVisible('provinces', e.target.checked)}
          />
          Provinces
        </label>
        <label>
          <input
            type="checkbox"
            checked={layers.districts}
            onChange={(e) => setLayerVisible('districts', e.target.checked)}
          />
          Districts
        </label>
        <label>
          <input
            type="checkbox"
            checked={layers.labels}
            onChange={(e) => setLayerVisible('labels', e.target.checked)}
          />
          Names
        </label>
      </div>
    </>
  );
}
