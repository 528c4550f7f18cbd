import { useEffect, useRef } from 'react';
import { createMapController } from '../map/controller';
import { type LayerVisibility, setLayerVisible, useApp } from '../state/store';

const LAYER_TOGGLES: [keyof LayerVisibility, string][] = [
  ['scene', 'Scene'],
  ['provinces', 'Provinces'],
  ['districts', 'Districts'],
  ['labels', 'Names'],
];

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
        {LAYER_TOGGLES.map(([key, label]) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={layers[key]}
              onChange={(e) => setLayerVisible(key, e.target.checked)}
            />
            {label}
          </label>
        ))}
      </div>
    </>
  );
}
