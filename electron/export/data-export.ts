/**
 * Data for other GIS tools and spreadsheets, as the exports service and `nigah export-data` write
 * it: water/flood polygons as GeoJSON (RFC 7946) or KML, and the per-district table as CSV (UTF-8
 * with a BOM, formula-safe). One code path for both.
 */

import { NigahError } from '../../shared/errors';
import type { Lang } from '../../shared/export/document';
import { type DistrictInput, districtCsv, districtTable } from '../../shared/export/table';
import { exportT } from './i18n';
import { maskPolygons, polygonsKml } from './vectors';

export type DataFormat = 'geojson' | 'kml' | 'csv';

/** The text of a polygon file of a mask COG (`kind` names the class), simplified with `toleranceMetres`. */
export function polygonFileText(
  format: 'geojson' | 'kml',
  mask: string,
  kind: 'flood' | 'water',
  lang: Lang,
  toleranceMetres?: number,
): string {
  const t = exportT(lang);
  const fc = maskPolygons(mask, kind, toleranceMetres);
  return format === 'geojson'
    ? JSON.stringify(fc)
    : polygonsKml(fc, kind === 'flood' ? t('floodTitle') : t('waterTitle'));
}

/** The per-district CSV of a run's zone rows. */
export function districtCsvText(zones: DistrictInput[] | null | undefined, lang: Lang): string {
  if (!zones?.length)
    throw new NigahError('BAD_ARGUMENT', 'That analysis was run without district boundaries.', {
      hint: 'Run it again with a boundary layer chosen (--zones in the CLI).',
    });
  return districtCsv(districtTable(zones, exportT(lang)('report.total')));
}
