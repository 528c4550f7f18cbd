/**
 * The side panel's tabs: Scenes (the scene browser passed in as children, plus the selected scene's
 * offline copy and band roles), Analysis (water and flood mapping) and Sources. Every tab stays
 * mounted, only hidden, so a half-filled form or a running job's row survives a tab switch.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type SideTab, setCollapsed, setTab, usePanels } from '../state/panels';
import { AnalysisPanel } from './analysis/AnalysisPanel';
import { MapLegend } from './analysis/MapLegend';
import { BoundariesPanel } from './boundaries/BoundariesPanel';
import { OpenEOPanel } from './openeo/OpenEOPanel';
import { OfflineBadges } from './scene/OfflineBadges';
import { SceneTools } from './scene/SceneTools';
import { SourcesPanel } from './sources/SourcesPanel';
import './panels.css';

const TABS: SideTab[] = ['scenes', 'analysis', 'openeo', 'sources'];

export function SideTabs({ children }: { children: ReactNode }) {
  const tab = usePanels((s) => s.tab);
  const running = usePanels((s) => s.run?.job.state === 'running');
  const sourceErrors = usePanels((s) => s.sources.some((x) => x.enabled && x.error));
  const { t } = useTranslation('app');
  return (
    <>
      <div className="side-bar">
        <div className="side-tabs" role="tablist" aria-label={t('tabs.label')}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={tab === id ? 'on' : ''}
              onClick={() => setTab(id)}
              data-tab={id}
            >
              {id === 'openeo' ? t('openeo:tab') : t(`tabs.${id}`)}
              {id === 'analysis' && running && <span className="tab-dot running" title={t('tabs.running')} />}
              {id === 'sources' && sourceErrors && (
                <span className="tab-dot error" title={t('tabs.sourceError')} />
              )}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="fold side-fold"
          aria-expanded
          aria-label={t('panel.hideSide')}
          title={t('panel.hideSide')}
          onClick={() => setCollapsed('side', true)}
          data-testid="side-fold"
        >
          «
        </button>
      </div>
      <div className="tab-body" hidden={tab !== 'scenes'}>
        {children}
        <SceneTools />
      </div>
      <div className="tab-body" hidden={tab !== 'analysis'}>
        <AnalysisPanel />
      </div>
      <div className="tab-body" hidden={tab !== 'openeo'}>
        <OpenEOPanel />
      </div>
      <div className="tab-body" hidden={tab !== 'sources'}>
        <SourcesPanel />
        <BoundariesPanel />
      </div>
      <MapLegend />
      <OfflineBadges />
    </>
  );
}
