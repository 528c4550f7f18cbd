/**
 * The map page layout: where the title, map, legend, scale bar, north arrow, inset locator,
 * method, sources, producer line and SYNTHETIC banner go on a page. One layout serves the PDF,
 * the PNG, the report's cover and the dialog's preview. Boxes are in points from the top left.
 */
import { type PageSpec, PT_PER_MM, pagePoints } from './page';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MapLayout {
  page: { width: number; height: number };
  banner: Box | null;
  title: Box;
  subtitle: Box;
  map: Box;
  legend: Box;
  scaleBar: Box;
  northArrow: Box;
  inset: Box;
  method: Box;
  sources: Box;
  footer: Box;
  /** Base font size in points (title and others scale from it). */
  fontSize: number;
}

const MARGIN_MM = 10;

/** Stack boxes of the given heights downwards from y, separated by `gap`. */
function stack(x: number, y: number, w: number, heights: number[], gap: number): Box[] {
  const out: Box[] = [];
  let top = y;
  for (const h of heights) {
    out.push({ x, y: top, w, h });
    top += h + gap;
  }
  return out;
}

/**
 * Portrait: title on top, the map across the page, then a band with legend | scale and north arrow |
 * inset, then method and sources. Landscape: the map on the left, a side column on the right.
 */
export function mapLayout(page: PageSpec, opts: { synthetic: boolean }): MapLayout {
  const size = pagePoints(page);
  const m = MARGIN_MM * PT_PER_MM;
  const fontSize = page.size === 'a3' ? 11 : 8.5;
  const gap = fontSize * 0.8;
  const innerW = size.width - 2 * m;
  const bannerH = opts.synthetic ? fontSize * 2.4 : 0;
  const banner = opts.synthetic ? { x: m, y: m, w: innerW, h: bannerH } : null;
  const top = m + (opts.synthetic ? bannerH + gap : 0);
  const [title, subtitle] = stack(m, top, innerW, [fontSize * 2.4, fontSize * 1.6], gap * 0.4);
  const bodyTop = subtitle.y + subtitle.h + gap;
  const footerH = fontSize * 1.5;
  const footer = { x: m, y: size.height - m - footerH, w: innerW, h: footerH };
  const bodyBottom = footer.y - gap;
  if (!page.landscape) {
    const bodyH = bodyBottom - bodyTop;
    const textH = fontSize * 12;
    const bandH = Math.min(innerW / 3.4, bodyH * 0.26);
    // Below the map: a line for the graticule's longitude labels.
    const labelH = fontSize * 1.2;
    const mapH = bodyH - bandH - textH - 2 * gap - labelH;
    const map = { x: m, y: bodyTop, w: innerW, h: mapH };
    const bandY = map.y + mapH + labelH + gap;
    const colW = (innerW - 2 * gap) / 3;
    const legend = { x: m, y: bandY, w: colW * 1.2, h: bandH };
    const midX = legend.x + legend.w + gap;
    const midW = colW * 0.8;
    const northArrow = { x: midX, y: bandY, w: midW, h: bandH * 0.55 };
    const scaleBar = { x: midX, y: bandY + bandH * 0.6, w: midW, h: bandH * 0.4 };
    const inset = { x: midX + midW + gap, y: bandY, w: m + innerW - (midX + midW + gap), h: bandH };
    const textY = bandY + bandH + gap;
    const method = { x: m, y: textY, w: innerW / 2 - gap / 2, h: textH };
    const sources = { x: m + innerW / 2 + gap / 2, y: textY, w: innerW / 2 - gap / 2, h: textH };
    return {
      page: size,
      banner,
      title,
      subtitle,
      map,
      legend,
      scaleBar,
      northArrow,
      inset,
      method,
      sources,
      footer,
      fontSize,
    };
  }
  const sideW = innerW * 0.28;
  const map = { x: m, y: bodyTop, w: innerW - sideW - gap, h: bodyBottom - bodyTop - fontSize * 1.2 };
  const sx = map.x + map.w + gap;
  const bodyH = bodyBottom - bodyTop;
  const fixed = [sideW * 0.55, bodyH * 0.15, sideW * 0.22];
  const rest = bodyH - fixed.reduce((a, b) => a + b, 0) - 4 * gap;
  const [inset, legend, arrowRow, method, sources] = stack(
    sx,
    bodyTop,
    sideW,
    [...fixed, rest * 0.45, rest * 0.55],
    gap,
  );
  const northArrow = { x: sx, y: arrowRow.y, w: sideW * 0.3, h: arrowRow.h };
  const scaleBar = { x: sx + sideW * 0.34, y: arrowRow.y, w: sideW * 0.66, h: arrowRow.h };
  return {
    page: size,
    banner,
    title,
    subtitle,
    map,
    legend,
    scaleBar,
    northArrow,
    inset,
    method,
    sources,
    footer,
    fontSize,
  };
}
