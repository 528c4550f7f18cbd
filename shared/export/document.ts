/**
 * What a map page says, already in the page's language: the text blocks, the legend entries and the
 * flags the layout needs. Built by the host from a scene, an analysis result and the settings; drawn
 * by electron/export; previewed by the renderer.
 */
import type { PageSpec } from './page';

export type Lang = 'en' | 'ur';

export interface RampLegend {
  kind: 'ramp';
  title: string;
  /** Value/colour stops, low to high. */
  stops: { value: number; color: string }[];
  /** Labels at the ends and the middle, already formatted. */
  labels: string[];
}

export interface ClassLegend {
  kind: 'classes';
  title: string;
  /** `outline`: a dashed box (boundaries); `line`: a stroke of that colour (rivers, solid outlines). */
  classes: { label: string; color: string; outline?: boolean; line?: boolean }[];
}

export type LegendEntry = RampLegend | ClassLegend;

export interface MapDocument {
  lang: Lang;
  page: PageSpec;
  title: string;
  subtitle: string;
  legend: LegendEntry[];
  /** Method lines: index, threshold and how it was chosen, cloud-hidden area. */
  method: string[];
  /** Source and attribution lines: sensor and scene ids, boundary and basemap credits. */
  sources: string[];
  /** "Produced by … · 2026-11-24". */
  footer: string;
  /** Shown as a banner across the top when any input is synthetic. */
  banner: string | null;
  /** Headings of the method and sources blocks. */
  headings: { method: string; sources: string; legend: string; north: string };
}
