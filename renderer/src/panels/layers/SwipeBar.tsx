/**
 * The swipe line over the map: drag it (or focus it and use the arrow keys) to reveal more of the
 * main scene on the left or of the compare scene on the right.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../state/catalog';
import { setCompare, useLayers } from '../../state/layers';
import { useApp } from '../../state/store';

export function SwipeBar() {
  const { t } = useTranslation('compare');
  const cmp = useLayers((s) => s.compare);
  const mainId = useApp((s) => s.sceneId);
  const left = useCatalog((s) => s.list.scenes.find((x) => x.id === mainId));
  const right = useCatalog((s) => s.list.scenes.find((x) => x.id === cmp.sceneId));
  const bar = useRef<HTMLDivElement>(null);
  if (cmp.mode !== 'swipe' || !cmp.sceneId) return null;
  const at = (clientX: number) => {
    const host = bar.current?.parentElement?.getBoundingClientRect();
    if (host) setCompare({ swipe: (clientX - host.left) / host.width });
  };
  const pct = Math.round(cmp.swipe * 100);
  return (
    <>
      <div className="swipe-label left" dir="auto">
        {left?.title ?? ''} {left?.datetime?.slice(0, 10) ?? ''}
      </div>
      <div className="swipe-label right" dir="auto">
        {right?.title ?? ''} {right?.datetime?.slice(0, 10) ?? ''}
      </div>
      <div
        ref={bar}
        className="swipe-bar"
        style={{ left: `${cmp.swipe * 100}%` }}
        role="slider"
        tabIndex={0}
        aria-label={t('swipe')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="swipe-bar"
        onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && at(e.clientX)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') setCompare({ swipe: cmp.swipe - 0.02 });
          else if (e.key === 'ArrowRight') setCompare({ swipe: cmp.swipe + 0.02 });
          else return;
          e.preventDefault();
        }}
      >
        <span className="swipe-grip" aria-hidden>
          ⇔
        </span>
      </div>
    </>
  );
}
