import { Busy } from './components/Busy';
import { Header } from './components/Header';
import { Inspector } from './components/Inspector';
import { Legend } from './components/Legend';
import { MapView } from './components/MapView';
import { ScenePanel } from './components/ScenePanel';
import { Toasts } from './components/Toasts';
import { ViewPicker } from './components/ViewPicker';
import { ExportLauncher } from './panels/export/ExportLauncher';
import { FirstRunGuide } from './panels/guide/FirstRunGuide';
import { AoiPanel } from './panels/layers/AoiPanel';
import { ComparePanel } from './panels/layers/ComparePanel';
import { LayersPanel } from './panels/layers/LayersPanel';
import { ShowSide } from './panels/ShowSide';
import { SideTabs } from './panels/SideTabs';
import { usePanels } from './state/panels';

export function App() {
  const sideHidden = usePanels((s) => s.collapsed.side === true);
  return (
    <div className={`app${sideHidden ? ' side-hidden' : ''}`}>
      <Header />
      <aside className="side" hidden={sideHidden}>
        <SideTabs>
          <ScenePanel />
          <ViewPicker />
          <LayersPanel />
          <ComparePanel />
          <AoiPanel />
        </SideTabs>
      </aside>
      <main className="mapwrap">
        <ShowSide />
        <FirstRunGuide />
        <MapView />
        <Inspector />
        <Legend />
        <ExportLauncher />
        <Busy />
        <Toasts />
      </main>
    </div>
  );
}
