/**
 * `nigah export-map <scene> [--index <name|expr>] [--mask <file>] [--zones <file>] [--title <text>]
 *  [--lang en|ur] [--size a4|a3] [--landscape] [--dpi N] --out <file.pdf|file.png> [--force]`
 * A print-ready map page: title, the map with its layers, legend, scale bar, north arrow, lon/lat
 * grid, inset locator, method, sources and producer; SYNTHETIC banner for synthetic scenes.
 */
import { NigahError } from '../../../shared/errors';
import { PAGE_SIZES, type PageSize } from '../../../shared/export/page';
import { exportMapFile, formatOf } from '../../export/map-export';
import { need, numberOption } from '../args';
import { startEngineCommand } from '../engine-command';
import { exportContext, langOption } from '../export-options';
import type { CliCommand } from '../types';

const usage = `nigah export-map <scene> [--index <name|expr>] [--mask <file>] [--zones <file>] [--title <text>] [--lang en|ur] [--size a4|a3] [--landscape] [--dpi N] --out <file.pdf|file.png> [--force]
  --index      show an index or band-math expression instead of true colour
  --mask       a water or flood mask written by nigah water / flood (drawn over the scene)
  --zones      district boundaries (GeoJSON) drawn and named on the map
  --dpi        PNG resolution (default 300); PDF rasters are always placed at 300 dpi or more
  --producer   name on the page (default: the Producer set in the app's settings)
  --force      replace an existing output file`;

export const command: CliCommand = {
  name: 'export-map',
  summary: 'Print-ready map (PDF or PNG) with legend, scale bar, north arrow, grid, inset and attribution',
  usage,
  async run(args, io) {
    const start = await startEngineCommand(args, io, {
      name: 'export-map',
      usage,
      valued: ['index', 'mask', 'zones', 'title', 'lang', 'size', 'dpi', 'out', 'bands', 'producer'],
      flags: ['landscape', 'force'],
      scenes: 1,
    });
    if (!start) return 2;
    const { p, scene } = start;
    const out = need(p, 'out', usage);
    formatOf(out);
    const size = (p.options.size ?? 'a4').toLowerCase();
    if (!PAGE_SIZES.includes(size as PageSize))
      throw new NigahError('BAD_ARGUMENT', `--size must be a4 or a3, got "${p.options.size}".`, {
        hint: `Usage: ${usage}`,
      });
    const dpi = numberOption(p, 'dpi', usage) ?? 300;
    if (!(dpi >= 72 && dpi <= 600))
      throw new NigahError('BAD_ARGUMENT', `--dpi must be between 72 and 600, got ${dpi}.`, {
        hint: 'Use 150 for screens, 300 for print.',
      });
    const ctx = await exportContext(p.options.producer);
    const r = await exportMapFile(
      {
        scene: scene!,
        index: p.options.index,
        mask: p.options.mask,
        zonesFile: p.options.zones,
        title: p.options.title,
        lang: langOption(p.options.lang, usage),
        page: { size: size as PageSize, landscape: p.flags.has('landscape') },
        dpi,
        producer: ctx.producer,
        version: ctx.version,
        boundaries: ctx.boundaries,
      },
      out,
      p.flags.has('force'),
    );
    io.out(`Wrote ${out} (${(r.bytes / 1024).toFixed(0)} KiB)\n`);
    return 0;
  },
};
