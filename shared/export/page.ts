/**
 * Paper sizes and resolutions of printed maps. Layout works in PDF points (1/72 inch); a PNG is
 * the same page drawn at dpi/72 pixels per point.
 */

export const PAGE_SIZES = ['a4', 'a3'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const PNG_DPIS = [150, 300] as const;

/** ISO 216 sizes in millimetres, portrait (width, height). */
export const PAGE_MM: Record<PageSize, [number, number]> = { a4: [210, 297], a3: [297, 420] };

export const PT_PER_INCH = 72;
export const MM_PER_INCH = 25.4;
export const PT_PER_MM = PT_PER_INCH / MM_PER_INCH;

export interface PageSpec {
  size: PageSize;
  landscape: boolean;
}

/** Page size in points, oriented. */
export function pagePoints(page: PageSpec): { width: number; height: number } {
  const [w, h] = PAGE_MM[page.size];
  const [a, b] = page.landscape ? [h, w] : [w, h];
  return { width: a * PT_PER_MM, height: b * PT_PER_MM };
}

/** Page size in pixels at `dpi` (A4 portrait at 300 dpi: 2480 × 3508). */
export function pagePixels(page: PageSpec, dpi: number): { width: number; height: number } {
  const [w, h] = PAGE_MM[page.size];
  const [a, b] = page.landscape ? [h, w] : [w, h];
  return { width: Math.round((a / MM_PER_INCH) * dpi), height: Math.round((b / MM_PER_INCH) * dpi) };
}

/** Pixels a box of `pt` points spans at `dpi`. */
export function pointsToPixels(pt: number, dpi: number): number {
  return Math.max(1, Math.round((pt / PT_PER_INCH) * dpi));
}
