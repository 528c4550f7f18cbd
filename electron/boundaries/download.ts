/**
 * "Download district boundaries": geoBoundaries gbOpen PAK ADM1–ADM3 through its public API, or
 * OpenStreetMap administrative boundaries of Pakistan (admin_level 4–6) through Overpass. Runs as a
 * job with progress and cancel; the file is downloaded to a .part file that the next attempt
 * continues (resume). The layer is stored with the provider's licence and attribution.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BoundaryDownloadRequest, BoundaryLevel, JobInfo } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import type { JobRunner } from '../services/jobs';
import { downloadToFile, fetchJson } from './fetch';
import { applyNames, capProblems, suggestNameField, suggestUrduField } from './fields';
import type { GeoFeature } from './geometry';
import { type OverpassElement, relationPolygons } from './osm-rings';
import { normaliseLayers, readBoundaryBytes } from './read';
import { type BoundaryStore, toBoundaryLayer } from './store';

export interface DownloadEndpoints {
  geoboundaries: string;
  overpass: string;
  timeoutMs: number;
}

const DEFAULTS: DownloadEndpoints = {
  geoboundaries: 'https://www.geoboundaries.org/api/current/gbOpen/PAK',
  overpass: 'https://overpass-api.de/api/interpreter',
  timeoutMs: 60_000,
};

const GB_LEVEL: Partial<Record<BoundaryLevel, string>> = {
  province: 'ADM1',
  district: 'ADM2',
  tehsil: 'ADM3',
};
/** OSM admin_level in Pakistan: 4 provinces, 5 divisions, 6 districts. */
const OSM_LEVEL: Partial<Record<BoundaryLevel, number>> = { province: 4, division: 5, district: 6 };

export const PROVIDER_LICENSES = {
  geoboundaries: {
    attribution: 'geoBoundaries (Runfola et al. 2020, PLoS ONE 15(4): e0231866), www.geoboundaries.org',
    license: 'as stated by geoBoundaries for the layer (gbOpen: public domain, CC BY or ODbL)',
  },
  osm: { attribution: '© OpenStreetMap contributors', license: 'ODbL-1.0' },
} as const;

interface GbMeta {
  boundaryID?: string;
  boundaryLicense?: string;
  boundarySource?: string;
  boundaryYearRepresented?: string;
  gjDownloadURL?: string;
}

interface Ctx {
  jobs: JobRunner;
  store: BoundaryStore;
  dir: string;
  endpoints?: Partial<DownloadEndpoints>;
}

async function geoBoundaries(
  level: BoundaryLevel,
  ctx: Ctx,
  job: { signal: AbortSignal; progress(p: string, d: number, t: number): void },
) {
  const ep = { ...DEFAULTS, ...ctx.endpoints };
  const adm = GB_LEVEL[level];
  if (!adm)
    throw new NigahError('BAD_ARGUMENT', `geoBoundaries has no ${level} level for Pakistan.`, {
      hint: 'Choose province, district or tehsil.',
    });
  job.progress('asking geoBoundaries', 0, 0);
  const meta = await fetchJson<GbMeta>(`${ep.geoboundaries}/${adm}/`, {
    signal: job.signal,
    timeoutMs: ep.timeoutMs,
  });
  if (!meta.gjDownloadURL)
    throw new NigahError('NOT_JSON', 'geoBoundaries answered without a download link (gjDownloadURL).', {
      hint: 'Try again later, or add a boundary file instead.',
    });
  const file = path.join(ctx.dir, 'downloads', `geoboundaries-PAK-${adm}.geojson`);
  await downloadToFile(meta.gjDownloadURL, file, {
    signal: job.signal,
    timeoutMs: ep.timeoutMs,
    onProgress: (d, t) => job.progress(`downloading PAK ${adm}`, d, t),
  });
  job.progress('reading', 0, 0);
  const read = await readBoundaryBytes(await fs.readFile(file), path.basename(file));
  const licence = meta.boundaryLicense
    ? `${meta.boundaryLicense} (geoBoundaries ${meta.boundaryID ?? adm})`
    : PROVIDER_LICENSES.geoboundaries.license;
  const source = meta.boundarySource ? `; source: ${meta.boundarySource}` : '';
  return {
    read,
    name: `geoBoundaries PAK ${adm}${meta.boundaryYearRepresented ? ` (${meta.boundaryYearRepresented})` : ''}`,
    license: licence,
    attribution: `${PROVIDER_LICENSES.geoboundaries.attribution}${source}`,
    source: meta.gjDownloadURL,
    file,
  };
}

