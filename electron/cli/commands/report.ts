/**
 * `nigah report --pre <scene> --post <scene> [--zones <file>] [--lang en|ur] --out <report.pdf> [--force]`
 * The flood impact report: cover map, per-district table sorted by flooded area with totals,
 * before/after thumbnails with dates, method and data, page numbers.
 */
import { NigahError } from '../../../shared/errors';
import { closeSharedPool } from '../../engine/pool';
import { loadSceneInput } from '../../engine/scene-input';
import { floodReportFile } from '../../export/flood-report';
import { fmt, need, progressPrinter } from '../args';
import { startEngineCommand } from '../engine-command';
import { exportContext, langOption } from '../export-options';
import type { CliCommand } from '../types';

const usage = `nigah report --pre <scene> --post <scene> [--zones <file>] [--lang en|ur] --out <report.pdf> [--force]
  --zones      district boundaries (GeoJSON) for the per-district table
  --lang       en (default) or ur: text, numbers and page numbers in Urdu
  --producer   name on the report (default: the Producer set in the app's settings)
  --force      replace an existing output file`;

export const command: CliCommand = {
  name: 'report',
  summary: 'Flood impact report (PDF): cover map, per-district table, before/after thumbnails, method',
  usage,
  async run(args, io) {
    const start = await startEngineCommand(args, io, {
      name: 'report',
      usage,
      valued: ['pre', 'post', 'zones', 'lang', 'out', 'producer', 'pre-bands', 'post-bands'],
      flags: ['force'],
      scenes: 0,
    });
    if (!start) return 2;
    const { p } = start;
    const out = need(p, 'out', usage);
    if (!out.toLowerCase().endsWith('.pdf'))
      throw new NigahError('BAD_ARGUMENT', `The report is a PDF: --out must end in .pdf, got "${out}".`, {
        hint: `Usage: ${usage}`,
      });
    const lang = langOption(p.options.lang, usage);
    const pre = await loadSceneInput(need(p, 'pre', usage), p.options['pre-bands']);
    const post = await loadSceneInput(need(p, 'post', usage), p.options['post-bands']);
    const ctx = await exportContext(p.options.producer);
    const r = await floodReportFile(
      {
        pre,
        post,
        zonesFile: p.options.zones,
        lang,
        producer: ctx.producer,
        version: ctx.version,
        boundaries: ctx.boundaries,
        onProgress: progressPrinter(io.err),
        releaseWorkers: closeSharedPool,
      },
      out,
      p.flags.has('force'),
    );
    io.out(`Wrote ${out} (${(r.bytes / 1024).toFixed(0)} KiB): flooded ${fmt(r.floodedKm2)} km²\n`);
    return 0;
  },
};
