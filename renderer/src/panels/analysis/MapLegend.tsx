/**
 * A key for the result layer, drawn on the map itself (top left, beside the zoom buttons) so a
 * screenshot of the map carries what the colour means, the area and the dates.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { usePanels } from '../../state/panels';
import { MASK_COLORS } from '../maskStyle';
import { fmtDate, fmtKm2, readSummary } from './summary';

export function MapLegend() {
  const mask = usePanels((s) => s.mask);
  const result = usePanels((s) => s.result);
  const [host, setHost] = useState<Element | null>(null);
  useEffect(() => setHost(document.querySelector('.mapwrap')), []);
  if (!host || !mask?.visible || !result || result.jobId !== mask.jobId) return null;
  const s = readSummary(result.kind, result.value.summary);
  const c = MASK_COLORS[result.kind];
  const dates = s.dates.map((d) => fmtDate(d.date)).join(' → ');
  return createPortal(
    <div className="result-legend" data-testid="result-legend">
      <span
        className="swatch"
        style={{ background: `rgb(${c[0]}, ${c[1]}, ${c[2]})`, opacity: mask.opacity }}
      />
      <div>
        <div className="result-legend-title">
          {result.kind === 'flood' ? 'Flooded' : 'Water'} · {fmtKm2(s.areaKm2)} km²
          {s.synthetic && <span className="badge synthetic">SYNTHETIC</span>}
        </div>
        <div className="muted">
          {dates}
          {s.index ? ` · ${s.index}` : ''}
        </div>
      </div>
    </div>,
    host,
  );
}
