/**
 * Exports for the app: map pages (PDF, PNG), the flood report, polygons (GeoJSON, KML), the
 * district table (CSV) and index COGs, written as host jobs with progress and cancel into
 * <userData>/results/<jobId>/; the renderer saves them through the raster endpoint (a save dialog
 * in Electron, a download in the browser). Previews are small PNGs of the page.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  AnalysisJobResult,
  ExportJobResult,
  ExportRequest,
  JobArtifact,
  NigahServices,
} from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { computeIndexRaster } from '../engine/analysis';
import type { MapPageRequest } from '../export/compose';
import { districtCsvText, polygonFileText } from '../export/data-export';
import { factsFromSummary } from '../export/flood-facts';
import { floodReportFile } from '../export/flood-report';
import { exportT } from '../export/i18n';
import { mapFileBytes } from '../export/map-export';
import { type BoundarySource, boundaryContext } from '../export/zones';
import { writeFileAtomic } from '../host/atomic';
import type { JobRunner } from './jobs';

export interface ExportsServiceOptions {
  catalog: NigahServices['catalog'];
  jobs: JobRunner;
  resultsDir: string;
  boundaries: BoundarySource;
  settings: NigahServices['settings'];
  version: string;
}

const FILES: Record<ExportRequest['kind'], { ext: string; media: string }> = {
  'map-pdf': { ext: 'pdf', media: 'application/pdf' },
  'map-png': { ext: 'png', media: 'image/png' },
  'report-pdf': { ext: 'pdf', media: 'application/pdf' },
  geojson: { ext: 'geojson', media: 'application/geo+json' },
  kml: { ext: 'kml', media: 'application/vnd.google-earth.kml+xml' },
  csv: { ext: 'csv', media: 'text/csv; charset=utf-8' },
  cog: { ext: 'tif', media: 'image/tiff; application=geotiff; profile=cloud-optimized' },
};

function fileName(req: ExportRequest, scene: Scene): string {
  const base =
    req.kind === 'report-pdf'
      ? 'flood-report'
      : req.kind.startsWith('map')
        ? 'map'
        : req.kind === 'csv'
          ? 'districts'
          : req.kind === 'cog'
            ? (req.index ?? 'index')
            : 'polygons';
  const safe = `${base}-${scene.id}`.replace(/[^\w.-]+/g, '_').slice(0, 120);
  return `${safe}.${FILES[req.kind].ext}`;
}

export function createExportsService(opts: ExportsServiceOptions): NigahServices['exports'] {
  async function localScene(id: string): Promise<Scene> {
    const scene = await opts.catalog.get(id);
    if (!scene.drawable)
      throw new NigahError(
        'NEEDS_ORTHO',
        `${scene.title} is not map-projected and cannot be exported as a map.`,
        {
          hint: 'Orthorectify it first (Scene → Orthorectify).',
        },
      );
    if (scene.bands.some((b) => /^https?:/i.test(b.href)))
      throw new NigahError('BAD_ARGUMENT', `${scene.title} is on a remote server.`, {
        hint: 'Use "Make available offline" on the scene first; exports read whole scenes from disk.',
      });
    return scene;
  }

  async function analysisResult(
    id: string | undefined,
  ): Promise<{ result: AnalysisJobResult; mask: string; kind: 'flood' | 'water' } | null> {
    if (!id) return null;
    const job = await opts.jobs.service.get(id);
    if ((job.kind !== 'flood' && job.kind !== 'water') || job.state !== 'done' || !job.result)
      throw new NigahError('BAD_ARGUMENT', 'That analysis has not finished.', {
        hint: 'Wait for the flood or water run to end, then export.',
      });
    const result = job.result as AnalysisJobResult;
    return { result, mask: fileURLToPath(result.mask.href), kind: job.kind };
  }

  async function mapRequest(req: ExportRequest, dpi: number): Promise<MapPageRequest> {
    const [scene, pre, run, settings] = await Promise.all([
      localScene(req.sceneId),
      req.preId ? localScene(req.preId) : null,
      analysisResult(req.resultJobId),
      opts.settings.get(),
    ]);
    return {
      scene,
      pre,
      index: req.index,
      mask: run?.mask,
      facts: run ? factsFromSummary(run.result.summary) : null,
      zonesFile: req.zones ? await opts.boundaries.file(req.zones) : undefined,
      title: req.title?.trim() || undefined,
      bbox: req.bbox,
      layers: req.layers,
      lang: req.lang ?? settings.language,
      page: { size: req.size ?? 'a4', landscape: req.landscape ?? false },
      dpi,
      producer: settings.producer,
      version: opts.version,
      boundaries: await boundaryContext(opts.boundaries),
    };
  }

  async function write(
    req: ExportRequest,
    out: string,
    ctx: { signal: AbortSignal; progress(p: string, d: number, t: number): void },
  ): Promise<void> {
    const t = exportT(req.lang ?? 'en');
    if (req.kind === 'map-pdf' || req.kind === 'map-png') {
      ctx.progress('map', 0, 1);
      const bytes = await mapFileBytes(
        await mapRequest(req, req.dpi ?? 300),
        req.kind === 'map-pdf' ? 'pdf' : 'png',
      );
      await writeFileAtomic(out, bytes);
    } else if (req.kind === 'report-pdf') {
      if (!req.preId)
        throw new NigahError('BAD_ARGUMENT', 'The flood report needs a pre-event scene.', {
          hint: 'Pick the scene before the flood.',
        });
      const base = await mapRequest(req, 300);
      await floodReportFile(
        {
          ...base,
          pre: base.pre as Scene,
          post: base.scene,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.phase, p.done, p.total),
        },
        out,
        true,
      );
    } else if (req.kind === 'cog') {
      const scene = await localScene(req.sceneId);
      await computeIndexRaster(scene, req.index ?? 'ndvi', out, {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(p.phase, p.done, p.total),
      });
    } else {
      const run = await analysisResult(req.resultJobId);
      if (!run)
        throw new NigahError('BAD_ARGUMENT', t('dialog.needsResult'), {
          hint: 'Run a flood or water analysis, then export its results.',
        });
      if (req.kind === 'csv') await writeFileAtomic(out, districtCsvText(run.result.zones, req.lang ?? 'en'));
      else await writeFileAtomic(out, polygonFileText(req.kind, run.mask, run.kind, req.lang ?? 'en'));
    }
  }

  return {
    async start(req) {
      const scene = await localScene(req.sceneId);
      const name = fileName(req, scene);
      return opts.jobs.start('export', `Export: ${name}`, async (ctx): Promise<ExportJobResult> => {
        const dir = path.join(opts.resultsDir, ctx.id);
        await fs.mkdir(dir, { recursive: true });
        const out = path.join(dir, name);
        await write(req, out, ctx);
        if (ctx.signal.aborted) throw new NigahError('CANCELLED', 'Export cancelled.');
        const artifact: JobArtifact = {
          name,
          href: pathToFileURL(out).href,
          mediaType: FILES[req.kind].media,
          bytes: (await fs.stat(out)).size,
        };
        return { artifact };
      });
    },
    async preview(req) {
      const mapReq = await mapRequest({ ...req, kind: 'map-png' }, 40);
      const key = createHash('sha256').update(JSON.stringify(req)).digest('hex').slice(0, 16);
      const out = path.join(opts.resultsDir, 'previews', `${key}.png`);
      const bytes = await mapFileBytes(mapReq, 'png');
      await writeFileAtomic(out, bytes);
      return { href: pathToFileURL(out).href, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    },
  };
}
