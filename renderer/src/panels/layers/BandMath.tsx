/**
 * The custom band-math view: an expression in the engine's safe language (no eval), checked as it
 * is typed against the scene's bands, with the parser's error shown at its position.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RAMPS } from '../../../../shared/analysis/colormap';
import { parseExpression } from '../../../../shared/analysis/expression';
import type { RampId } from '../../../../shared/analysis/indices';
import { toErrorData } from '../../../../shared/errors';
import type { BandRole } from '../../../../shared/scene';
import { EXPRESSION_VIEW, setExpression, useLayers } from '../../state/layers';
import { setIndex, useApp } from '../../state/store';

/** Code tokens of the expression language: shown as they are typed, in every language. */
const OPERATORS = '+ − * / ^ < <= > >= == != abs sqrt exp log log10 min max clamp where';
const BAND_HINT = 'blue, green, red, nir, swir16, swir22';

export interface ExpressionCheck {
  ok: boolean;
  message?: string;
  hint?: string;
  /** 1-based position of the problem in the text. */
  position?: number;
}

/** Parses the text against the scene's bands; the error carries the parser's position. */
export function checkExpression(text: string, roles: BandRole[]): ExpressionCheck {
  try {
    parseExpression(text, roles.length ? roles : undefined);
    return { ok: true };
  } catch (e) {
    const d = toErrorData(e);
    const pos = (d.details as { position?: number } | undefined)?.position;
    return { ok: false, message: d.message, hint: d.hint, position: pos };
  }
}

export function BandMath({ roles }: { roles: BandRole[] }) {
  const { t } = useTranslation('layers');
  const saved = useLayers((s) => s.expression);
  const active = useApp((s) => s.indexId === EXPRESSION_VIEW);
  const [text, setText] = useState(saved.text);
  const [lo, setLo] = useState(String(saved.range[0]));
  const [hi, setHi] = useState(String(saved.range[1]));
  const [ramp, setRampId] = useState<RampId>(saved.ramp);
  const check = useMemo(() => checkExpression(text, roles), [text, roles]);
  const range: [number, number] = [Number(lo), Number(hi)];
  const rangeOk = Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[1] > range[0];
  const apply = () => {
    if (!check.ok || !rangeOk) return;
    setExpression({ text, range, ramp });
    setIndex(EXPRESSION_VIEW);
  };
  return (
    <fieldset className="bandmath" data-testid="bandmath">
      <legend>{t('bandmath.title')}</legend>
      <label className="field">
        <span>{t('bandmath.expression')}</span>
        <input
          dir="ltr"
          spellCheck={false}
          value={text}
          aria-invalid={!check.ok}
          aria-describedby="bandmath-error"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
          data-testid="bandmath-input"
        />
      </label>
      {!check.ok && (
        <div id="bandmath-error" className="bandmath-error" role="alert" data-testid="bandmath-error">
          <pre dir="ltr">
            {text}
            {'\n'}
            {' '.repeat(Math.max(0, (check.position ?? 1) - 1))}^
          </pre>
          <div>{check.message}</div>
          {check.hint && <div className="muted">{check.hint}</div>}
        </div>
      )}
      <div className="row">
        <label className="field small">
          <span>{t('bandmath.min')}</span>
          <input dir="ltr" inputMode="decimal" value={lo} onChange={(e) => setLo(e.target.value)} />
        </label>
        <label className="field small">
          <span>{t('bandmath.max')}</span>
          <input dir="ltr" inputMode="decimal" value={hi} onChange={(e) => setHi(e.target.value)} />
        </label>
        <label className="field small">
          <span>{t('colormap.title')}</span>
          <select value={ramp} onChange={(e) => setRampId(e.target.value as RampId)}>
            {Object.keys(RAMPS).map((id) => (
              <option key={id} value={id}>
                {t(`ramps.${id}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!rangeOk && <div className="bandmath-error">{t('bandmath.badRange')}</div>}
      <button type="button" disabled={!check.ok || !rangeOk} onClick={apply} data-testid="bandmath-apply">
        {active ? t('bandmath.update') : t('bandmath.show')}
      </button>
      <div className="muted">
        {t('bandmath.bands')} <code dir="ltr">{roles.join(', ') || BAND_HINT}</code>
      </div>
      <div className="muted">
        {t('bandmath.help')} <code dir="ltr">{OPERATORS}</code>
      </div>
    </fieldset>
  );
}
