/**
 * The map as a keyboard target: focusable (Tab reaches it), named for screen readers in the
 * interface language. OpenLayers' default interactions then pan with the arrow keys and zoom with
 * + and − while it has focus (they listen on the map's target element).
 */
import { type RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useMapFocus(ref: RefObject<HTMLElement | null>): void {
  const { t } = useTranslation('app');
  const label = t('map.label');
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.tabIndex = 0;
    el.setAttribute('role', 'application');
    el.setAttribute('aria-label', label);
  }, [ref, label]);
}
