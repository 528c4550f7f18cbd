/**
 * A band's histogram over the current view as SVG bars, with the display range drawn over it; the
 * range's two ends can be dragged with the mouse or moved with the arrow keys.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Histogram as Hist } from '../../../../shared/analysis/stretch';

const W = 240;
const H = 48;

interface Props {
  label: string;
  role: string;
  hist: Hist | undefined;
  range: [number, number];
  color: string;
  onRange(range: [number, number]): void;
}

export function Histogram({ label, role, hist, range, color, onRange }: Props) {
  const { t } = useTranslation('layers');
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<0 | 1 | null>(null);
  if (!hist || hist.total === 0)
    return <div className="muted hist-empty">{t('histogram.none', { band: label })}</div>;
  // The axis spans the data and the current range, so a range beyond the data stays visible.
  const lo = Math.min(hist.min, range[0]);
  const hi = Math.max(hist.max, range[1]);
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * W;
  const peak = Math.max(...hist.counts);
  const bw = (hist.max - hist.min) / hist.counts.length;
  const valueAt = (clientX: number) => {
    const r = svg.current?.getBoundingClientRect();
    if (!r) return 0;
    return lo + ((clientX - r.left) / r.width) * span;
  };
  const move = (end: 0 | 1, v: number) => {
    const next: [number, number] = [...range];
    next[end] = v;
    if (next[1] > next[0]) onRange(next);
  };
  const step = span / 100;
  return (
    <div className="hist" data-testid={`hist-${role}`}>
      <div className="hist-head">
        <span>{label}</span>
        <span className="num" dir="ltr">
          {range[0].toFixed(3)} – {range[1].toFixed(3)}
        </span>
      </div>
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
        onPointerMove={(e) => drag.current !== null && move(drag.current, valueAt(e.clientX))}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        <title>{t('histogram.label', { band: label })}</title>
        {hist.counts.map((c, i) => {
          const h = peak ? (c / peak) * (H - 4) : 0;
          const x0 = x(hist.min + i * bw);
          return (
            <rect
              key={x0}
              x={x0}
              y={H - h}
              width={Math.max(1, x(hist.min + (i + 1) * bw) - x0)}
              height={h}
              fill={color}
              opacity={0.7}
            />
          );
        })}
        <rect
          x={x(range[0])}
          y={0}
          width={Math.max(1, x(range[1]) - x(range[0]))}
          height={H}
          className="hist-range"
        />
        {([0, 1] as const).map((end) => (
          <rect
            key={end}
            x={x(range[end]) - 3}
            y={0}
            width={6}
            height={H}
            className="hist-handle"
            tabIndex={0}
            role="slider"
            aria-label={t(end === 0 ? 'histogram.low' : 'histogram.high', { band: label })}
            aria-valuemin={lo}
            aria-valuemax={hi}
            aria-valuenow={range[end]}
            data-end={end}
            onPointerDown={(e) => {
              drag.current = end;
              svg.current?.setPointerCapture(e.pointerId);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') move(end, range[end] - step);
              else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') move(end, range[end] + step);
              else return;
              e.preventDefault();
            }}
          />
        ))}
      </svg>
    </div>
  );
}
