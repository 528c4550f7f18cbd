/**
 * The per-district flood table of reports and CSV exports: rows sorted by flooded area (largest
 * first) with flooded km² and ha, share of the district, flooded cropland and the area hidden by
 * cloud, and a totals row. Shares of the total use the summed district areas.
 */
import { toCsv } from '../csv';

/** A per-zone result row (AnalysisJobResult.zones); cloud and cropland are optional. */
export interface DistrictInput {
  name: string;
  zoneKm2: number;
  km2: number;
  ha: number;
  sharePct: number | null;
  croplandKm2?: number;
  cloudKm2?: number;
}

export interface DistrictRow {
  name: string;
  floodedKm2: number;
  floodedHa: number;
  sharePct: number | null;
  croplandKm2: number | null;
  cloudKm2: number | null;
  zoneKm2: number;
}

export interface DistrictTable {
  rows: DistrictRow[];
  total: DistrictRow;
  hasCropland: boolean;
  hasCloud: boolean;
}

const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

export function districtTable(zones: DistrictInput[], totalLabel: string): DistrictTable {
  const rows: DistrictRow[] = zones
    .map((z) => ({
      name: z.name,
      floodedKm2: z.km2,
      floodedHa: z.ha,
      sharePct: z.sharePct,
      croplandKm2: z.croplandKm2 ?? null,
      cloudKm2: z.cloudKm2 ?? null,
      zoneKm2: z.zoneKm2,
    }))
    .sort((a, b) => b.floodedKm2 - a.floodedKm2 || a.name.localeCompare(b.name));
  const hasCropland = rows.some((r) => r.croplandKm2 !== null);
  const hasCloud = rows.some((r) => r.cloudKm2 !== null);
  const zoneKm2 = sum(rows.map((r) => r.zoneKm2));
  const floodedKm2 = sum(rows.map((r) => r.floodedKm2));
  const total: DistrictRow = {
    name: totalLabel,
    floodedKm2,
    floodedHa: sum(rows.map((r) => r.floodedHa)),
    sharePct: zoneKm2 > 0 ? (100 * floodedKm2) / zoneKm2 : null,
    croplandKm2: hasCropland ? sum(rows.map((r) => r.croplandKm2)) : null,
    cloudKm2: hasCloud ? sum(rows.map((r) => r.cloudKm2)) : null,
    zoneKm2,
  };
  return { rows, total, hasCropland, hasCloud };
}

/** The table as CSV text: UTF-8 with a byte-order mark (Urdu names in spreadsheets), formula-safe. */
export function districtCsv(table: DistrictTable): string {
  const header = [
    'district',
    'flooded_km2',
    'flooded_ha',
    'share_of_district_pct',
    'flooded_cropland_km2',
    'cloud_hidden_km2',
    'district_km2',
  ];
  const line = (r: DistrictRow) => [
    r.name,
    r.floodedKm2,
    r.floodedHa,
    r.sharePct,
    r.croplandKm2,
    r.cloudKm2,
    r.zoneKm2,
  ];
  return toCsv(header, [...table.rows.map(line), line(table.total)], { bom: true, digits: 4 });
}
