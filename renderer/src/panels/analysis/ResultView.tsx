import { useState } from 'react';
import type { AnalysisJobResult } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { useCatalog } from '../../state/catalog';
import { setMaskOpacity, setMaskVisible, usePanels } from '../../state/panels';
import { pushToast } from '../../state/store';
import { formatBytes } from '../jobs';
import { MASK_COLORS } from '../maskStyle';
import { copyText, describeArtifact, downloadArtifact } from './downloads';
import {
  fmtDate,
  fmtHa,
  fmtKm2,
  fmtPct,
  methodLabel,
  readSummary,
  sortZones,
  type ZoneRow,
  zonesTsv,
} from './summary';

function ZoneTable({ kind, zones }: { kind: 'flood' | 'water'; zones: ZoneRow[] }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const rows = sortZones(zones);
  const hasCropland = rows.some((z) => z.croplandKm2 !== undefined);
  const copy = async () => {
    setCopied((await copyText(zonesTsv(kind, zones))) ? 'ok' : 'failed');
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div className="zones">
      <div className="subhead">
        By district
        <button type="button" className="link" onClick={() => void copy()} data-testid="copy-table">
          {copied === 'ok' ? 'Copied ✓' : copied === 'failed' ? 'Copy failed' : 'Copy table'}
        </button>
      </div>
      {rows.length === 0 ? (
        <div className="muted">The scene touches no district of this layer.</div>
      ) : (
        <table className="zone-table" data-testid="zone-table">
          <thead>
            <tr>
              <th>District</th>
              <th title="square kilometres">{kind === 'flood' ? 'Flooded' : 'Water'} km²</th>
              <th>ha</th>
              <th title="Share of the whole district's area">% of district</th>
              {hasCropland && <th title="Flooded cropland (vegetated before the event)">Cropland km²</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((z) => (
              <tr key={z.id} data-zone={z.name}>
                <td>{z.name}</td>
                <td className="num">{fmtKm2(z.km2)}</td>
                <td className="num">{fmtHa(z.ha)}</td>
                <td className="num">{fmtPct(z.sharePct)}</td>
                {hasCropland && <td className="num">{fmtKm2(z.croplandKm2 ?? null)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function MapControls({ kind }: { kind: 'flood' | 'water' }) {
  const mask = usePanels((s) => s.mask);
  if (!mask) return null;
  const c = MASK_COLORS[kind];
  return (
    <div className="mask-controls">
      <label>
        <input
          type="checkbox"
          checked={mask.visible}
          onChange={(e) => setMaskVisible(e.target.checked)}
          data-testid="mask-visible"
        />
        <span className="swatch" style={{ background: `rgb(${c[0]}, ${c[1]}, ${c[2]})` }} />
        {kind === 'flood' ? 'Flooded (water after, dry before)' : 'Water'} on the map
      </label>
      <label className="mask-opacity">
        Opacity
        <input
          type="range"
          min={0.2}
          max={1}
          step={0.05}
          value={mask.opacity}
          onChange={(e) => setMaskOpacity(Number(e.target.value))}
        />
      </label>
    </div>
  );
}

export function ResultView({
  kind,
  value,
  inputsSynthetic,
}: {
  kind: 'flood' | 'water';
  value: AnalysisJobResult;
  inputsSynthetic: boolean;
}) {
  const s = readSummary(kind, value.summary);
  const scenes = useCatalog((st) => st.list.scenes);
  const title = (id: string | null) => (id ? (scenes.find((x) => x.id === id)?.title ?? id) : '');
  const synthetic = s.synthetic || inputsSynthetic;
  const what = kind === 'flood' ? 'Flooded area' : 'Water area';
  const [saving, setSaving] = useState<string | null>(null);
  return (
    <div className="result" data-testid="analysis-result">
      {synthetic && (
        <div className="synthetic-warning" data-testid="synthetic-warning">
          <strong>Synthetic input.</strong> These figures come from generated demonstration scenes, not from
          an observation: do not report them.
        </div>
      )}
      <div className="summary-card" data-testid="summary-card">
        <div className="big-label">{what}</div>
        <div className="big">
          <span data-testid="area-km2" data-value={s.areaKm2 ?? ''}>
            {fmtKm2(s.areaKm2)}
          </span>{' '}
          km² <span className="ha">({fmtHa(s.areaHa)} ha)</span>
        </div>
        {kind === 'flood' && (
          <div className="line">
            Flooded cropland{' '}
            <b data-testid="cropland-km2" data-value={s.croplandKm2 ?? ''}>
              {fmtKm2(s.croplandKm2)} km²
            </b>{' '}
            ({fmtHa(s.croplandHa)} ha)
            {s.ndviThreshold !== null && <span className="muted"> · NDVI before &gt; {s.ndviThreshold}</span>}
          </div>
        )}
        <dl>
          {s.dates.map((d) => (
            <div key={d.label}>
              <dt>{d.label}</dt>
              <dd className="clip" title={title(d.id)}>
                <b>{fmtDate(d.date)}</b> <span className="muted">{title(d.id)}</span>
              </dd>
            </div>
          ))}
          <div>
            <dt>Index</dt>
            <dd>{s.index ?? '—'}</dd>
          </div>
          <div>
            <dt>Threshold</dt>
            <dd data-testid="threshold">
              {s.thresholds
                .map((t) => `${t.label} ${t.value === null ? '?' : t.value.toFixed(3)}`)
                .join(' · ')}{' '}
              <span className="muted">({methodLabel(s.thresholds[0]?.method ?? null)})</span>
            </dd>
          </div>
          {s.validKm2 !== null && (
            <div>
              <dt>Observed</dt>
              <dd>
                {fmtKm2(s.validKm2)} km² <span className="muted">clear, valid pixels</span>
              </dd>
            </div>
          )}
        </dl>
        {s.method && (
          <details className="method">
            <summary>Method</summary>
            <div className="muted">{s.method}</div>
          </details>
        )}
      </div>
      <MapControls kind={kind} />
      {value.zones && <ZoneTable kind={kind} zones={value.zones} />}
      {value.artifacts.length > 0 && (
        <div className="artifacts">
          <div className="subhead">Files</div>
          <ul>
            {value.artifacts.map((a) => (
              <li key={a.name}>
                <button
                  type="button"
                  className="link"
                  data-artifact={a.name}
                  disabled={saving === a.name}
                  onClick={async () => {
                    setSaving(a.name);
                    try {
                      await downloadArtifact(a);
                    } catch (e) {
                      pushToast(toErrorData(e));
                    }
                    setSaving(null);
                  }}
                >
                  ⤓ {a.name}
                </button>{' '}
                <span className="muted">
                  {describeArtifact(a)} · {formatBytes(a.bytes)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
