/**
 * Boundary layers shipped in sample-data/boundaries (GeoJSON, EPSG:4326). Listed from an
 * index.json manifest when present, otherwise from the *.geojson files themselves.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BoundaryLayer, GeoJSONFeatureCollection, NigahServices } from '../../shared/contract';
import { NigahError } from '../../shared/errors';

const ManifestSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    level: z.enum(['country', 'province', 'division', 'district']),
    file: z.string(),
    attribution: z.string(),
    license: z.string(),
  }),
);

type Entry = z.infer<typeof ManifestSchema>[number];

function guessLevel(name: string): BoundaryLayer['level'] {
  if (/district|adm2/i.test(name)) return 'district';
  if (/division/i.test(name)) return 'division';
  if (/province|admin1|adm1/i.test(name)) return 'province';
  return 'country';
}

/** The GeoJSON file of a boundary layer, for the engine's zonal statistics. */
export async function boundaryFile(dir: string, id: string): Promise<string> {
  const entry = (await readEntries(dir)).find((e) => e.id === id);
  if (!entry)
    throw new NigahError('NOT_FOUND', `No boundary layer "${id}".`, {
      hint: 'Pick one of the layers listed under Boundaries.',
    });
  return path.join(dir, path.basename(entry.file));
}

async function readEntries(dir: string): Promise<Entry[]> {
  const manifest = path.join(dir, 'index.json');
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(await fs.readFile(manifest, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // No manifest: fall back to the files.
  }
  let files: string[] = [];
  try {
    files = (await fs.readdir(dir)).filter((f) => f.endsWith('.geojson')).sort();
  } catch {
    return [];
  }
  return files.map((file) => ({
    id: file.replace(/\.geojson$/, ''),
    name: file.replace(/\.geojson$/, '').replace(/[-_]/g, ' '),
    level: guessLevel(file),
    file,
    attribution: 'See sample-data/ATTRIBUTION.md',
    license: 'See sample-data/ATTRIBUTION.md',
  }));
}

export function createBoundariesService(dir: string): NigahServices['boundaries'] {
  let entries: Promise<Entry[]> | undefined;
  const counts = new Map<string, number>();

  async function read(entry: Entry): Promise<GeoJSONFeatureCollection> {
    const file = path.join(dir, path.basename(entry.file));
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new NigahError('NOT_FOUND', `Boundary file ${entry.file} is missing.`, {
        hint: 'Reinstall Nigah or regenerate sample-data (npm run sample-data).',
      });
    }
    try {
      const fc = JSON.parse(text) as GeoJSONFeatureCollection;
      if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
        throw new Error('not a FeatureCollection');
      counts.set(entry.id, fc.features.length);
      return fc;
    } catch (e) {
      throw new NigahError(
        'BAD_ARGUMENT',
        `Boundary file ${entry.file} is not valid GeoJSON: ${(e as Error).message}.`,
        {
          hint: 'Replace the file with a GeoJSON FeatureCollection in EPSG:4326.',
        },
      );
    }
  }

  return {
    async list() {
      entries ??= readEntries(dir);
      const list = await entries;
      const out: BoundaryLayer[] = [];
      for (const e of list) {
        let featureCount = counts.get(e.id);
        if (featureCount === undefined) {
          try {
            featureCount = (await read(e)).features.length;
          } catch {
            continue;
          }
        }
        out.push({
          id: e.id,
          name: e.name,
          level: e.level,
          featureCount,
          attribution: e.attribution,
          license: e.license,
        });
      }
      return out;
    },
    async get(id) {
      entries ??= readEntries(dir);
      const entry = (await entries).find((e) => e.id === id);
      if (!entry) throw new NigahError('NOT_FOUND', `No boundary layer "${id}".`);
      return read(entry);
    },
  };
}
