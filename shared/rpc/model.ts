/**
 * RPC00B rational polynomial camera model (NITF STDI-0002 RPC00B, the model of DigitalGlobe .rpb
 * and CRESDA L1A products): normalised ground (lon, lat, height) → normalised image (line, sample)
 * as ratios of two cubic polynomials with 20 terms each. Pixel coordinates follow GDAL's RPC
 * transformer: the model's (sample, line) is the centre of a pixel, so the corner-based pixel/line
 * of GDAL's raster space is sample + 0.5, line + 0.5.
 */

export interface RpcModel {
  lineOff: number;
  sampOff: number;
  latOff: number;
  longOff: number;
  heightOff: number;
  lineScale: number;
  sampScale: number;
  latScale: number;
  longScale: number;
  heightScale: number;
  lineNum: number[];
  lineDen: number[];
  sampNum: number[];
  sampDen: number[];
  /** Metres (optional in every format). */
  errBias?: number;
  errRand?: number;
}

/** The 20 RPC00B terms for normalised L (longitude), P (latitude), H (height), in RPC00B order. */
export function rpcTerms(
  L: number,
  P: number,
  H: number,
  out: Float64Array = new Float64Array(20),
): Float64Array {
  out[0] = 1;
  out[1] = L;
  out[2] = P;
  out[3] = H;
  out[4] = L * P;
  out[5] = L * H;
  out[6] = P * H;
  out[7] = L * L;
  out[8] = P * P;
  out[9] = H * H;
  out[10] = P * L * H;
  out[11] = L * L * L;
  out[12] = L * P * P;
  out[13] = L * H * H;
  out[14] = L * L * P;
  out[15] = P * P * P;
  out[16] = P * H * H;
  out[17] = L * L * H;
  out[18] = P * P * H;
  out[19] = H * H * H;
  return out;
}

function dot(c: ArrayLike<number>, t: Float64Array): number {
  let s = 0;
  for (let i = 0; i < 20; i++) s += c[i] * t[i];
  return s;
}

/**
 * A compiled forward model: ground (lon°, lat°, height m above the ellipsoid) → raster pixel/line
 * (GDAL convention: 0,0 is the top-left corner of the first pixel).
 */
export class RpcForward {
  private readonly t = new Float64Array(20);
  private readonly ln: Float64Array;
  private readonly ld: Float64Array;
  private readonly sn: Float64Array;
  private readonly sd: Float64Array;

  constructor(readonly m: RpcModel) {
    this.ln = Float64Array.from(m.lineNum);
    this.ld = Float64Array.from(m.lineDen);
    this.sn = Float64Array.from(m.sampNum);
    this.sd = Float64Array.from(m.sampDen);
  }

  /** Writes [pixel, line] into out (length ≥ 2) at `at`. */
  project(lon: number, lat: number, h: number, out: Float64Array | number[], at = 0): void {
    const m = this.m;
    const t = rpcTerms(
      (lon - m.longOff) / m.longScale,
      (lat - m.latOff) / m.latScale,
      (h - m.heightOff) / m.heightScale,
      this.t,
    );
    const line = dot(this.ln, t) / dot(this.ld, t);
    const samp = dot(this.sn, t) / dot(this.sd, t);
    out[at] = samp * m.sampScale + m.sampOff + 0.5;
    out[at + 1] = line * m.lineScale + m.lineOff + 0.5;
  }
}

/** Forward model as a function (one point). */
export function rpcGroundToImage(m: RpcModel, lon: number, lat: number, h: number): [number, number] {
  const out = [0, 0];
  new RpcForward(m).project(lon, lat, h, out);
  return [out[0], out[1]];
}

/**
 * Inverse model: raster pixel/line at a given height → lon/lat, by Newton iteration on the forward
 * model (numerical Jacobian), starting from the model's offsets, as GDAL's RPC transformer iterates
 * its forward model. `height` may be a function of (lon, lat) (a DEM): the height is re-sampled at
 * each step until the point and its height agree. Returns null when it does not converge.
 */
export function rpcImageToGround(
  m: RpcModel,
  pixel: number,
  line: number,
  height: number | ((lon: number, lat: number) => number | null),
  tolerancePx = 1e-4,
): [number, number] | null {
  const f = new RpcForward(m);
  const p = [0, 0];
  let lon = m.longOff;
  let lat = m.latOff;
  const hAt = (x: number, y: number): number => {
    if (typeof height === 'number') return height;
    return height(x, y) ?? m.heightOff;
  };
  const dLon = m.longScale * 1e-6;
  const dLat = m.latScale * 1e-6;
  for (let it = 0; it < 50; it++) {
    const h = hAt(lon, lat);
    f.project(lon, lat, h, p);
    const ex = p[0] - pixel;
    const ey = p[1] - line;
    if (Math.abs(ex) < tolerancePx && Math.abs(ey) < tolerancePx) return [lon, lat];
    f.project(lon + dLon, lat, h, p);
    const a = (p[0] - (ex + pixel)) / dLon;
    const c = (p[1] - (ey + line)) / dLon;
    f.project(lon, lat + dLat, h, p);
    const b = (p[0] - (ex + pixel)) / dLat;
    const d = (p[1] - (ey + line)) / dLat;
    const det = a * d - b * c;
    if (!Number.isFinite(det) || det === 0) return null;
    lon -= (d * ex - b * ey) / det;
    lat -= (-c * ex + a * ey) / det;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  }
  return null;
}
