/**
 * Boundary layers: the embedded defaults (country and provinces from npm packages, see
 * electron/boundaries/builtin.ts) and the layers the user added from a file or URL or downloaded,
 * kept in user data (electron/boundaries/store.ts). Also the base-map layers (neighbours, rivers,
 * lakes, towns) and the GeoJSON file of any layer for the engine's zonal statistics.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type {
  BasemapLayer,
  BoundaryLayer,
  GeoJSONFeatureCollection,
  NigahServices,
} from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { BUILTIN_LAYERS, builtinFeatures } from '../boundaries/builtin';
import { type DownloadEndpoints, downloadBoundaries } from '../boundaries/download';
import { fetchBoundarySource } from '../boundaries/fetch';
import { applyNames, capProblems, inspection } from '../boundaries/fields';
import { type BoundaryRead, readBoundaryPath } from '../boundaries/read';
import { createBoundaryStore, toBoundaryLayer } from '../boundaries/store';
import { writeFileAtomic } from '../host/atomic';
import type { JobRunner } from './jobs';

export interface BoundariesServiceOptions {
  /** <userData>/boundaries: added and downloaded layers. */
  userDir: string;
  /** dist/basemap: the embedded layers as extracted by the build (absent in a checkout). */
  extractedDir?: string;
  jobs?: JobRunner;
  /** Download endpoints (tests point them at a loopback server). */
  endpoints?: Partial<DownloadEndpoints>;
}

export type BoundariesService = NigahServices['boundaries'] & {
  /** The GeoJSON file of a layer, for the engine's zonal statistics. */
  file(id: string): Promise<string>;
  /** A layer by id; without an id, the finest at district level or above. */
  layer(id?: string): Promise<BoundaryLayer | undefined>;
};

const LEVEL_RANK: Record<BoundaryLayer['level'], number> = {
  country: 0,
  province: 1,
  division: 2,
  district: 3,
  tehsil: 4,
};

function notFound(id: string): NigahError {
  return new NigahError('NOT_FOUND', `No boundary layer "${id}".`, {
    hint: 'Pick one of the layers listed under Sources → Boundaries.',
  });
}

async function readLocation(location: string, layer?: string): Promise<BoundaryRead> {
  if (/^https?:\/\//i.test(location)) return fetchBoundarySource(location, { layer });
  return readBoundaryPath(location, { layer });
}

export function createBoundariesService(opts: BoundariesServiceOptions): BoundariesService {
  const store = createBoundaryStore(opts.userDir);
  const builtins = BUILTIN_LAYERS.filter((l) => l.kind === 'boundary');

  function builtinLayer(l: (typeof BUILTIN_LAYERS)[number]): BoundaryLayer {
    const { build: _build, kind: _kind, ...meta } = l;
    return { ...meta, featureCount: builtinFeatures(l.id, opts.extractedDir)?.features.length ?? 0 };
  }

  async function list(): Promise<BoundaryLayer[]> {
    const user = (await store.list()).map(toBoundaryLayer);
    // Finest first: the user's districts before the embedded provinces.
    return [...user, ...builtins.map(builtinLayer)].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
  }

  const service: BoundariesService = {
    list,
    async get(id) {
      const builtin = builtinFeatures(id, opts.extractedDir);
      if (builtin) return builtin;
      const fc = await store.read(id);
      if (!fc) throw notFound(id);
      return fc;
    },
    async basemap() {
      const out: BasemapLayer[] = [];
      for (const l of BUILTIN_LAYERS)
        if (l.kind !== 'boundary') out.push({ ...builtinLayer(l), kind: l.kind });
      return out;
    },
    async inspect(location, layer) {
      return inspection(await readLocation(location, layer));
    },
    async add(req) {
      const read = await readLocation(req.location, req.layer);
      const info = inspection(read);
      const nameField = req.nameField ?? info.suggested.nameField;
      const nameUrField = req.nameUrField ?? info.suggested.nameUrField;
      for (const f of [nameField, nameUrField])
        if (f && !read.fields.includes(f))
          throw new NigahError('BAD_ARGUMENT', `The layer has no text field "${f}".`, {
            hint: `Choose one of: ${read.fields.join(', ') || '(none)'}.`,
          });
      const source = /^https?:/i.test(req.location) ? req.location : path.basename(req.location);
      const entry = await store.add(
        {
          name: req.name ?? `${read.layer} (${source})`,
          level: req.level,
          attribution: req.attribution ?? read.attribution ?? `Boundaries from ${source}`,
          license: req.license ?? read.license ?? 'not stated: check before sharing maps made with it',
          source,
          nameField,
          nameUrField,
          problems: capProblems(read.problems),
        },
        applyNames(read.features, nameField, nameUrField),
      );
      return toBoundaryLayer(entry);
    },
    async remove(id) {
      if (builtins.some((b) => b.id === id))
        throw new NigahError(
          'BAD_ARGUMENT',
          `"${id}" is part of Nigah's embedded base map and cannot be removed.`,
        );
      if (!(await store.remove(id))) throw notFound(id);
    },
    async download(req) {
      if (!opts.jobs) throw new NigahError('INTERNAL', 'Downloads need the job runner.');
      return downloadBoundaries(req, {
        jobs: opts.jobs,
        store,
        dir: opts.userDir,
        endpoints: opts.endpoints,
      });
    },
    async file(id) {
      const user = await store.file(id);
      if (user) return user;
      const fc = builtinFeatures(id, opts.extractedDir);
      if (!fc) throw notFound(id);
      const extracted = opts.extractedDir ? path.join(opts.extractedDir, `${id}.geojson`) : '';
      if (extracted && existsSync(extracted)) return extracted;
      const file = path.join(opts.userDir, 'embedded', `${id}.geojson`);
      if (!existsSync(file)) await writeFileAtomic(file, JSON.stringify(fc));
      return file;
    },
    async layer(id) {
      const layers = await list();
      return id ? layers.find((l) => l.id === id) : layers.find((l) => l.level !== 'tehsil');
    },
  };
  return service;
}

export type { GeoJSONFeatureCollection };
