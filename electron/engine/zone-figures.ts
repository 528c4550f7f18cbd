import type { DistrictInput } from '../../shared/export/table';
import type { ZoneRow } from './mask-run';

/**
 * One zone's area figures for one result class ('flood', 'water'): the columns the district table
 * of exports and the job result rows have in common. Flooded cropland only where the run mapped it.
 */
export function zoneFigures(z: ZoneRow, label: string): DistrictInput {
  return {
    name: z.name,
    zoneKm2: z.zoneKm2,
    km2: z.classes[label]?.km2 ?? 0,
    ha: z.classes[label]?.ha ?? 0,
    sharePct: z.sharePct,
    ...(z.classes['flooded cropland'] ? { croplandKm2: z.classes['flooded cropland'].km2 } : {}),
  };
}
