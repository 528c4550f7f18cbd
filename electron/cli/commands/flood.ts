/**
 * `nigah flood --pre <scene> --post <scene> [--zones <boundaries>] --out-dir <dir> [--json]`
 * Flood = water after ∧ not water before (pre scene reprojected onto the post grid when needed);
 * flooded cropland = flood ∧ NDVI before > threshold. Writes flood.tif, flooded-cropland.tif,
 * flood-classes.tif (shared/analysis/resultClasses.ts), flood.geojson, zones.csv (with --zones) and
 * summary.json.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { computeFlood } from '../../engine/analysis';
import { writeRunReport } from '../../engine/report';
import { loadSceneInput } from '../../engine/scene-input';
import { assertOutputsSafe, sceneInputs } from '../../host/output-guard';
import { fmt, need, numberOption, progressPrinter, thresholdOption } from '../args';
import { startEngineCommand } from '../engine-command';
import type { CliCommand } from '../types';

const usage = `nigah flood --pre <scene> --post <scene> [--zones <boundaries.geojson>] --out-dir <dir> [--json]
  --index            water index for both scenes (default mndwi when both have SWIR1, else ndwi)
  --threshold        auto (default, tiled Otsu per scene) or a number for both scenes
  --pre-threshold    override for the pre-event scene
  --ndvi-threshold   vegetated-before threshold for flooded cropland (default 0.3)
  --pre-bands, --post-bands   role=N or role=file mappings for each scene
  --min-pixels       drop flood polygons smaller than this (default 1)
  Writes <dir>/flood.tif, flooded-cropland.tif, flood-classes.tif (0 dry, 1 flooded, 2 flooded cropland,
  3 permanent water, 4 cloud, 255 no data), flood.geojson, zones.csv (with --zones), summary.json`;

export const command: CliCommand = {
  name: 'flood',
  summary: 'Map flooded area (and flooded cropland) from a pre- and a post-event scene, per district',
  usage,
  async run(args, io) {
    const start = await startEngineCommand(args, io, {
      name: 'flood',
      usage,
      valued: [
        'pre',
        'post',
        'zones',
        'out-dir',
        'index',
        'threshold',
        'pre-threshold',
        'ndvi-threshold',
        'pre-bands',
        'post-bands',
        'min-pixels',
        'deflate-level',
      ],
      flags: ['json', 'plain-otsu'],
      scenes: 0,
    });
    if (!start) return 2;
    const { p } = start;
    const pre = await loadSceneInput(need(p, 'pre', usage), p.options['pre-bands']);
    const post = await loadSceneInput(need(p, 'post', usage), p.options['post-bands']);
    const dir = need(p, 'out-dir', usage);
    mkdirSync(dir, { recursive: true });
    const files = {
      mask: join(dir, 'flood.tif'),
      cropland: join(dir, 'flooded-cropland.tif'),
      classes: join(dir, 'flood-classes.tif'),
      geojson: join(dir, 'flood.geojson'),
      csv: p.options.zones ? join(dir, 'zones.csv') : null,
      summary: join(dir, 'summary.json'),
    };
    assertOutputsSafe(files, [
      ...sceneInputs(pre),
      ...sceneInputs(post),
      p.options.pre,
      p.options.post,
      p.options.zones,
    ]);
    const r = await computeFlood(pre, post, {
      index: p.options.index,
      threshold: thresholdOption(p, 'threshold', usage) ?? 'auto',
      preThreshold: thresholdOption(p, 'pre-threshold', usage),
      ndviThreshold: numberOption(p, 'ndvi-threshold', usage),
      robust: !p.flags.has('plain-otsu'),
      zones: p.options.zones,
      maskOut: files.mask,
      croplandOut: files.cropland,
      classesOut: files.classes,
      minPixels: numberOption(p, 'min-pixels', usage),
      deflateLevel: numberOption(p, 'deflate-level', usage),
      onProgress: progressPrinter(io.err),
    });
    const summary = writeRunReport(r, 'flood', files, { synthetic: pre.synthetic || post.synthetic });
    if (p.flags.has('json')) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    io.out(
      `Flood (${r.index}; after > ${fmt(r.thresholds.post.value)}, before > ${fmt(r.thresholds.pre.value)}, ${r.thresholds.post.method})\n` +
        `  pre ${pre.id} (${pre.datetime ?? 'no date'}) → post ${post.id} (${post.datetime ?? 'no date'})${r.reprojected ? ', pre reprojected onto the post grid' : ''}\n` +
        `  flooded ${r.counts.yes} px = ${fmt(r.area.km2)} km² (${fmt(r.area.ha, 1)} ha)\n` +
        (r.cropland ? `  flooded cropland ${fmt(r.cropland.km2)} km² (${fmt(r.cropland.ha, 1)} ha)\n` : '') +
        `  permanent water ${fmt(r.permanentWaterKm2)} km²; observed ${fmt(r.observedKm2)} km², hidden by cloud ${fmt(r.cloudKm2)} km², no data ${fmt(r.nodataKm2)} km²\n` +
        `  written to ${dir}: flood.tif${r.cropland ? ', flooded-cropland.tif' : ''}, flood-classes.tif, flood.geojson${files.csv ? ', zones.csv' : ''}, summary.json\n`,
    );
    return 0;
  },
};
