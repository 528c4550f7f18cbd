/**
 * Streaming overview pyramid. Push full-resolution tiles (any order); as soon as the 2×2 block of
 * child tiles under a parent tile is complete, the parent tile is reduced (2×2 average skipping
 * nodata/NaN, or nearest) and emitted, and fed to the next level. Memory stays bounded by the
 * incomplete blocks (about two tile rows per level when tiles arrive row by row).
 *
 * Because every level halves (ceil) the previous one and tiles have a fixed even size, parent tile
 * (tx, ty) covers exactly child tiles (2tx..2tx+1, 2ty..2ty+1).
 */
import { type CogLayout, fillValue, isFloat, newPixels, type TypedPixels } from './layout';

export type TileSink = (level: number, band: number, tx: number, ty: number, pixels: TypedPixels) => void;

interface Pending {
  children: (TypedPixels | null)[];
  got: number;
  need: number;
}

/** Reduce up to four child tiles (TL, TR, BL, BR; null beyond the child level) into a parent tile. */
export function reduceTile(
  layout: CogLayout,
  childLevel: number,
  ptx: number,
  pty: number,
  children: (TypedPixels | null)[],
): TypedPixels {
  const t = layout.tileSize;
  const half = t / 2;
  const child = layout.levels[childLevel];
  const parent = layout.levels[childLevel + 1];
  const fill = fillValue(layout);
  const out = newPixels(layout.dataType, t * t);
  out.fill(fill);
  const nodata = layout.nodata;
  const float = isFloat(layout.dataType);
  const nearest = layout.resampling === 'nearest';
  for (let q = 0; q < 4; q++) {
    const src = children[q];
    if (!src) continue;
    const dx = q & 1;
    const dy = q >> 1;
    const ctx = ptx * 2 + dx;
    const cty = pty * 2 + dy;
    // Valid extent of this child tile and of the parent area it maps to.
    const cw = Math.min(t, child.width - ctx * t);
    const ch = Math.min(t, child.height - cty * t);
    const pw = Math.min(half, parent.width - ptx * t - dx * half, Math.ceil(cw / 2));
    const ph = Math.min(half, parent.height - pty * t - dy * half, Math.ceil(ch / 2));
    for (let py = 0; py < ph; py++) {
      const cy = py * 2;
      const cy2 = cy + 1 < ch ? cy + 1 : -1;
      const orow = (dy * half + py) * t + dx * half;
      for (let px = 0; px < pw; px++) {
        const cx = px * 2;
        if (nearest) {
          out[orow + px] = src[cy * t + cx];
          continue;
        }
        const cx2 = cx + 1 < cw ? cx + 1 : -1;
        let sum = 0;
        let n = 0;
        const a = src[cy * t + cx];
        if (!(float && Number.isNaN(a)) && a !== nodata) {
          sum += a;
          n++;
        }
        if (cx2 >= 0) {
          const b = src[cy * t + cx2];
          if (!(float && Number.isNaN(b)) && b !== nodata) {
            sum += b;
            n++;
          }
        }
        if (cy2 >= 0) {
          const c = src[cy2 * t + cx];
          if (!(float && Number.isNaN(c)) && c !== nodata) {
            sum += c;
            n++;
          }
          if (cx2 >= 0) {
            const d = src[cy2 * t + cx2];
            if (!(float && Number.isNaN(d)) && d !== nodata) {
              sum += d;
              n++;
            }
          }
        }
        if (n > 0) out[orow + px] = float ? sum / n : Math.round(sum / n);
      }
    }
  }
  return out;
}

export class OverviewPyramid {
  private readonly pending = new Map<string, Pending>();

  /** `sink` receives every overview tile (levels ≥ 1), each exactly once. */
  constructor(
    readonly layout: CogLayout,
    private readonly sink: TileSink,
  ) {}

  /** Push a tile of `level` (normally 0). Tiles of the last level are not propagated. */
  push(level: number, band: number, tx: number, ty: number, pixels: TypedPixels): void {
    if (level + 1 >= this.layout.levels.length) return;
    const child = this.layout.levels[level];
    const ptx = tx >> 1;
    const pty = ty >> 1;
    const key = `${level}/${band}/${ptx}/${pty}`;
    let p = this.pending.get(key);
    if (!p) {
      const nx = Math.min(2, child.tilesAcross - ptx * 2);
      const ny = Math.min(2, child.tilesDown - pty * 2);
      p = { children: [null, null, null, null], got: 0, need: nx * ny };
      this.pending.set(key, p);
    }
    const q = (ty & 1) * 2 + (tx & 1);
    if (p.children[q]) throw new Error(`COG overview: tile ${level}/${band}/${tx}/${ty} pushed twice`);
    p.children[q] = pixels;
    p.got++;
    if (p.got === p.need) {
      this.pending.delete(key);
      const parent = reduceTile(this.layout, level, ptx, pty, p.children);
      this.sink(level + 1, band, ptx, pty, parent);
      this.push(level + 1, band, ptx, pty, parent);
    }
  }

  /** Number of parent tiles still waiting for children (0 once every full-res tile was pushed). */
  get waiting(): number {
    return this.pending.size;
  }
}
