/**
 * A key for the result layer, drawn on the map itself (top left, beside the zoom buttons) so a
 * screenshot of the map carries what the colour means, the area and the dates. It belongs to the
 * scenes the result was computed from: over any other scene it is hidden (as is the mask).
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { localDigits } from '../../i18n';
import { usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import { MASK_COLORS, resultShownWith } from '../maskStyle';
import { ClassKey } from './ClassKey';
import { fmtDate, fmtKm2, readSummary } from './summary';

export function MapLegend() {
  const { t } = useTranslation('workspace');
  const mask = usePanels((s) => s.mask);
  const result = usePanels((s) => s.result);
  const sceneId = useApp((s) => s.sceneId);
  const [host, setHost] = useState<Element | null>(null);
  useEffect(() => setHost(document.querySelector('.mapwrap')), []);
  if (!host || !mask?.visible || !result || result.jobId !== mask.jobId) return null;
  const s = readSummary(result.kind, result.value.summary);
  if (!resultShownWith(s.dates, sceneId)) return null;
  const c = MASK_COLORS[result.kind];
  const dates = s.dates.map((d) => localDigits(fmtDate(d.date))).join(t('result.to'));
  return createPortal(
    <div className="result-legend" data-testid="result-legend">
      <span
        className="swatch"
        style={{ background: `rgb(${c[0]}, ${c[1]}, ${c[2]})`, opacity: mask.opacity }}
      />
      <div>
        <div className="result-legend-title">
          {t(result.kind === 'flood' ? 'result.flooded' : 'result.water')} · {fmtKm2(s.areaKm2)}{' '}
          {t('units.km2')}
          {s.synthetic && <span className="badge synthetic">{t('synthetic.badge')}</span>}
        </div>
        <div className="muted">
          <bdi>{dates}</bdi>
          {s.index ? ` · ${s.index}` : ''}
        </div>
        {mask.classes && <ClassKey kind={result.kind} opacity={mask.opacity} />}
      </div>
    </div>,
    host,
  );
}
