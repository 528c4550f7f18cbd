/**
 * The flood report from two scenes: run the engine's flood mapping into a scratch folder, draw the
 * report, write it atomically, remove the scratch files. Used by `nigah report` and the exports service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lang } from '../../shared/export/document';
import type { Scene } from '../../shared/scene';
import { computeFlood, type Progress } from '../engine/analysis';
import { writeFileAtomic } from '../host/atomic';
import { sceneInputs } from '../host/output-guard';
import { districtInputs, floodFacts, floodTotals } from './flood-facts';
import { checkOutput } from './map-export';
import { floodReportBytes } from './report';
import type { BoundaryContext } from './zones';

export interface FloodReportJob {
  pre: Scene;
  post: Scene;
  zonesFile?: string;
  lang: Lang;
  producer?: string;
  version: string;
  boundaries: BoundaryContext;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /**
   * Called once the flood is mapped, before drawing: the CLI stops its worker threads there, so
   * their memory is returned before the page rasters are built (the app keeps its shared pool).
   */
  releaseWorkers?: () => Promise<void>;
}

export async function floodReportFile(
  job: FloodReportJob,
  out: string,
  force: boolean,
): Promise<{ bytes: number; floodedKm2: number }> {
  checkOutput(out, force, [...sceneInputs(job.pre), ...sceneInputs(job.post), job.zonesFile]);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'nigah-report-'));
  try {
    const mask = path.join(scratch, 'flood.tif');
    const r = await computeFlood(job.pre, job.post, {
      zones: job.zonesFile,
      maskOut: mask,
      vectorize: false,
      signal: job.signal,
      onProgress: job.onProgress,
    });
    await job.releaseWorkers?.();
    job.onProgress?.({ phase: 'report', done: 0, total: 1 });
    const bytes = await floodReportBytes({
      ...job,
      mask,
      facts: floodFacts(r),
      zones: districtInputs(r, 'flood'),
      totals: floodTotals(r),
    });
    await writeFileAtomic(out, bytes);
    job.onProgress?.({ phase: 'report', done: 1, total: 1 });
    return { bytes: bytes.length, floodedKm2: r.area.km2 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
