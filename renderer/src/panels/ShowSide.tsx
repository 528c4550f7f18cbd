/** The button that brings the side panel back after it was hidden to give the map the window. */
import { useTranslation } from 'react-i18next';
import { setCollapsed, usePanels } from '../state/panels';

export function ShowSide() {
  const { t } = useTranslation('app');
  const hidden = usePanels((s) => s.collapsed.side === true);
  if (!hidden) return null;
  return (
    <button
      type="button"
      className="show-side"
      onClick={() => setCollapsed('side', false)}
      data-testid="show-side"
    >
      » {t('panel.showSide')}
    </button>
  );
}
