/**
 * Writes the side files of a water or flood run — polygons (GeoJSON, lon/lat), per-zone CSV and the
 * summary JSON (threshold used and method, pixel counts, areas in km² and ha, scene dates) — atomically,
 * and returns the summary. Shared by the CLI (flood, water) and the app's analysis service.
 */
import { toCsv } from '../../shared/csv';
import type { FloodResult, WaterResult, ZoneRow } from './analysis';
import { writeFileAtomic } from './cog-output';

export interface ReportFiles {
  /** The mask COG (already written by the engine). */
  mask: string;
  /** Flooded-cropland COG (flood runs; already written when the pre scene has red and NIR). */
  cropland?: string;
  /** Result class COG (already written by the engine; shared/analysis/resultClasses.ts). */
  classes?: string;
  /** Polygons GeoJSON to write (when the run vectorized its mask). */
  geojson?: string | null;
  /** Per-zone CSV to write (when the run had zones). */
  csv?: string | null;
  /** Summary JSON to write. */
  summary: string;
}

export function zonesCsv(zones: ZoneRow[], label: string): string {
  const flood = label === 'flood';
  const rows = zones
    .filter((z) => z.pixels > 0)
    .map((z) => [
      z.id,
      z.name,
      z.zoneKm2,
      z.areaKm2,
      z.observedKm2,
      z.cloudKm2,
      z.nodataKm2,
      z.classes[label]?.pixels ?? 0,
      z.classes[label]?.km2 ?? 0,
      z.classes[label]?.ha ?? 0,
      ...(flood
        ? [
            z.classes['flooded cropland']?.km2 ?? null,
            z.classes['flooded cropland']?.ha ?? null,
            z.permanentWaterKm2 ?? null,
          ]
        : []),
      z.sharePct,
      z.shareObservedPct,
      z.meanIndex,
    ]);
  return toCsv(
    [
      'zone_id',
      'name',
      'zone_km2',
      'zone_km2_in_scene',
      'observed_km2',
      'cloud_km2',
      'nodata_km2',
      `${label}_pixels`,
      `${label}_km2`,
      `${label}_ha`,
      ...(flood ? ['flooded_cropland_km2', 'flooded_cropland_ha', 'permanent_water_km2'] : []),
      `${label}_share_of_zone_pct`,
      `${label}_share_of_observed_pct`,
      'mean_index',
    ],
    rows,
    // A byte-order mark so that spreadsheet programs read the Urdu district names as UTF-8.
    { bom: true },
  );
}

export function writeRunReport(
  r: FloodResult | WaterResult,
  kind: 'flood' | 'water',
  files: ReportFiles,
  extra: { synthetic?: boolean } = {},
): Record<string, unknown> {
  const wrote: Record<string, string | null> = { mask: files.mask };
  if ('cropland' in r && r.cropland && files.cropland) wrote.cropland = files.cropland;
  if (files.classes) wrote.classes = files.classes;
  if (files.geojson && r.polygons) {
    writeFileAtomic(files.geojson, [JSON.stringify(r.polygons)]);
    wrote.geojson = files.geojson;
  }
  if (files.csv && r.zones) {
    writeFileAtomic(files.csv, [zonesCsv(r.zones, kind)]);
    wrote.csv = files.csv;
  }
  wrote.summary = files.summary;
  const { polygons, zones, ...rest } = r;
  const summary: Record<string, unknown> = {
    kind,
    ...rest,
    zones: zones?.filter((z) => z.pixels > 0),
    zonesOutsideScene: zones?.filter((z) => z.pixels === 0).map((z) => z.name),
    polygonCount: polygons?.features.length ?? null,
    files: wrote,
    synthetic: extra.synthetic ?? false,
    generatedAt: new Date().toISOString(),
  };
  writeFileAtomic(files.summary, [`${JSON.stringify(summary, null, 2)}\n`]);
  return summary;
}
