import { Busy } from './components/Busy';
import { Header } from './components/Header';
import { Inspector } from './components/Inspector';
import { Legend } from './components/Legend';
import { MapView } from './components/MapView';
import { ScenePanel } from './components/ScenePanel';
import { Toasts } from './components/Toasts';
import { ViewPicker } from './components/ViewPicker';
import { SideTabs } from './panels/SideTabs';

export function App() {
  return (
    <div className="app">
      <Header />
      <aside className="side">
        <SideTabs>
          <ScenePanel />
          <ViewPicker />
        </SideTabs>
      </aside>
      <main className="mapwrap">
        <MapView />
        <Inspector />
        <Legend />
        <Busy />
        <Toasts />
      </main>
    </div>
  );
}
