/**
 * `nigah export-map <scene> [--index <name|expr>] [--mask <file>] [--zones <file>] [--title <text>]
 *  [--lang en|ur] [--size a4|a3] [--landscape] [--dpi N] --out <file.pdf|file.png> [--force]`
 * A print-ready map page: title, the map with its layers, legend, scale bar, north arrow, lon/lat
 * grid, inset locator, method, sources and producer; SYNTHETIC banner for synthetic scenes.
 */
import { existsSync } from 'node:fs';
import { NigahError } from '../../../shared/errors';
import { defaultLayers } from '../../../shared/export/layers';
import { PAGE_SIZES, type PageSize } from '../../../shared/export/page';
import { exportMapFile, formatOf } from '../../export/map-export';
import { need, numberOption } from '../args';
import { startEngineCommand } from '../engine-command';
import { exportContext, langOption } from '../export-options';
import type { CliCommand } from '../types';

const usage = `nigah export-map <scene> [--index <name|expr>] [--mask <file>] [--zones <file>] [--title <text>] [--lang en|ur] [--size a4|a3] [--landscape] [--dpi N] --out <file.pdf|file.png> [--force]
  --index      show an index or band-math expression instead of true colour
  --mask       a water or flood mask written by nigah water / flood (drawn over the scene)
  --zones      district boundaries drawn and named on the map: a GeoJSON file or a boundary layer id
               (nigah boundaries list); the embedded neighbours, rivers, provinces and towns are drawn too
  --bbox       map extent in lon/lat: west,south,east,north (default: the whole scene)
  --dpi        PNG resolution (default 300); PDF rasters are always placed at 300 dpi or more
  --producer   name on the page (default: the Producer set in the app's settings)
  --force      replace an existing output file`;

function bboxOption(v: string | undefined): [number, number, number, number] | undefined {
  if (v === undefined) return undefined;
  const n = v.split(',').map(Number);
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)))
    throw new NigahError('BAD_ARGUMENT', `--bbox must be west,south,east,north in degrees, got "${v}".`, {
      hint: 'For example --bbox 67.6,26.35,67.9,26.55',
    });
  return n as [number, number, number, number];
}

/** The embedded base map drawn on every CLI map: neighbours, rivers, province outlines, towns. */
const BASE_LAYERS = ['ne-neighbours', 'ne-rivers', 'ne-admin1', 'geonames-towns'];

/** --zones is a boundary file (drawn and named) or a boundary layer id; the base map goes under it. */
async function zonesLayers(zones: string | undefined, index: string | undefined, mask: boolean) {
  const isFile = zones !== undefined && existsSync(zones);
  const basemap = BASE_LAYERS.filter((id) => id !== zones);
  const layers = defaultLayers({ view: index, mask, zones: isFile ? undefined : zones, basemap });
  return { layers, zonesFile: isFile ? zones : undefined };
}

export const command: CliCommand = {
  name: 'export-map',
  summary: 'Print-ready map (PDF or PNG) with legend, scale bar, north arrow, grid, inset and attribution',
  usage,
  async run(args, io) {
    const start = await startEngineCommand(args, io, {
      name: 'export-map',
      usage,
      valued: ['index', 'mask', 'zones', 'title', 'lang', 'size', 'dpi', 'out', 'bands', 'producer', 'bbox'],
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
        ...(await zonesLayers(p.options.zones, p.options.index, !!p.options.mask)),
        title: p.options.title,
        bbox: bboxOption(p.options.bbox),
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
