/**
 * Hooks the end-to-end tests and the benchmark drive the map with. Installed only in builds made
 * for them (`__NIGAH_TEST_HOOKS__`, false in the release build of `npm run dist`), so a shipped
 * app exposes no such global.
 */
import type OlMap from 'ol/Map';
import { fromLonLat } from 'ol/proj';
import { perf } from '../perf/marks';
import { layers } from '../state/layers';
import { selectScene, setIndex, store } from '../state/store';

declare global {
  interface Window {
    __nigahTest?: {
      /** Viewport CSS pixel of a lon/lat (for page.mouse / screenshots). */
      toPixel(lon: number, lat: number): [number, number];
      selectScene(id: string | null): void;
      /** Picks a view (true colour, an index id). */
      selectView(id: string): void;
      centerOn(lon: number, lat: number, zoom: number): void;
      state(): unknown;
      /** Resolves when the map has finished rendering everything in view. */
      idle(): Promise<void>;
    };
  }
  const __NIGAH_TEST_HOOKS__: boolean;
}

export function installTestHooks(map: OlMap, target: HTMLElement): void {
  if (typeof __NIGAH_TEST_HOOKS__ !== 'undefined' && !__NIGAH_TEST_HOOKS__) return;
  window.__nigahTest = {
    toPixel(lon, lat) {
      const px = map.getPixelFromCoordinate(fromLonLat([lon, lat]));
      const rect = target.getBoundingClientRect();
      return [rect.left + px[0], rect.top + px[1]];
    },
    selectScene,
    selectView: setIndex,
    centerOn(lon, lat, zoom) {
      map.getView().setCenter(fromLonLat([lon, lat]));
      map.getView().setZoom(zoom);
    },
    state: () => ({ app: store.getState(), layers: layers.getState(), perf: { ...perf } }),
    idle: () =>
      new Promise<void>((resolve) => {
        map.once('rendercomplete', () => resolve());
        map.render();
      }),
  };
}
