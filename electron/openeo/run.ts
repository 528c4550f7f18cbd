/**
 * A remote openEO run from submit to local results: validate against the backend, submit a batch
 * job, follow it (status, progress, logs; a failed job's error log is the error shown), download
 * its assets into the offline store (a dropped connection resumes with an HTTP Range request) and
 * open them as scenes. The per-district table of a mask result is computed locally.
 */

import { fileURLToPath } from 'node:url';
import { NigahError } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { makeAvailableOffline, type OfflineProgress, offlineScene } from '../cache/offline';
import { type RasterZoneStats, zonalStatsOfRaster } from '../engine/raster-stats';
import { loadSceneInput } from '../engine/scene-input';
import type { Backend, JobStatus, LogEntry, ResultAsset } from './remote';

export interface FollowOptions {
  pollMs?: number;
  signal?: AbortSignal;
  onStatus?: (s: JobStatus) => void;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Poll until the job finishes; an errored job throws with its error log entries. */
export async function followJob(b: Backend, id: string, o: FollowOptions = {}): Promise<JobStatus> {
  const sleep = o.sleep ?? wait;
  for (;;) {
    if (o.signal?.aborted) {
      await b.cancel(id).catch(() => undefined);
      throw new NigahError('CANCELLED', `The openEO job ${id} was cancelled.`);
    }
    const s = await b.status(id);
    o.onStatus?.(s);
    if (s.status === 'finished') return s;
    if (s.status === 'error') throw await jobFailure(b, id);
    if (s.status === 'canceled')
      throw new NigahError('CANCELLED', `The openEO job ${id} was cancelled on the backend.`);
    await sleep(o.pollMs ?? 5000);
  }
}

async function jobFailure(b: Backend, id: string): Promise<NigahError> {
  const logs: LogEntry[] = await b.logs(id).catch(() => []);
  const errors = logs.filter((l) => l.level === 'error');
  const text = (errors.length ? errors : logs).map((l) => l.message).join(' | ') || 'no log entries';
  return new NigahError('HTTP', `The openEO job ${id} failed on ${b.options.url}: ${text}`, {
    hint: 'Read the job log in the openEO panel; adjust the area, dates or analysis and submit again.',
    details: { job: id, logs },
  });
}

/** A scene record for the offline downloader: the job's assets as remote band files. */
function assetsScene(jobId: string, assets: ResultAsset[], provenance: string): Scene {
  return {
    id: `openeo-${jobId}`,
    title: `openEO job ${jobId}`,
    datetime: null,
    cloudCover: null,
    crs: '',
    bbox: [0, 0, 0, 0],
    footprint: { type: 'Polygon', coordinates: [] },
    bands: assets.map((a) => ({
      name: a.key,
      role: null,
      href: a.href,
      sample: 0,
      width: 0,
      height: 0,
      geotransform: [0, 1, 0, 0, 0, -1],
      dataType: 'float32',
      nodata: null,
      scale: 1,
      offset: 0,
    })),
    synthetic: false,
    notices: [],
    drawable: false,
    provenance: { source: 'openeo', href: provenance },
  };
}

export interface DownloadOptions {
  /** Offline store root. */
  dir: string;
  retries?: number;
  signal?: AbortSignal;
  onProgress?: (p: OfflineProgress) => void;
}

/** Download the job's GeoTIFF assets (resuming after drops) and open each as a scene. */
export async function downloadJobResults(b: Backend, jobId: string, o: DownloadOptions): Promise<Scene[]> {
  const { assets } = await b.results(jobId);
  const tiffs = assets.filter((a) => /tiff|geotiff/i.test(a.type ?? '') || /\.tiff?(\?|$)/i.test(a.href));
  if (!tiffs.length)
    throw new NigahError('NOT_FOUND', `The openEO job ${jobId} has no GeoTIFF result.`, {
      hint: 'The graph saves GTiff; check the job on the backend.',
    });
  const record = assetsScene(jobId, tiffs, `${b.options.url}/jobs/${jobId}/results`);
  for (let attempt = 0; ; attempt++) {
    try {
      await makeAvailableOffline(record, { dir: o.dir, signal: o.signal, onProgress: o.onProgress });
      break;
    } catch (e) {
      const code = (e as NigahError).code;
      if ((code !== 'NETWORK' && code !== 'TIMEOUT') || attempt >= (o.retries ?? 3)) throw e;
    }
  }
  const local = (await offlineScene(record, o.dir)) as Scene;
  return Promise.all(local.bands.map((band) => loadSceneInput(fileURLToPath(band.href))));
}

export interface ZoneTable {
  band: number;
  description: string;
  zones: RasterZoneStats[];
}

/** Per-zone tables of each mask band of a downloaded result (flood: flood, flooded cropland). */
export async function zoneTables(scene: Scene, zonesPath: string): Promise<ZoneTable[]> {
  const file = fileURLToPath(scene.bands[0].href);
  const out: ZoneTable[] = [];
  for (const [i, band] of scene.bands.entries()) {
    const r = await zonalStatsOfRaster(file, zonesPath, i + 1);
    if (r.isMask) out.push({ band: i + 1, description: band.name, zones: r.zones });
  }
  return out;
}
