/**
 * `nigah boundaries add|list|remove|download`: the boundary layers of the app's user data (the same
 * store as Sources → Boundaries), from the command line.
 */
import path from 'node:path';
import { BOUNDARY_LEVELS, type BoundaryLayer, type BoundaryLevel } from '../../../shared/contract';
import { NigahError } from '../../../shared/errors';
import { resolvePaths } from '../../host/paths';
import { createBoundariesService } from '../../services/boundaries';
import { createJobRunner } from '../../services/jobs';
import { need, parseOptions } from '../args';
import type { CliCommand, CliIO } from '../types';

const usage = `nigah boundaries add <file|url> --level province|division|district|tehsil [--name <text>]
                  [--layer <object>] [--name-field <field>] [--name-ur-field <field>]
                  [--license <text>] [--attribution <text>] [--json]
nigah boundaries inspect <file|url> [--layer <object>] [--json]
nigah boundaries list [--json]
nigah boundaries remove <id>
nigah boundaries download --source geoboundaries|osm --level province|division|district|tehsil
  Files: GeoJSON, TopoJSON, KML, a zipped Shapefile or a .shp with its .dbf/.prj/.cpg beside it,
  reprojected from the file's CRS. Layers are kept in the app's user data (NIGAH_USER_DATA).`;

function service() {
  const paths = resolvePaths();
  const jobs = createJobRunner();
  return {
    jobs,
    svc: createBoundariesService({
      userDir: `${paths.userDataDir}/boundaries`,
      jobs,
      extractedDir: path.join(paths.appRoot, 'dist', 'basemap'),
    }),
  };
}

function level(v: string | undefined): BoundaryLevel {
  if (v && (BOUNDARY_LEVELS as readonly string[]).includes(v)) return v as BoundaryLevel;
  throw new NigahError(
    'BAD_ARGUMENT',
    `--level must be one of ${BOUNDARY_LEVELS.join(', ')}${v ? `, got "${v}"` : ''}.`,
    {
      hint: `Usage: ${usage}`,
    },
  );
}

function printLayer(io: CliIO, l: BoundaryLayer, notes = 0): void {
  io.out(
    `${l.id}\t${l.level}\t${l.featureCount} features\t${l.name}\n  licence: ${l.license}\n  attribution: ${l.attribution}\n`,
  );
  const problems = l.problems ?? [];
  for (const p of problems.slice(0, notes)) io.out(`  note: ${p}\n`);
  if (problems.length > notes) io.out(`  ${problems.length - notes} ring note(s): see --json\n`);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  const p = parseOptions(
    rest,
    ['level', 'name', 'layer', 'name-field', 'name-ur-field', 'license', 'attribution', 'source'],
    ['json'],
    usage,
  );
  const { svc, jobs } = service();
  const json = p.flags.has('json');
  if (sub === 'list') {
    const layers = await svc.list();
    if (json) io.out(`${JSON.stringify(layers, null, 2)}\n`);
    else for (const l of layers) printLayer(io, l);
    return 0;
  }
  if (sub === 'inspect' && p.positional.length === 1) {
    const info = await svc.inspect(p.positional[0], p.options.layer);
    if (json) io.out(`${JSON.stringify(info, null, 2)}\n`);
    else {
      io.out(
        `layer ${info.layer} of ${info.layers.join(', ')}; ${info.featureCount} features; CRS ${info.crs}\n`,
      );
      for (const f of info.fields) io.out(`  ${f.name}: ${f.samples.join(' | ')}\n`);
      io.out(
        `suggested: --level ${info.suggested.level} --name-field ${info.suggested.nameField ?? '?'}${info.suggested.nameUrField ? ` --name-ur-field ${info.suggested.nameUrField}` : ''}\n`,
      );
    }
    return 0;
  }
  if (sub === 'add' && p.positional.length === 1) {
    const layer = await svc.add({
      location: p.positional[0],
      level: level(p.options.level),
      name: p.options.name,
      layer: p.options.layer,
      nameField: p.options['name-field'],
      nameUrField: p.options['name-ur-field'],
      license: p.options.license,
      attribution: p.options.attribution,
    });
    if (json) io.out(`${JSON.stringify(layer, null, 2)}\n`);
    else printLayer(io, layer, 5);
    return 0;
  }
  if (sub === 'remove' && p.positional.length === 1) {
    await svc.remove(p.positional[0]);
    io.out(`removed ${p.positional[0]}\n`);
    return 0;
  }
  if (sub === 'download') {
    const source = need(p, 'source', usage);
    if (source !== 'geoboundaries' && source !== 'osm')
      throw new NigahError('BAD_ARGUMENT', `--source must be geoboundaries or osm, got "${source}".`);
    const lv = level(p.options.level);
    if (lv === 'country')
      throw new NigahError(
        'BAD_ARGUMENT',
        'The country outline is built in; download province, division, district or tehsil.',
      );
    const job = await svc.download({ provider: source, level: lv });
    // Progress on stderr once a second; Ctrl+C stops, and the next run continues the .part file.
    const timer = setInterval(async () => {
      const p = (await jobs.service.get(job.id)).progress;
      if (p)
        io.err(
          `  ${p.phase}${p.done ? `: ${(p.done / 1e6).toFixed(1)} MB${p.total ? ` of ${(p.total / 1e6).toFixed(1)} MB` : ''}` : ''}\n`,
        );
    }, 1000);
    const info = await jobs.settled(job.id).finally(() => clearInterval(timer));
    if (info.state !== 'done')
      throw new NigahError(info.error?.code ?? 'INTERNAL', info.error?.message ?? `Download ${info.state}.`, {
        hint: info.error?.hint,
      });
    printLayer(io, info.result as BoundaryLayer);
    return 0;
  }
  io.err(`Usage: ${usage}\n`);
  return 2;
}

export const command: CliCommand = {
  name: 'boundaries',
  summary: 'Add, list, remove or download boundary layers (districts…) for per-zone tables',
  usage,
  run,
};
