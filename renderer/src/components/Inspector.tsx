import { findView } from '../map/views';
import { useCatalog } from '../state/catalog';
import { setInspector, useApp } from '../state/store';
import { formatLonLat } from './format';

function num(v: number | null, digits = 4): string {
  if (v === null || Number.isNaN(v)) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

export function Inspector() {
  const ins = useApp((s) => s.inspector);
  const sceneId = useApp((s) => s.sceneId);
  const loaded = useCatalog((s) => (sceneId ? !!s.scenes[sceneId] : false));
  if (!sceneId || !loaded) return null;
  return (
    <section className="panel inspector" data-testid="inspector">
      <div className="panel-head">
        <h2>Pixel</h2>
        {ins && (
          <button type="button" className="link" onClick={() => setInspector(null)}>
            Clear
          </button>
        )}
      </div>
      {!ins && <div className="muted">Click the scene to read its band values here.</div>}
      {ins && (
        <>
          <div className="muted">{formatLonLat(ins.lon, ins.lat)}</div>
          {ins.status === 'loading' && <div className="muted">Reading…</div>}
          {ins.message && <div className="muted">{ins.message}</div>}
          {ins.index && (
            <div className="inspector-index">
              {findView(ins.index.id)?.def.name ?? ins.index.id} = <b>{num(ins.index.value, 3)}</b>
            </div>
          )}
          {ins.bands.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>band</th>
                  <th>role</th>
                  <th>DN</th>
                  <th>value</th>
                </tr>
              </thead>
              <tbody>
                {ins.bands.map((b) => (
                  <tr key={b.name}>
                    <td>{b.name}</td>
                    <td>{b.role ?? ''}</td>
                    <td>{num(b.dn)}</td>
                    <td>{num(b.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