async function overpass(
  level: BoundaryLevel,
  ctx: Ctx,
  job: { signal: AbortSignal; progress(p: string, d: number, t: number): void },
) {
  const ep = { ...DEFAULTS, ...ctx.endpoints };
  const admin = OSM_LEVEL[level];
  if (!admin)
    throw new NigahError('BAD_ARGUMENT', `OpenStreetMap has no ${level} level for Pakistan.`, {
      hint: 'Choose province, division or district.',
    });
  const query = `[out:json][timeout:300];area["ISO3166-1"="PK"][admin_level=2]->.pk;relation["boundary"="administrative"]["admin_level"="${admin}"](area.pk);out geom;`;
  const file = path.join(ctx.dir, 'downloads', `osm-PAK-admin${admin}.json`);
  await downloadToFile(`${ep.overpass}?data=${encodeURIComponent(query)}`, file, {
    signal: job.signal,
    timeoutMs: ep.timeoutMs,
    onProgress: (d, t) => job.progress(`downloading OpenStreetMap admin_level ${admin}`, d, t),
  });
  job.progress('assembling polygons', 0, 0);
  let json: { elements?: OverpassElement[] };
  const text = await fs.readFile(file, 'utf8');
  try {
    json = JSON.parse(text);
  } catch {
    await fs.rm(file, { force: true });
    throw new NigahError(
      'NOT_JSON',
      `Overpass sent ${/^\s*</.test(text) ? 'a web page' : 'something that is not JSON'} instead of data.`,
      {
        hint: 'The server may be busy: try again in a few minutes, or add a boundary file instead.',
      },
    );
  }
  const features: GeoFeature[] = [];
  let open = 0;
  for (const el of json.elements ?? []) {
    if (el.type !== 'relation') continue;
    const r = relationPolygons(el);
    open += r.open;
    if (r.polygons.length)
      features.push({
        type: 'Feature',
        properties: { ...el.tags, osm_id: el.id },
        geometry: { type: 'MultiPolygon', coordinates: r.polygons },
      });
  }
  const read = normaliseLayers(
    [{ name: `admin_level ${admin}`, features, crs: null }],
    'the OpenStreetMap answer',
  );
  if (open)
    read.problems.unshift(`${open} chain(s) of boundary ways did not close into rings and were left out.`);
  return {
    read,
    name: `OpenStreetMap admin_level ${admin} (Pakistan)`,
    ...PROVIDER_LICENSES.osm,
    source: 'OpenStreetMap via Overpass',
    file,
  };
}

export async function downloadBoundaries(req: BoundaryDownloadRequest, ctx: Ctx): Promise<JobInfo> {
  const title =
    req.provider === 'osm'
      ? `OpenStreetMap ${req.level} boundaries`
      : `geoBoundaries ${req.level} boundaries`;
  return ctx.jobs.start('boundaries', `Download: ${title}`, async (job) => {
    const got =
      req.provider === 'osm' ? await overpass(req.level, ctx, job) : await geoBoundaries(req.level, ctx, job);
    const nameField = got.read.fields.includes('name:en') ? 'name:en' : suggestNameField(got.read.fields);
    const nameUrField = got.read.fields.includes('name:ur')
      ? 'name:ur'
      : suggestUrduField(got.read.features, got.read.fields);
    const entry = await ctx.store.add(
      {
        name: got.name,
        level: req.level,
        attribution: got.attribution,
        license: got.license,
        source: got.source,
        nameField,
        nameUrField,
        problems: capProblems(got.read.problems),
      },
      applyNames(got.read.features, nameField, nameUrField),
    );
    await fs.rm(got.file, { force: true });
    return toBoundaryLayer(entry);
  });
}
