/** The button that opens the export dialog, over the map. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportDialog } from './ExportDialog';
import './export.css';

export function ExportLauncher() {
  const { t } = useTranslation('export');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="export-open" onClick={() => setOpen(true)} data-testid="export-open">
        ⤓ {t('dialog.open')}
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
