/**
 * RPC orthorectification of a raw (Level-1A) image to a COG: plan the output grid (ortho-plan.ts),
 * run runs of output tiles on the worker pool (ortho-tile.ts) with progress and cancel, and stream
 * the tiles into the engine's COG writer (atomic temp + rename). Heights from a DEM, a constant, or
 * the model's HEIGHT_OFF (with a notice saying so).
 */
import { resolve } from 'node:path';
import { NigahError } from '../../shared/errors';
import type { RpcModel } from '../../shared/rpc';
import type { CogDataType } from '../../shared/tiff';
import { prepareCodecs } from '../../shared/tiff/read';
import { CogFileWriter } from './cog-output';
import type { Job } from './jobs';
import {
  checkDemCoverage,
  type HeightChoice,
  modelGsd,
  type OrthoGrid,
  openDem,
  planGrid,
} from './ortho-plan';
import type { OrthoJob, OrthoSpec, OrthoTileResult } from './ortho-tile';
import { sharedPool, type WorkerPool } from './pool';
import { tiffOf } from './scene-input';

export interface OrthoInput {
  /** The raw image (local TIFF). */
  tiffPath: string;
  model: RpcModel;
  /** Band names in file order (descriptions in the output). */
  bandNames?: string[];
  /** Nominal GSD of the sensor in metres (GF-1 WFV 16); estimated from the model when absent. */
  gsd?: number;
  /** Dataset metadata carried into the output (satellite, sensor, acquisition time, product id…). */
  metadata?: Record<string, string>;
  /** Per-band scale/offset carried into the output (DN → radiance or reflectance). */
  bandScaling?: { scale: number; offset: number }[];
}

export interface OrthoOptions {
  dem?: string;
  height?: number;
  resampling?: 'near' | 'bilinear';
  out: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  pool?: WorkerPool;
  tileSize?: number;
}

export interface OrthoResult {
  path: string;
  grid: OrthoGrid;
  bytes: number;
  notices: string[];
  heightSource: string;
}

/** Where the heights come from, with the notice the user sees. */
export function chooseHeights(model: RpcModel, opts: Pick<OrthoOptions, 'dem' | 'height'>): HeightChoice {
  if (opts.dem !== undefined && opts.height !== undefined)
    throw new NigahError('BAD_ARGUMENT', 'Give either a DEM or a constant height, not both.', {
      hint: 'Use --dem <file> for terrain, or --height <m> for flat ground.',
    });
  if (opts.dem !== undefined)
    return { dem: openDem(resolve(opts.dem)), height: model.heightOff, notice: null };
  if (opts.height !== undefined) {
    if (!Number.isFinite(opts.height) || Math.abs(opts.height) > 9000)
      throw new NigahError('BAD_ARGUMENT', `--height ${opts.height} is not a height in metres.`, {
        hint: 'Give the mean terrain height above the ellipsoid, e.g. --height 45.',
      });
    return { dem: null, height: opts.height, notice: null };
  }
  return {
    dem: null,
    height: model.heightOff,
    notice: `No DEM was given: the whole scene was placed at the model's mean height (HEIGHT_OFF = ${model.heightOff} m). Terrain away from that height is displaced; orthorectify with a DEM (SRTM or Copernicus GLO-30) for hilly areas.`,
  };
}

function dataTypeOf(t: string): CogDataType {
  if (t === 'uint8' || t === 'uint16' || t === 'int16' || t === 'float32' || t === 'float64') return t;
  throw new NigahError('UNSUPPORTED_TIFF', `Raw images of type ${t} cannot be orthorectified.`, {
    hint: 'CRESDA L1A products are 16-bit: check that this is the image of the package.',
  });
}

/**
 * zlib level of output tiles. With the horizontal predictor, level 1 gives files about the size of
 * GDAL's COG default (DEFLATE 6, no predictor) on sensor data, at a fraction of level 6's time
 * (bench: level 6 took two thirds of the run).
 */
const DEFLATE_LEVEL = 1;

function* jobsOf(spec: OrthoSpec, w: CogFileWriter, run: number): Generator<Job> {
  const l0 = w.layout.levels[0];
  for (let ty = 0; ty < l0.tilesDown; ty++)
    for (let tx0 = 0; tx0 < l0.tilesAcross; tx0 += run) {
      const job: OrthoJob = {
        kind: 'ortho',
        spec,
        ty,
        tx0,
        tx1: Math.min(l0.tilesAcross, tx0 + run) - 1,
        layout: w.layout,
        deflateLevel: DEFLATE_LEVEL,
      };
      yield job;
    }
}

