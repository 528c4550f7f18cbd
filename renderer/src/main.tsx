import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadCatalog, loadInfo } from './state/catalog';
// The Urdu name in the header, in Nastaliq on every machine (OFL font, bundled: no network needed).
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void loadInfo();
void loadCatalog();
