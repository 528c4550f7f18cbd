/**
 * State of the side panels added beside the scene browser: which tab is open, the sources and
 * settings as the host reports them, offline copies, and the analysis job with its result.
 * Plain JSON only (the result's numbers and the mask's location, never its pixels); module-level
 * actions so panels, the map's result layer and tests can all drive it.
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type {
  AnalysisJobResult,
  FloodRequest,
  JobInfo,
  MaskLayer,
  Settings,
  SourceStatus,
  WaterRequest,
} from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';

export type SideTab = 'scenes' | 'analysis' | 'openeo' | 'sources';

export type AnalysisRequest =
  | { kind: 'flood'; request: FloodRequest }
  | { kind: 'water'; request: WaterRequest };

export interface AnalysisRun {
  job: JobInfo;
  /** Null for a job picked up from the host after a reload (its request is not kept there). */
  request: AnalysisRequest | null;
}

export interface ResultMaskView {
  /** Job the mask belongs to (a new job replaces it). */
  jobId: string;
  kind: 'flood' | 'water';
  layer: MaskLayer;
  /** The result class raster, drawn instead of the mask when the run wrote one. */
  classes?: MaskLayer;
  visible: boolean;
  opacity: number;
}

export interface PanelsState {
  tab: SideTab;
  settings: Settings | null;
  sources: SourceStatus[];
  sourcesStatus: 'idle' | 'loading' | 'ready' | 'error';
  sourcesError: ErrorData | null;
  /** Scene ids with a complete offline copy. */
  offline: string[];
  /** Running or last offline download per scene id. */
  offlineJobs: Record<string, JobInfo>;
  /** The analysis job being run or last run. */
  run: AnalysisRun | null;
  /** The finished result shown in the Analysis panel (kept while a new job runs). */
  result: { jobId: string; kind: 'flood' | 'water'; value: AnalysisJobResult } | null;
  mask: ResultMaskView | null;
  /** Finished analyses, newest first (kept across launches; the first is the one shown). */
  recent: RecentResult[];
  /** Collapsed panels by name (side panel, pixel, legend…). */
  collapsed: Record<string, boolean>;
  /** The first-run guide was closed. */
  guideDismissed: boolean;
}

export interface RecentResult {
  jobId: string;
  kind: 'flood' | 'water';
  request: AnalysisRequest | null;
  value: AnalysisJobResult;
  finishedAt: string;
}

export const panels = createStore<PanelsState>()(() => ({
  tab: 'scenes',
  settings: null,
  sources: [],
  sourcesStatus: 'idle',
  sourcesError: null,
  offline: [],
  offlineJobs: {},
  run: null,
  result: null,
  mask: null,
  recent: [],
  collapsed: {},
  guideDismissed: false,
}));

export function usePanels<T>(selector: (s: PanelsState) => T): T {
  return useStore(panels, selector);
}

export function setTab(tab: SideTab): void {
  panels.setState({ tab });
}

export function setMaskVisible(visible: boolean): void {
  panels.setState((s) => (s.mask ? { mask: { ...s.mask, visible } } : {}));
}

export function setMaskOpacity(opacity: number): void {
  const o = Math.min(1, Math.max(0, opacity));
  panels.setState((s) => (s.mask ? { mask: { ...s.mask, opacity: o } } : {}));
}

export function setCollapsed(name: string, collapsed: boolean): void {
  panels.setState((s) => ({ collapsed: { ...s.collapsed, [name]: collapsed } }));
}

export function dismissGuide(): void {
  panels.setState({ guideDismissed: true });
}

/** Remembers a finished analysis (newest first, at most five). */
export function addRecent(entry: RecentResult): void {
  panels.setState((s) => ({
    recent: [entry, ...s.recent.filter((r) => r.jobId !== entry.jobId)].slice(0, 5),
  }));
}