interface OrthoPlan {
  spec: OrthoSpec;
  grid: OrthoGrid;
  notices: string[];
  heightSource: string;
}

/** Heights, DEM coverage, output grid and the tile spec every job shares. */
async function planOrtho(input: OrthoInput, opts: OrthoOptions): Promise<OrthoPlan> {
  const f = tiffOf(input.tiffPath);
  const img = f.images[0];
  const heights = chooseHeights(input.model, opts);
  // Codecs decoded asynchronously (JPEG, ZSTD…) are loaded before any block is read here.
  await prepareCodecs([img], input.tiffPath);
  if (heights.dem) await prepareCodecs([heights.dem.image], heights.dem.path);
  if (heights.dem) checkDemCoverage(input.model, img.width, img.height, heights.dem, opts.dem as string);
  const gsd = input.gsd ?? Math.round(modelGsd(input.model, img.width, img.height, heights.height) * 10) / 10;
  const grid = planGrid(input.model, img.width, img.height, heights, gsd);
  const spec: OrthoSpec = {
    model: input.model,
    source: {
      path: input.tiffPath,
      image: img,
      samples: Array.from({ length: img.samplesPerPixel }, (_, i) => i),
    },
    grid: { gt: grid.gt, epsg: grid.epsg, width: grid.width, height: grid.height },
    dem: heights.dem,
    height: heights.height,
    resampling: opts.resampling ?? 'bilinear',
    dataType: dataTypeOf(img.dataType),
    nodata: f.nodata ?? 0,
  };
  const heightSource = heights.dem
    ? `DEM ${opts.dem}`
    : opts.height !== undefined
      ? `constant height ${opts.height} m`
      : `HEIGHT_OFF ${input.model.heightOff} m`;
  return { spec, grid, notices: heights.notice ? [heights.notice] : [], heightSource };
}

/** The COG writer of the output: band names and scaling, the source's metadata, how it was made. */
function openWriter(
  out: string,
  input: OrthoInput,
  plan: OrthoPlan,
  pool: WorkerPool,
  tileSize: number,
): CogFileWriter {
  const { spec, grid } = plan;
  const bands = spec.source.samples.length;
  return new CogFileWriter(
    out,
    {
      width: grid.width,
      height: grid.height,
      bands,
      dataType: spec.dataType,
      nodata: spec.nodata,
      tileSize,
      geo: { epsg: grid.epsg, transform: grid.gt },
      bandMetadata: Array.from({ length: bands }, (_, i) => ({
        description: input.bandNames?.[i] ?? `B${i + 1}`,
        ...(input.bandScaling?.[i] ? input.bandScaling[i] : {}),
      })),
      metadata: {
        ...input.metadata,
        NIGAH_ORTHO_HEIGHTS: plan.heightSource,
        NIGAH_ORTHO_RESAMPLING: spec.resampling,
      },
    },
    pool,
    DEFLATE_LEVEL,
    256 * 1024 * 1024,
  );
}

export async function orthorectify(input: OrthoInput, opts: OrthoOptions): Promise<OrthoResult> {
  const out = resolve(opts.out);
  if (out === resolve(input.tiffPath) || (opts.dem && out === resolve(opts.dem)))
    throw new NigahError('OUTPUT_IS_INPUT', `${out} is an input; it would be overwritten.`, {
      hint: 'Choose another --out file.',
    });
  const plan = await planOrtho(input, opts);
  const pool = opts.pool ?? sharedPool();
  const writer = openWriter(out, input, plan, pool, opts.tileSize ?? 512);
  const l0 = writer.layout.levels[0];
  const bands = plan.spec.source.samples.length;
  // Runs of 4 tiles: one source window read serves them all (strip-organised L1A files).
  const run = 4;
  const total = l0.tilesDown * Math.ceil(l0.tilesAcross / run);
  try {
    await pool.map<OrthoTileResult[]>(
      jobsOf(plan.spec, writer, run),
      (tiles) => {
        for (const t of tiles)
          for (let b = 0; b < bands; b++) writer.addTile(b, t.tx, t.ty, t.bytes[b], t.pixels[b]);
      },
      { signal: opts.signal, total, onProgress: opts.onProgress },
    );
    const { bytes } = await writer.finish();
    return { path: out, grid: plan.grid, bytes, notices: plan.notices, heightSource: plan.heightSource };
  } catch (e) {
    writer.abort();
    throw e;
  }
}
