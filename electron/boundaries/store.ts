/**
 * Boundary layers the user added or downloaded, in user data: one GeoJSON file per layer
 * (lon/lat, repaired, with `name`/`name_ur` set) and an index.json with name, level, licence and
 * attribution. Every write is atomic: the index is written after the layer file, so a crash leaves
 * at most an unlisted file, never a listed layer without one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BOUNDARY_LEVELS, type BoundaryLayer, type GeoJSONFeatureCollection } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { writeFileAtomic } from '../host/atomic';
import type { PolygonFeature } from './read';

const EntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(BOUNDARY_LEVELS),
  file: z.string(),
  featureCount: z.number(),
  attribution: z.string(),
  license: z.string(),
  source: z.string(),
  addedAt: z.string(),
  nameField: z.string().optional(),
  nameUrField: z.string().optional(),
  problems: z.array(z.string()).optional(),
});
export type StoredLayer = z.infer<typeof EntrySchema>;

export interface BoundaryStore {
  list(): Promise<StoredLayer[]>;
  file(id: string): Promise<string | null>;
  read(id: string): Promise<GeoJSONFeatureCollection | null>;
  add(
    meta: Omit<StoredLayer, 'id' | 'file' | 'featureCount' | 'addedAt'>,
    features: PolygonFeature[],
  ): Promise<StoredLayer>;
  remove(id: string): Promise<boolean>;
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${s || 'layer'}-${randomBytes(3).toString('hex')}`;
}

export function createBoundaryStore(dir: string): BoundaryStore {
  const indexFile = path.join(dir, 'index.json');
  // Adds and removes rewrite the index: one at a time, so none is lost.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  async function list(): Promise<StoredLayer[]> {
    let text: string;
    try {
      text = await fs.readFile(indexFile, 'utf8');
    } catch {
      return [];
    }
    const parsed = z.array(EntrySchema).safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new NigahError('BAD_ARGUMENT', `The boundaries index ${indexFile} is damaged.`, {
        hint: 'Remove the file and add the boundary layers again; the layer files beside it are kept.',
      });
    return parsed.data;
  }

  async function file(id: string): Promise<string | null> {
    const entry = (await list()).find((e) => e.id === id);
    return entry ? path.join(dir, entry.file) : null;
  }

  return {
    list,
    file,
    async read(id) {
      const f = await file(id);
      if (!f) return null;
      try {
        return JSON.parse(await fs.readFile(f, 'utf8')) as GeoJSONFeatureCollection;
      } catch {
        throw new NigahError('NOT_FOUND', `The file of boundary layer "${id}" is missing or damaged.`, {
          hint: 'Remove the layer under Sources → Boundaries and add it again.',
        });
      }
    },
    add: (meta, features) =>
      serial(async () => {
        const id = slug(meta.name);
        const entry: StoredLayer = {
          ...meta,
          id,
          file: `${id}.geojson`,
          featureCount: features.length,
          addedAt: new Date().toISOString(),
        };
        const fc = {
          type: 'FeatureCollection',
          name: meta.name,
          attribution: meta.attribution,
          license: meta.license,
          features,
        };
        await writeFileAtomic(path.join(dir, entry.file), JSON.stringify(fc));
        const entries = await list();
        await writeFileAtomic(indexFile, `${JSON.stringify([...entries, entry], null, 2)}\n`);
        return entry;
      }),
    remove: (id) =>
      serial(async () => {
        const entries = await list();
        const entry = entries.find((e) => e.id === id);
        if (!entry) return false;
        await writeFileAtomic(
          indexFile,
          `${JSON.stringify(
            entries.filter((e) => e.id !== id),
            null,
            2,
          )}\n`,
        );
        await fs.rm(path.join(dir, entry.file), { force: true });
        return true;
      }),
  };
}

export function toBoundaryLayer(e: StoredLayer): BoundaryLayer {
  return {
    id: e.id,
    name: e.name,
    level: e.level,
    featureCount: e.featureCount,
    attribution: e.attribution,
    license: e.license,
    origin: 'user',
    source: e.source,
    addedAt: e.addedAt,
    nameField: e.nameField,
    nameUrField: e.nameUrField,
    problems: e.problems,
  };
}
