/**
 * `nigah export-data <run-dir | mask.tif> --out <file.geojson|file.kml|file.csv> [--tolerance m]
 *  [--kind flood|water] [--lang en|ur] [--force]`
 * Data from a flood or water run for other GIS tools and spreadsheets, written as the app's
 * exports service writes them: polygons as GeoJSON (RFC 7946) or KML, the per-district table as
 * CSV with a BOM.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NigahError } from '../../../shared/errors';
import { factsFromMask } from '../../export/compose';
import { type DataFormat, districtCsvText, polygonFileText } from '../../export/data-export';
import { districtInputs } from '../../export/flood-facts';
import { checkOutput } from '../../export/map-export';
import { writeFileAtomic } from '../../host/atomic';
import { need, numberOption, parseOptions } from '../args';
import { langOption } from '../export-options';
import type { CliCommand } from '../types';

const usage = `nigah export-data <run-dir | mask.tif> --out <file.geojson|file.kml|file.csv> [--tolerance <metres>] [--kind flood|water] [--lang en|ur] [--force]
  <run-dir>    an output directory of nigah flood or water (flood.tif or water.tif, summary.json)
  <mask.tif>   a mask COG written by nigah flood or water (polygons only)
  --out        .geojson: polygons, RFC 7946 (EPSG:4326, right-hand rings); .kml: the same for Google Earth;
               .csv: the per-district table (UTF-8 with BOM, formula-safe; needs a run made with --zones)
  --tolerance  Douglas-Peucker simplification tolerance in metres (default: half a pixel)
  --kind       class name of a bare mask file (default: from its metadata, else flood)
  --force      replace an existing output file`;

interface RunInput {
  mask: string | null;
  kind: 'flood' | 'water';
  summary: Record<string, unknown> | null;
}

function formatOfData(out: string): DataFormat {
  const ext = path.extname(out).slice(1).toLowerCase();
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'kml' || ext === 'csv') return ext;
  throw new NigahError('BAD_ARGUMENT', `--out must end in .geojson, .kml or .csv, got "${out}".`, {
    hint: `Usage: ${usage}`,
  });
}

/** The mask, class and summary of a run directory or a bare mask file. */
export function runInput(input: string, kindOption: string | undefined): RunInput {
  if (!existsSync(input))
    throw new NigahError('NOT_FOUND', `${input} does not exist.`, {
      hint: 'Give the output directory of nigah flood or water, or its mask .tif.',
    });
  if (kindOption !== undefined && kindOption !== 'flood' && kindOption !== 'water')
    throw new NigahError('BAD_ARGUMENT', `--kind must be flood or water, got "${kindOption}".`);
  if (!statSync(input).isDirectory()) {
    const kind =
      kindOption ?? factsFromMask(input)?.kind ?? (/water/i.test(path.basename(input)) ? 'water' : 'flood');
    return { mask: input, kind: kind as RunInput['kind'], summary: null };
  }
  const summaryPath = path.join(input, 'summary.json');
  const summary = existsSync(summaryPath)
    ? (JSON.parse(readFileSync(summaryPath, 'utf8')) as Record<string, unknown>)
    : null;
  const kind = (kindOption ??
    summary?.kind ??
    (existsSync(path.join(input, 'water.tif')) ? 'water' : 'flood')) as RunInput['kind'];
  const mask = path.join(input, `${kind}.tif`);
  return { mask: existsSync(mask) ? mask : null, kind, summary };
}

function dataText(format: DataFormat, run: RunInput, lang: 'en' | 'ur', tolerance?: number): string {
  if (format === 'csv') {
    if (!run.summary)
      throw new NigahError(
        'BAD_ARGUMENT',
        'The per-district table needs a run directory with summary.json.',
        {
          hint: 'Give the output directory of nigah flood or water run with --zones.',
        },
      );
    const zones = districtInputs(run.summary as unknown as Parameters<typeof districtInputs>[0], run.kind);
    return districtCsvText(zones, lang);
  }
  if (!run.mask)
    throw new NigahError('NOT_FOUND', `No ${run.kind}.tif in the run directory.`, {
      hint: 'Give the output directory of nigah flood or water, or its mask .tif.',
    });
  return polygonFileText(format, run.mask, run.kind, lang, tolerance);
}

export const command: CliCommand = {
  name: 'export-data',
  summary: 'Water/flood polygons as GeoJSON or KML, or the per-district table as CSV, from a run',
  usage,
  async run(args, io) {
    const p = parseOptions(args, ['out', 'tolerance', 'kind', 'lang'], ['force'], usage);
    if (p.positional.length !== 1)
      throw new NigahError('BAD_ARGUMENT', 'Give one run directory or mask file.', {
        hint: `Usage: ${usage}`,
      });
    const out = need(p, 'out', usage);
    const format = formatOfData(out);
    const tolerance = numberOption(p, 'tolerance', usage);
    if (tolerance !== undefined && !(tolerance >= 0))
      throw new NigahError('BAD_ARGUMENT', `--tolerance must be 0 or more metres, got ${tolerance}.`);
    const run = runInput(p.positional[0], p.options.kind);
    checkOutput(out, p.flags.has('force'), [run.mask, p.positional[0]]);
    const text = dataText(format, run, langOption(p.options.lang, usage), tolerance);
    await writeFileAtomic(out, Buffer.from(text, 'utf8'));
    io.out(`Wrote ${out} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)\n`);
    return 0;
  },
};
