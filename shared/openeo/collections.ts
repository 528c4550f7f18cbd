/**
 * openEO collections as data: how Nigah's band roles (STAC eo common names) are named in each
 * backend collection, the DN → reflectance scaling the backend delivers, and how the collection
 * marks clouds. Add a collection by adding an entry; the graph builder reads nothing else.
 *
 * Facts and their sources: docs/openeo.md.
 */
import { NigahError } from '../errors';
import type { BandRole } from '../scene';

/** Cloud flags of a collection: a classification band (values) or a bit-packed QA band (bits). */
export type CloudFlags =
  | { band: string; kind: 'classes'; values: number[]; clear: number }
  | { band: string; kind: 'bits'; bits: number[]; clear: number };

export interface CollectionDef {
  /** Collection id the graphs use by default. */
  id: string;
  /** Other ids the same product is published under on public backends. */
  aliases: string[];
  title: string;
  /** Band name in the collection for each role Nigah's formulas read. */
  bands: Partial<Record<BandRole, string>>;
  /** reflectance = value · scale + offset, for every band in `bands`. */
  scale: number;
  offset: number;
  cloud: CloudFlags;
  /** Nigah sensor families whose local scenes stand in for this collection in the local executor. */
  local: string[];
}

export const COLLECTIONS: readonly CollectionDef[] = [
  {
    id: 'SENTINEL2_L2A',
    aliases: ['sentinel-2-l2a', 'S2_L2A', 'boa_sentinel_2'],
    title: 'Sentinel-2 MSI Level-2A (surface reflectance)',
    bands: {
      coastal: 'B01',
      blue: 'B02',
      green: 'B03',
      red: 'B04',
      rededge: 'B05',
      nir: 'B08',
      nir08: 'B8A',
      swir16: 'B11',
      swir22: 'B12',
    },
    // Backends deliver L2A digital numbers harmonised to processing baseline < 04.00 (no −1000
    // offset): reflectance = DN / 10000.
    scale: 0.0001,
    offset: 0,
    // Scene classification: 0 no data, 3 cloud shadow, 8 cloud medium, 9 cloud high, 10 cirrus.
    cloud: { band: 'SCL', kind: 'classes', values: [0, 3, 8, 9, 10], clear: 4 },
    local: ['sentinel-2'],
  },
  {
    id: 'LANDSAT8-9_L2',
    aliases: ['landsat-c2-l2', 'LANDSAT8_L2', 'landsat-c2l2-sr'],
    title: 'Landsat 8–9 OLI Collection 2 Level-2 (surface reflectance)',
    bands: {
      coastal: 'SR_B1',
      blue: 'SR_B2',
      green: 'SR_B3',
      red: 'SR_B4',
      nir: 'SR_B5',
      swir16: 'SR_B6',
      swir22: 'SR_B7',
    },
    // USGS Collection 2 Level-2 surface reflectance: reflectance = DN · 0.0000275 − 0.2.
    scale: 0.0000275,
    offset: -0.2,
    // QA_PIXEL bits: 0 fill, 1 dilated cloud, 3 cloud, 4 cloud shadow (bit 6 clear).
    cloud: { band: 'QA_PIXEL', kind: 'bits', bits: [0, 1, 3, 4], clear: 64 },
    local: ['landsat'],
  },
];

/** The collection with this id or alias (case-insensitive), or a BAD_ARGUMENT error listing them. */
export function getCollection(id: string): CollectionDef {
  const key = id.trim().toLowerCase();
  const def = COLLECTIONS.find(
    (c) => c.id.toLowerCase() === key || c.aliases.some((a) => a.toLowerCase() === key),
  );
  if (def) return id === def.id ? def : { ...def, id };
  throw new NigahError('BAD_ARGUMENT', `Nigah has no band mapping for the openEO collection "${id}".`, {
    hint: `Use one of ${COLLECTIONS.map((c) => `${c.id} (${c.aliases.join(', ')})`).join('; ')}.`,
  });
}

/** Band name of a role in a collection, or MISSING_BAND naming the collection. */
export function collectionBand(c: CollectionDef, role: BandRole): string {
  const name = c.bands[role];
  if (!name)
    throw new NigahError('MISSING_BAND', `The collection ${c.id} has no ${role} band.`, {
      hint: `Bands mapped for ${c.id}: ${Object.keys(c.bands).join(', ')}.`,
    });
  return name;
}

/** Role of a collection band name (the inverse mapping), or undefined. */
export function roleOfBand(c: CollectionDef, band: string): BandRole | undefined {
  return (Object.keys(c.bands) as BandRole[]).find((r) => c.bands[r] === band);
}
