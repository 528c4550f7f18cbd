import { useTranslation } from 'react-i18next';
import { findView } from '../map/views';
import { useApp } from '../state/store';

/** "Rendering NDVI…" while the scene's first tiles are on their way. */
export function Busy() {
  const { t } = useTranslation('app');
  const busy = useApp((s) => s.busy);
  const indexId = useApp((s) => s.indexId);
  if (!busy) return null;
  const view = findView(indexId);
  const name =
    view?.type === 'composite' ? t(`workspace:composite.${view.def.id}`) : (view?.def.name ?? indexId);
  return (
    <div className="busy" role="status" data-testid="busy">
      <span className="spinner" /> {t('rendering', { name })}
    </div>
  );
}
