/**
 * Pixel areas. Projected CRS: |a·e − b·d| of the geotransform (constant, CRS units²; metres for UTM).
 * Geographic CRS (EPSG:4326 and other lon/lat): per row, the exact area of an ellipsoidal
 * quadrangle on WGS84 between the row's two latitudes:
 *   A = (b² · Δλ / 2) · [q(φ2) − q(φ1)],  q(φ) = sinφ/(1 − e² sin²φ) + (1/2e)·ln((1 + e sinφ)/(1 − e sinφ))
 * (the zone area behind the authalic latitude; Snyder 1987, "Map Projections — A Working Manual", USGS PP 1395,
 * ch. 3), never degrees².
 */
import type { GeoTransform } from '../scene';

export const WGS84 = { a: 6378137, f: 1 / 298.257223563 };

/** True for lon/lat CRSs the engine knows (EPSG:4326, 4269, 4979, CRS84). */
export function isGeographic(crs: string): boolean {
  const c = crs.toUpperCase();
  return (
    c === 'EPSG:4326' || c === 'EPSG:4269' || c === 'EPSG:4979' || c.endsWith('CRS84') || c === 'EPSG:4240'
  );
}

function q(phi: number, e: number): number {
  const s = Math.sin(phi);
  const es = e * s;
  return s / (1 - es * es) + (1 / (2 * e)) * Math.log((1 + es) / (1 - es));
}

/** Area in m² of the quadrangle lat1..lat2 (degrees) × dLon (degrees) on an ellipsoid (default WGS84). */
export function quadrangleArea(lat1: number, lat2: number, dLonDeg: number, ell = WGS84): number {
  const a = ell.a;
  const e2 = ell.f * (2 - ell.f);
  const e = Math.sqrt(e2);
  const b2 = a * a * (1 - e2);
  const rad = Math.PI / 180;
  return Math.abs(((b2 * Math.abs(dLonDeg) * rad) / 2) * (q(lat2 * rad, e) - q(lat1 * rad, e)));
}

/**
 * Area (m²) of each pixel row for a raster of `height` rows. Projected: the same value in every row.
 * Geographic: rotation terms are ignored (north-up lon/lat grids).
 */
export function rowAreas(gt: GeoTransform, height: number, crs: string): Float64Array {
  const out = new Float64Array(height);
  if (!isGeographic(crs)) {
    out.fill(Math.abs(gt[1] * gt[5] - gt[2] * gt[4]));
    return out;
  }
  for (let r = 0; r < height; r++) {
    const lat1 = gt[3] + r * gt[5];
    const lat2 = lat1 + gt[5];
    out[r] = quadrangleArea(lat1, lat2, gt[1]);
  }
  return out;
}

export const M2_PER_KM2 = 1e6;
export const M2_PER_HA = 1e4;

export function areaUnits(m2: number): { m2: number; km2: number; ha: number } {
  return { m2, km2: m2 / M2_PER_KM2, ha: m2 / M2_PER_HA };
}

/**
 * Area (m²) of a lon/lat polygon (outer ring first, then holes; degrees) on the WGS84 ellipsoid:
 * the trapezoid rule over edges on the authalic sphere, A = (a²/4)·|Σ Δλ·(q(φᵢ) + q(φᵢ₊₁))|·(1 − e²),
 * exact for graticule-aligned rectangles (it reduces to quadrangleArea); other edges are integrated
 * as if q varied linearly along them, so long edges need vertices every few km (boundary files have
 * them far denser: 2 ° edges densified every ~1 km agree with exact strips to 1e-6).
 */
export function polygonAreaLonLat(rings: number[][][], ell = WGS84): number {
  const e2 = ell.f * (2 - ell.f);
  const e = Math.sqrt(e2);
  const rad = Math.PI / 180;
  const k = (ell.a * ell.a * (1 - e2)) / 4;
  let total = 0;
  rings.forEach((ring, i) => {
    let s = 0;
    for (let j = 0; j + 1 < ring.length; j++) {
      let dl = ring[j + 1][0] - ring[j][0];
      if (dl > 180) dl -= 360;
      else if (dl < -180) dl += 360;
      s += dl * rad * (q(ring[j][1] * rad, e) + q(ring[j + 1][1] * rad, e));
    }
    const a = Math.abs(k * s);
    total += i === 0 ? a : -a;
  });
  return Math.max(0, total);
}
