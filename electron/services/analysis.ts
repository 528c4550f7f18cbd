/**
 * Water and flood mapping for the app: the same engine as the CLI (worker threads, tile by tile),
 * run as jobs the renderer polls and can cancel. Outputs go to <userData>/results/<jobId>/ and are
 * readable through the raster endpoint (masks drawn on the map, files saved by the user).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  AnalysisJobResult,
  FloodRequest,
  JobArtifact,
  NigahServices,
  WaterRequest,
} from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { computeFlood, computeWater, type FloodResult, type WaterResult } from '../engine/analysis';
import { type ReportFiles, writeRunReport } from '../engine/report';
import { zoneFigures } from '../engine/zone-figures';
import type { JobRunner } from './jobs';

export interface AnalysisServiceOptions {
  catalog: NigahServices['catalog'];
  jobs: JobRunner;
  resultsDir: string;
  /** Boundary layer id → GeoJSON file. */
  boundaryFile(id: string): Promise<string>;
  /** A boundary layer's id and level; without an id, the finest installed (used when a request names none). */
  boundaryLayer?(id?: string): Promise<{ id: string; level: string } | undefined>;
}

const MEDIA: Record<string, string> = {
  '.tif': 'image/tiff; application=geotiff; profile=cloud-optimized',
  '.geojson': 'application/geo+json',
  '.csv': 'text/csv',
  '.json': 'application/json',
};

async function artifacts(dir: string): Promise<JobArtifact[]> {
  const out: JobArtifact[] = [];
  for (const name of (await fs.readdir(dir)).sort()) {
    if (name.startsWith('.')) continue;
    const file = path.join(dir, name);
    out.push({
      name,
      href: pathToFileURL(file).href,
      mediaType: MEDIA[path.extname(name)] ?? 'application/octet-stream',
      bytes: (await fs.stat(file)).size,
    });
  }
  return out;
}

function zoneRows(r: FloodResult | WaterResult, label: string): AnalysisJobResult['zones'] {
  return r.zones
    ?.filter((z) => z.pixels > 0)
    .map((z) => ({
      id: z.id,
      ...zoneFigures(z, label),
      observedKm2: z.observedKm2,
      cloudKm2: z.cloudKm2,
      nodataKm2: z.nodataKm2,
      ...(z.permanentWaterKm2 !== undefined ? { permanentWaterKm2: z.permanentWaterKm2 } : {}),
    }))
    .sort((a, b) => b.km2 - a.km2);
}

/** Report files beside the mask, and what the renderer needs to show and save them. */
async function finish(
  r: FloodResult | WaterResult,
  label: 'flood' | 'water',
  files: ReportFiles,
  dir: string,
  synthetic: boolean,
): Promise<AnalysisJobResult> {
  const summary = writeRunReport(r, label, files, { synthetic });
  const layer = (file: string) => ({
    href: pathToFileURL(file).href,
    crs: r.grid.crs,
    width: r.grid.width,
    height: r.grid.height,
    geotransform: r.grid.gt,
  });
  return {
    summary,
    zones: zoneRows(r, label),
    mask: layer(files.mask),
    ...(files.classes ? { classes: layer(files.classes) } : {}),
    artifacts: await artifacts(dir),
  };
}

export function createAnalysisService(opts: AnalysisServiceOptions): NigahServices['analysis'] {
  /** The scene with remote bands replaced by their offline copies; remote-only scenes are refused. */
  async function localScene(id: string): Promise<Scene> {
    const scene = await opts.catalog.get(id);
    if (!scene.drawable)
      throw new NigahError('NEEDS_ORTHO', `${scene.title} is not map-projected and cannot be analysed.`, {
        hint: 'Orthorectify it (e.g. with its RPCs in QGIS/GDAL) and add the result as a source.',
      });
    // The catalog already swaps in complete offline copies; what is still remote is not on disk.
    if (!scene.bands.some((b) => /^https?:/i.test(b.href))) return scene;
    throw new NigahError('BAD_ARGUMENT', `${scene.title} is on a remote server.`, {
      hint: 'Use "Make available offline" on the scene first; analysis reads whole scenes from disk.',
    });
  }

  /**
   * The zones file: the layer asked for, else the finest installed. When that layer is coarser than
   * districts (no district boundaries installed), the note says how to get a per-district table.
   */
  async function zonesFor(id: string | undefined): Promise<{ file?: string; note?: string }> {
    const layer = await opts.boundaryLayer?.(id);
    const use = id ?? layer?.id;
    if (!use) return {};
    const file = await opts.boundaryFile(use);
    const coarse = layer && ['country', 'province', 'division'].includes(layer.level);
    const note = coarse
      ? `Figures are per ${layer.level}: no district boundaries are in use. Add a district file or download districts under Sources → Boundaries (or nigah boundaries add <file>) for a per-district table.`
      : undefined;
    return { file, note };
  }

  return {
    async flood(req: FloodRequest) {
      const [pre, post] = await Promise.all([localScene(req.preId), localScene(req.postId)]);
      const { file: zones, note } = await zonesFor(req.zones);
      return opts.jobs.start('flood', `Flood: ${pre.title} → ${post.title}`, async (ctx) => {
        const dir = path.join(opts.resultsDir, ctx.id);
        await fs.mkdir(dir, { recursive: true });
        const files = {
          mask: path.join(dir, 'flood.tif'),
          cropland: path.join(dir, 'flooded-cropland.tif'),
          classes: path.join(dir, 'flood-classes.tif'),
          geojson: path.join(dir, 'flood.geojson'),
          csv: zones ? path.join(dir, 'zones.csv') : null,
          summary: path.join(dir, 'summary.json'),
        };
        const r = await computeFlood(pre, post, {
          index: req.index,
          threshold: req.threshold ?? 'auto',
          ndviThreshold: req.ndviThreshold,
          cloudMask: req.cloudMask,
          window: req.aoi,
          aoiRings: req.aoiRings,
          zones,
          maskOut: files.mask,
          croplandOut: files.cropland,
          classesOut: files.classes,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.phase, p.done, p.total),
        });
        const out = await finish(r, 'flood', files, dir, pre.synthetic || post.synthetic);
        return note ? { ...out, zonesNote: note } : out;
      });
    },
    async water(req: WaterRequest) {
      const scene = await localScene(req.sceneId);
      const { file: zones, note } = await zonesFor(req.zones);
      return opts.jobs.start('water', `Water: ${scene.title}`, async (ctx) => {
        const dir = path.join(opts.resultsDir, ctx.id);
        await fs.mkdir(dir, { recursive: true });
        const files = {
          mask: path.join(dir, 'water.tif'),
          classes: path.join(dir, 'water-classes.tif'),
          geojson: path.join(dir, 'water.geojson'),
          csv: zones ? path.join(dir, 'zones.csv') : null,
          summary: path.join(dir, 'summary.json'),
        };
        const r = await computeWater(scene, {
          index: req.index,
          threshold: req.threshold ?? 'auto',
          cloudMask: req.cloudMask,
          window: req.aoi,
          aoiRings: req.aoiRings,
          zones,
          out: files.mask,
          classesOut: files.classes,
          vectorize: true,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.phase, p.done, p.total),
        });
        const out = await finish(r, 'water', files, dir, scene.synthetic);
        return note ? { ...out, zonesNote: note } : out;
      });
    },
  };
}
