/**
 * `nigah stats <raster> --zones <boundaries> --csv <file>` — per-zone statistics of a single-band
 * raster: area, mask (value 1) area and share for masks, mean/min/max of valid values.
 */
import { toCsv } from '../../../shared/csv';
import { writeFileAtomic } from '../../engine/cog-output';
import { zonalStatsOfRaster } from '../../engine/raster-stats';
import { assertOutputsSafe } from '../../host/output-guard';
import { need, numberOption, parseOptions } from '../args';
import type { CliCommand } from '../types';

const usage = `nigah stats <raster> --zones <boundaries.geojson> --csv <file> [--band N] [--json]
  Per zone: pixels and area inside the raster, valid (not nodata) area, for masks the area and share
  of pixels equal to 1 (km², ha, %), and the mean/min/max of valid values.`;

export const command: CliCommand = {
  name: 'stats',
  summary: 'Zonal statistics (per district) of an index raster or a mask',
  usage,
  async run(args, io) {
    const p = parseOptions(args, ['zones', 'csv', 'band'], ['json'], usage);
    if (p.positional.length !== 1) {
      io.err(`nigah stats: expected one <raster>.\nUsage: ${usage}\n`);
      return 2;
    }
    const zones = need(p, 'zones', usage);
    const csv = need(p, 'csv', usage);
    assertOutputsSafe({ '--csv': csv }, [p.positional[0], zones]);
    const r = await zonalStatsOfRaster(p.positional[0], zones, numberOption(p, 'band', usage) ?? 1);
    const header = [
      'zone_id',
      'name',
      'pixels',
      'area_km2',
      'valid_pixels',
      'valid_km2',
      'mask_pixels',
      'mask_km2',
      'mask_ha',
      'mask_share_pct',
      'mean',
      'min',
      'max',
    ];
    const rows = r.zones.map((z) => [
      z.id,
      z.name,
      z.pixels,
      z.areaKm2,
      z.validPixels,
      z.validKm2,
      r.isMask ? z.maskPixels : null,
      r.isMask ? z.maskKm2 : null,
      r.isMask ? z.maskHa : null,
      r.isMask ? z.maskSharePct : null,
      z.mean,
      z.min,
      z.max,
    ]);
    writeFileAtomic(csv, [toCsv(header, rows)]);
    if (p.flags.has('json')) io.out(`${JSON.stringify(r, null, 2)}\n`);
    else io.out(`${r.zones.length} zone(s) → ${csv}\n`);
    return 0;
  },
};
