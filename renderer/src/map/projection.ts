/**
 * Scene CRSs for OpenLayers. Definitions come from shared/proj (on disk, no network); only the
 * codes actually used are handed to proj4, because ol/proj/proj4's register() links every pair of
 * known codes (quadratic in their number).
 */

import { get as getProjection } from 'ol/proj';
import type Projection from 'ol/proj/Projection';
import { register } from 'ol/proj/proj4';
import proj4 from 'proj4';
import { epsgNumber, projDef } from '../../../shared/proj';

/** The OL projection for an 'EPSG:n' code, registered with proj4 on first use. Throws UNKNOWN_CRS. */
export function ensureProjection(code: string): Projection {
  const n = epsgNumber(code);
  const key = n === null ? code : `EPSG:${n}`;
  const known = getProjection(key);
  if (known) return known;
  proj4.defs(key, projDef(key));
  register(proj4);
  const proj = getProjection(key);
  if (!proj) throw new Error(`Projection ${key} could not be registered.`);
  return proj;
}
