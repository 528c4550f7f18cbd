import { findView } from '../map/views';
import { useApp } from '../state/store';

/** "Rendering NDVI…" while the scene's first tiles are on their way. */
export function Busy() {
  const busy = useApp((s) => s.busy);
  const indexId = useApp((s) => s.indexId);
  if (!busy) return null;
  const name = findView(indexId)?.def.name ?? indexId;
  return (
    <div className="busy" role="status" data-testid="busy">
      <span className="spinner" /> Rendering {name}…
    </div>
  );
}
