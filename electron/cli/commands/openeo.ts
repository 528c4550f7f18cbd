/**
 * `nigah openeo graph|exec|run`: Nigah's analyses as openEO process graphs — printed and validated,
 * executed locally on Nigah's engine, or run as a batch job on an openEO backend.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs as parseNodeArgs } from 'node:util';
import { toCsv } from '../../../shared/csv';
import { NigahError } from '../../../shared/errors';
import type { OpenEOProcess } from '../../../shared/openeo/graph';
import { buildGraph } from '../../../shared/openeo/request';
import { checkStructure, validateGraph } from '../../../shared/openeo/validate';
import { loadSceneInput } from '../../engine/scene-input';
import { writeFileAtomic } from '../../host/atomic';
import {
  ANALYSIS_OPTIONS,
  authFrom,
  BACKEND_OPTIONS,
  readProcessSpecs,
  requestFrom,
} from '../../openeo/cli-options';
import { executeGraph } from '../../openeo/executor';
import { Backend } from '../../openeo/remote';
import { downloadJobResults, followJob, zoneTables } from '../../openeo/run';
import type { CliCommand, CliIO } from '../types';

const usage = `nigah openeo graph <analysis> [--processes <dir|file> | --backend <url>] [--out <graph.json>]
nigah openeo exec (<graph.json> | <analysis>) --scenes <scene,scene,...> --out <result.tif>
nigah openeo run --backend <url> [sign-in] <analysis> --out-dir <dir> [--zones <boundaries>] [--poll <seconds>]
  <analysis>:
  --analysis         index (default), water or flood (flood when --pre/--post are given)
  --index            index id (ndvi, evi, … awei-nsh, ndti) or band math "(nir - red) / (nir + red)";
                     for water and flood the water index (default mndwi, ndwi without SWIR)
  --collection       SENTINEL2_L2A or LANDSAT8-9_L2 (or an alias the backend uses)
  --bbox             west,south,east,north in degrees
  --datetime         start/end (end exclusive) for index and water; --pre, --post for flood
  --threshold        water threshold (default the index's: 0); --pre-threshold, --ndvi-threshold (0.3)
  --cloud-mask / --no-cloud-mask   mask clouds with the collection's flags (default: on for water
                     and flood, off for index, as the direct commands do)
  graph: prints the process graph (JSON). With --processes (a folder of process definitions, e.g.
    the official openeo-processes, or a saved GET /processes) or --backend it is fully validated;
    otherwise only its structure is checked, and a note says full validation needs a backend.
  exec: runs the graph on Nigah's engine over local scenes (STAC items, folders, GeoTIFFs).
  run: sign-in with --user (password in NIGAH_OPENEO_PASSWORD), --client-id (secret in
    NIGAH_OPENEO_CLIENT_SECRET) or --client-id … --device (device flow); --provider picks the
    OpenID Connect provider. Submits a batch job, follows it, downloads the results into --out-dir
    (a dropped connection resumes) and with --zones writes a per-zone table of each mask band.`;

/** node:util parseArgs with its errors (unknown option, missing value) as usage errors. */
function parseArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseNodeArgs<T>> {
  try {
    return parseNodeArgs(config);
  } catch (e) {
    throw new NigahError('BAD_ARGUMENT', (e as Error).message, {
      hint: 'Run nigah help openeo for the options.',
    });
  }
}

async function graphCmd(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...ANALYSIS_OPTIONS,
      processes: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const graph = buildGraph(requestFrom(values));
  if (values.processes)
    await validateGraph(graph, readProcessSpecs(values.processes), { backend: values.processes });
  else if (values.backend)
    await (await Backend.connect({ url: values.backend, auth: { kind: 'none' } })).validate(graph);
  else {
    await checkStructure(graph);
    io.err(
      "openeo graph: structure checked. Full validation needs a backend's process list: pass --backend <url> or --processes <dir>.\n",
    );
  }
  const text = `${JSON.stringify(graph, null, 2)}\n`;
  if (values.out) await writeFileAtomic(values.out, text);
  else io.out(text);
  return 0;
}

async function execCmd(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...ANALYSIS_OPTIONS, scenes: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.scenes || !values.out)
    throw new NigahError('BAD_ARGUMENT', 'openeo exec needs --scenes and --out.', {
      hint: usage.split('\n')[1],
    });
  const graph: OpenEOProcess = positionals[0]
    ? (JSON.parse(readFileSync(positionals[0], 'utf8')) as OpenEOProcess)
    : buildGraph(requestFrom(values));
  const scenes = await Promise.all(values.scenes.split(',').map((s) => loadSceneInput(s.trim())));
  const r = await executeGraph(graph, { scenes, out: values.out });
  io.out(`${r.bands.join(', ')} → ${r.out} (${r.width}×${r.height}, ${r.crs}, ${r.dataType})\n`);
  return 0;
}

async function runCmd(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...ANALYSIS_OPTIONS,
      ...BACKEND_OPTIONS,
      'out-dir': { type: 'string' },
      zones: { type: 'string' },
      poll: { type: 'string' },
    },
  });
  if (!values.backend || !values['out-dir'])
    throw new NigahError('BAD_ARGUMENT', 'openeo run needs --backend and --out-dir.', {
      hint: usage.split('\n')[2],
    });
  const req = requestFrom(values);
  const graph = buildGraph(req);
  const b = await Backend.connect({
    url: values.backend,
    auth: authFrom(values),
    onDeviceCode: (uri, code) => io.err(`Open ${uri} and enter the code ${code} to sign in.\n`),
  });
  const id = await b.submit(graph, graph.summary ?? 'Nigah analysis');
  io.err(`Submitted job ${id} to ${values.backend}.\n`);
  await followJob(b, id, {
    pollMs: values.poll ? Number(values.poll) * 1000 : 5000,
    onStatus: (s) => io.err(`  ${s.status}${s.progress !== null ? ` ${s.progress}%` : ''}\n`),
  });
  const dir = values['out-dir'];
  mkdirSync(dir, { recursive: true });
  const scenes = await downloadJobResults(b, id, { dir });
  for (const s of scenes) io.out(`${s.bands[0].href}\n`);
  if (values.zones)
    for (const t of await zoneTables(scenes[0], values.zones)) {
      const file = join(dir, `zones-${t.description.replace(/[^A-Za-z0-9_-]+/g, '_')}.csv`);
      const rows = t.zones.map((z) => [
        z.id,
        z.name,
        z.maskPixels,
        z.maskKm2,
        z.maskHa,
        z.maskSharePct,
        z.validKm2,
      ]);
      await writeFileAtomic(
        file,
        toCsv(['zone_id', 'name', 'pixels', 'km2', 'ha', 'share_pct', 'observed_km2'], rows, { bom: true }),
      );
      io.out(`${file}\n`);
    }
  return 0;
}

export const command: CliCommand = {
  name: 'openeo',
  summary: 'Analyses as openEO process graphs: print and validate, run locally, or run on an openEO backend',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'graph') return graphCmd(rest, io);
    if (sub === 'exec') return execCmd(rest, io);
    if (sub === 'run') return runCmd(rest, io);
    io.err(`nigah openeo: expected graph, exec or run.\nUsage: ${usage}\n`);
    return 2;
  },
};
