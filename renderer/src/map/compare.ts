/**
 * Comparing two scenes (or two views of one scene): the second one is drawn either on the main
 * map, clipped to the right of a draggable swipe line, or on a second map beside the first that
 * shares its View, so both stay locked in pan and zoom. The main scene is always on the left.
 */
import type { EventsKey } from 'ol/events';
import type BaseLayer from 'ol/layer/Base';
import OlMap from 'ol/Map';
import { unByKey } from 'ol/Observable';
import { getRenderPixel } from 'ol/render';
import type RenderEvent from 'ol/render/Event';
import { type CompareState, layers } from '../state/layers';
import type { WorkerPool } from '../workers/pool';
import { loadBoundaryLayers } from './boundaries';
import { SceneDisplay } from './sceneDisplay';

export interface CompareHandle {
  display: SceneDisplay;
  /** The side-by-side map, while it is shown. */
  splitMap(): OlMap | null;
  dispose(): void;
}

function clip(map: OlMap, swipe: () => number) {
  return (event: RenderEvent) => {
    const ctx = event.context as CanvasRenderingContext2D | undefined;
    const size = map.getSize();
    if (!ctx || !size) return;
    const x = size[0] * swipe();
    const tl = getRenderPixel(event, [x, 0]);
    const tr = getRenderPixel(event, [size[0], 0]);
    const bl = getRenderPixel(event, [x, size[1]]);
    const br = getRenderPixel(event, size);
    ctx.save();
    ctx.beginPath();
    ctx.moveTo(tl[0], tl[1]);
    ctx.lineTo(bl[0], bl[1]);
    ctx.lineTo(br[0], br[1]);
    ctx.lineTo(tr[0], tr[1]);
    ctx.closePath();
    ctx.clip();
  };
}

export function attachCompare(
  map: OlMap,
  splitTarget: HTMLElement,
  pool: WorkerPool,
  report: (e: unknown) => void,
): CompareHandle {
  let split: OlMap | null = null;
  let host: OlMap | null = null;
  const display = new SceneDisplay(() => host ?? map, pool, { report }, 20, 'compare');
  const keys: EventsKey[] = [];
  const swipe = () => layers.getState().compare.swipe;
  const onPre = clip(map, swipe);
  const onPost = (e: RenderEvent) => (e.context as CanvasRenderingContext2D | undefined)?.restore();
  let clipped = false;

  function setClip(on: boolean): void {
    if (on === clipped) return;
    clipped = on;
    if (!on) {
      unByKey(keys.splice(0));
      return;
    }
    for (const l of display.tileLayers()) keys.push(l.on('prerender', onPre), l.on('postrender', onPost));
  }

  function splitMap(): OlMap {
    if (split) return split;
    const m = new OlMap({ target: splitTarget, view: map.getView(), controls: [] });
    loadBoundaryLayers(report, (l) => m.addLayer(l.outline as BaseLayer)).catch(report);
    split = m;
    return m;
  }

  function moveTo(target: OlMap | null): void {
    if (host === target) return;
    host?.removeLayer(display.group);
    target?.addLayer(display.group);
    host = target;
  }

  function apply(c: CompareState): void {
    const on = c.mode !== 'off' && !!c.sceneId;
    if (!on) {
      setClip(false);
      moveTo(null);
      display.clear();
    } else if (c.mode === 'swipe') {
      moveTo(map);
      setClip(true);
    } else {
      setClip(false);
      moveTo(splitMap());
    }
    splitTarget.hidden = c.mode !== 'split';
    // The main map's element changes width with the split; both maps re-measure.
    requestAnimationFrame(() => {
      map.updateSize();
      split?.updateSize();
    });
    if (on) void display.show(c.sceneId, c.viewId);
    map.render();
  }

  const unsub = layers.subscribe((s, p) => {
    if (s.compare !== p.compare) {
      const onlySwipe =
        s.compare.mode === p.compare.mode &&
        s.compare.sceneId === p.compare.sceneId &&
        s.compare.viewId === p.compare.viewId;
      if (onlySwipe) map.render();
      else apply(s.compare);
    } else if (s.compare.mode !== 'off' && s.compare.sceneId) {
      // Stretch, ramp or expression changes redraw the compare scene too.
      void display.show(s.compare.sceneId, s.compare.viewId);
    }
  });
  apply(layers.getState().compare);

  return {
    display,
    splitMap: () => split,
    dispose() {
      unsub();
      setClip(false);
      moveTo(null);
      split?.setTarget(undefined);
    },
  };
}
