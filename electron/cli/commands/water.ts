/**
 * `nigah water <scene> [--index mndwi|ndwi|awei-sh|awei-nsh|…] [--threshold auto|<number>] --out <mask.tif>
 *   [--geojson <file>] [--json]` — water mask (uint8 COG: 1 water, 0 land, 255 nodata) and polygons.
 */

import { computeWater, WATER_INDICES } from '../../engine/analysis';
import { writeFileAtomic } from '../../engine/cog-output';
import { writeRunReport, zonesCsv } from '../../engine/report';
import { assertOutputsSafe, sceneInputs } from '../../host/output-guard';
import { fmt, need, numberOption, progressPrinter, thresholdOption } from '../args';
import { startEngineCommand } from '../engine-command';
import type { CliCommand } from '../types';

const usage = `nigah water <scene> [--index ${WATER_INDICES.join('|')}|<expression>] [--threshold auto|<number>] --out <mask.tif> [--geojson <file>] [--json]
  --index          default: mndwi when the scene has SWIR1, else ndwi (GF-1/GF-6/CBERS have no SWIR)
  --threshold      auto (default: tiled Otsu, robust to small water shares) or a number (water > t)
  --plain-otsu     use global Otsu instead of tiled Otsu for auto
  --bands          role=N or role=file, comma-separated
  --zones          GeoJSON boundaries (lon/lat): water area per zone (in --json, --csv)
  --csv            per-zone CSV (with --zones)
  --summary        write the summary JSON to this file
  --min-pixels     drop polygons smaller than this many pixels in --geojson (default 1)
  --geojson        write water polygons (lon/lat GeoJSON)
  --classes        write the result classes (uint8 COG: 0 land, 1 water, 4 cloud, 255 no data)
  --json           print a machine-readable summary`;

export const command: CliCommand = {
  name: 'water',
  summary: 'Map open water from a water index with an automatic or manual threshold',
  usage,
  async run(args, io) {
    const start = await startEngineCommand(args, io, {
      name: 'water',
      usage,
      valued: [
        'index',
        'threshold',
        'out',
        'geojson',
        'classes',
        'bands',
        'zones',
        'csv',
        'summary',
        'min-pixels',
        'deflate-level',
      ],
      flags: ['json', 'plain-otsu'],
      scenes: 1,
    });
    if (!start) return 2;
    const { p } = start;
    const scene = start.scene!;
    const out = need(p, 'out', usage);
    assertOutputsSafe(
      {
        '--out': out,
        '--geojson': p.options.geojson,
        '--classes': p.options.classes,
        '--csv': p.options.csv,
        '--summary': p.options.summary,
      },
      [p.positional[0], ...sceneInputs(scene), p.options.zones],
    );
    const r = await computeWater(scene, {
      index: p.options.index,
      threshold: thresholdOption(p, 'threshold', usage) ?? 'auto',
      robust: !p.flags.has('plain-otsu'),
      out,
      classesOut: p.options.classes,
      vectorize: !!p.options.geojson,
      minPixels: numberOption(p, 'min-pixels', usage),
      zones: p.options.zones,
      deflateLevel: numberOption(p, 'deflate-level', usage),
      onProgress: progressPrinter(io.err),
    });
    const { polygons } = r;
    const summaryPath = p.options.summary;
    const json = summaryPath
      ? writeRunReport(
          r,
          'water',
          {
            mask: out,
            classes: p.options.classes,
            geojson: p.options.geojson,
            csv: p.options.csv,
            summary: summaryPath,
          },
          { synthetic: scene.synthetic },
        )
      : (() => {
          if (p.options.geojson && polygons) writeFileAtomic(p.options.geojson, [JSON.stringify(polygons)]);
          if (p.options.csv && r.zones) writeFileAtomic(p.options.csv, [zonesCsv(r.zones, 'water')]);
          const { polygons: _p, ...rest } = r;
          return {
            kind: 'water',
            ...rest,
            out,
            geojson: p.options.geojson ?? null,
            polygonCount: polygons?.features.length ?? null,
          };
        })();
    if (p.flags.has('json')) {
      io.out(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    io.out(
      `${r.index} > ${fmt(r.threshold.value)} (${r.threshold.method}) → ${out}\n` +
        `  water ${r.counts.yes} px = ${fmt(r.area.km2)} km² (${fmt(r.area.ha, 1)} ha); land ${r.counts.no} px; nodata ${r.counts.nodata} px\n` +
        `  observed ${fmt(r.observedKm2)} km², hidden by cloud ${fmt(r.cloudKm2)} km², no data ${fmt(r.nodataKm2)} km²\n` +
        (polygons ? `  ${polygons.features.length} polygon(s) → ${p.options.geojson}\n` : ''),
    );
    return 0;
  },
};
