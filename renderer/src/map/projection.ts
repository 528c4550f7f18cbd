/**
 * Scene CRSs for OpenLayers. The region's codes are bundled (shared/proj/defs.ts); any other EPSG
 * code is asked of the host once (projections.get, from the EPSG registry on disk) before a scene or
 * mask in it is drawn. A CRS with no EPSG code travels as its proj4 string in the scene model. Only
 * the codes actually used are handed to proj4, because ol/proj/proj4's register() links every pair
 * of known codes (quadratic in their number). The tile workers need no registry: each request
 * carries the proj4 definitions of the view and of the scene.
 */

import { get as getProjection } from 'ol/proj';
import type Projection from 'ol/proj/Projection';
import { register } from 'ol/proj/proj4';
import proj4 from 'proj4';
import { addProjection, epsgNumber, isProj4String, PROJ_DEFS, projDef } from '../../../shared/proj';
import { api } from '../api/client';

const fetched = new Set<number>();
const pending = new Map<number, Promise<void>>();

/** True when the CRS can be used synchronously (bundled, fetched already, or a proj4 string). */
export function projectionReady(crs: string): boolean {
  if (isProj4String(crs)) return true;
  const n = epsgNumber(crs);
  return n !== null && (PROJ_DEFS[n] !== undefined || fetched.has(n));
}

/**
 * Makes the definition of `crs` available to projDef()/ensureProjection(), asking the host for an
 * EPSG code the renderer does not bundle. Rejects with the host's NigahError (UNKNOWN_CRS for a
 * code the registry lacks); a failure is not remembered, so a later call asks again.
 */
export function loadProjection(crs: string): Promise<void> {
  if (projectionReady(crs)) return Promise.resolve();
  const n = epsgNumber(crs);
  if (n === null) return Promise.resolve(); // not EPSG, not proj4: projDef() gives UNKNOWN_CRS
  let p = pending.get(n);
  if (!p) {
    p = api.projections.get(`EPSG:${n}`).then(
      (d) => {
        addProjection(n, [d.name, d.proj4]);
        fetched.add(n);
        pending.delete(n);
      },
      (e) => {
        pending.delete(n);
        throw e;
      },
    );
    pending.set(n, p);
  }
  return p;
}

/** The OL projection for an 'EPSG:n' code or a proj4 string, registered with proj4 on first use. Throws UNKNOWN_CRS. */
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
