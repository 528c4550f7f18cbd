/**
 * The side panel's tabs: Scenes (the scene browser passed in as children, plus the selected scene's
 * offline copy and band roles), Analysis (water and flood mapping) and Sources. Every tab stays
 * mounted, only hidden, so a half-filled form or a running job's row survives a tab switch.
 */
import type { ReactNode } from 'react';
import { type SideTab, setTab, usePanels } from '../state/panels';
import { AnalysisPanel } from './analysis/AnalysisPanel';
import { MapLegend } from './analysis/MapLegend';
import { OfflineBadges } from './scene/OfflineBadges';
import { SceneTools } from './scene/SceneTools';
import { SourcesPanel } from './sources/SourcesPanel';
import './panels.css';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'scenes', label: 'Scenes' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'sources', label: 'Sources' },
];

export function SideTabs({ children }: { children: ReactNode }) {
  const tab = usePanels((s) => s.tab);
  const running = usePanels((s) => s.run?.job.state === 'running');
  const sourceErrors = usePanels((s) => s.sources.some((x) => x.enabled && x.error));
  return (
    <>
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'on' : ''}
            onClick={() => setTab(t.id)}
            data-tab={t.id}
          >
            {t.label}
            {t.id === 'analysis' && running && <span className="tab-dot running" title="A job is running" />}
            {t.id === 'sources' && sourceErrors && (
              <span className="tab-dot error" title="A source has a problem" />
            )}
          </button>
        ))}
      </div>
      <div className="tab-body" hidden={tab !== 'scenes'}>
        {children}
        <SceneTools />
      </div>
      <div className="tab-body" hidden={tab !== 'analysis'}>
        <AnalysisPanel />
      </div>
      <div className="tab-body" hidden={tab !== 'sources'}>
        <SourcesPanel />
      </div>
      <MapLegend />
      <OfflineBadges />
    </>
  );
}
