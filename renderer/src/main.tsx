import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import { loadCatalog, loadInfo } from './state/catalog';
import { restoreWorkspace } from './state/workspace';
// Urdu in Nastaliq on every machine (OFL font, bundled: no network needed).
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import './styles.css';
import './workspace.css';

// The saved workspace (scene, view, language…) is applied before the map is created.
void restoreWorkspace().then(() => {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
});
void loadInfo();
void loadCatalog();
