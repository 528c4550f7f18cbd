/**
 * Projection definitions for the renderer: the map bundles only the region's codes
 * (shared/proj/defs.ts), and asks here for any other EPSG code a scene uses. Definitions come from
 * the EPSG registry on disk (epsg-index, read lazily by electron/engine/projections.ts).
 */
import type { NigahServices, ProjectionDefinition } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { epsgNumber, projDef, projName } from '../../shared/proj';
import '../engine/projections';

/** The definition of 'EPSG:n' (or 'n'); BAD_ARGUMENT for what is not an EPSG code, UNKNOWN_CRS for a code not in the registry. */
export function projectionDefinition(code: string): ProjectionDefinition {
  const n = epsgNumber(code);
  if (n === null) {
    throw new NigahError('BAD_ARGUMENT', `"${code.slice(0, 32)}" is not an EPSG code.`, {
      hint: 'Give the code as EPSG:<number>, for example EPSG:32642.',
      details: { code },
    });
  }
  const key = `EPSG:${n}`;
  const proj4 = projDef(key); // UNKNOWN_CRS naming the code when the registry lacks it
  return { code: key, name: projName(key) ?? key, proj4 };
}

export function createProjectionsService(): NigahServices['projections'] {
  return { get: async (code) => projectionDefinition(code) };
}
