/**
 * "offline ✓" on the scene list rows of scenes with a complete offline copy. The list belongs to
 * the scene browser (components/ScenePanel); rather than reach into it, a generated style rule
 * per offline scene id marks its row (rows carry data-scene-id).
 */
import { usePanels } from '../../state/panels';

/** A string safe inside a double-quoted CSS attribute selector. */
function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&').replace(/[\n\r\f]/g, ' ');
}

export function OfflineBadges() {
  const ids = usePanels((s) => s.offline);
  if (ids.length === 0) return null;
  const selector = ids
    .map((id) => `.scene[data-scene-id="${cssString(id)}"] .scene-title::after`)
    .join(',\n');
  return (
    <style data-testid="offline-badges">{`${selector} {
  content: "offline \\2713";
  display: inline-block;
  margin-left: 6px;
  padding: 1px 6px;
  border-radius: 8px;
  font-size: 10px;
  font-weight: 600;
  background: #dcfce7;
  color: #166534;
  border: 1px solid #86efac;
}`}</style>
  );
}
