/**
 * Map furniture: the legend, the scale bar, the north arrow and the inset locator map of Pakistan
 * with the map's extent marked. All vectors.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { formatNumber, scaleBar } from '../../shared/export/carto';
import type { ClassLegend, Lang, LegendEntry } from '../../shared/export/document';
import type { Box } from '../../shared/export/layout';
import { toLonLat } from '../../shared/proj';
import type { MapFrame } from './map-image';
import { drawText, lineHeight } from './text';

/** A legend class's swatch: a filled box, a dashed outline box, or a stroke across. */
function drawSwatch(
  ctx: SKRSContext2D,
  c: ClassLegend['classes'][number],
  x: number,
  y: number,
  w: number,
  h: number,
) {
  ctx.save();
  if (c.line) {
    ctx.strokeStyle = c.color;
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    ctx.moveTo(x, y + h / 2);
    ctx.lineTo(x + w, y + h / 2);
    ctx.stroke();
  } else {
    ctx.fillStyle = c.outline ? 'rgba(0,0,0,0)' : c.color;
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = c.outline ? c.color : '#333';
    ctx.lineWidth = c.outline ? 1 : 0.4;
    if (c.outline) ctx.setLineDash([2.5, 1.5]);
    ctx.strokeRect(x, y, w, h);
  }
  ctx.restore();
}

/** Height the legend takes at text size `size` (the same steps as drawLegend). */
function legendHeight(entries: LegendEntry[], heading: string, size: number): number {
  let h = lineHeight(heading, size) + 2;
  for (const e of entries) {
    if (e.title) h += lineHeight(e.title, size * 0.9);
    if (e.kind === 'ramp') h += size + 1.5 + lineHeight(e.labels.join(' '), size * 0.8) + 3;
    else h += e.classes.reduce((a, c) => a + Math.max(size * 1.5, lineHeight(c.label, size * 0.9)), 0) + 2;
  }
  return h;
}

/** The legend, its text made smaller (down to 60 %) when every layer would not fit the box. */
export function drawLegend(
  ctx: SKRSContext2D,
  entries: LegendEntry[],
  heading: string,
  box: Box,
  fontSize: number,
  rtl: boolean,
): void {
  const need = legendHeight(entries, heading, fontSize);
  const size = need > box.h ? fontSize * Math.max(0.6, box.h / need) : fontSize;
  const x = rtl ? box.x + box.w : box.x;
  const align = rtl ? 'right' : 'left';
  drawText(ctx, heading, x, box.y, { size, bold: true, align });
  let y = box.y + lineHeight(heading, size) + 2;
  const sw = size * 1.6;
  for (const e of entries) {
    if (y > box.y + box.h - size) break;
    if (e.title) {
      drawText(ctx, e.title, x, y, { size: size * 0.9, bold: true, align, maxWidth: box.w });
      y += lineHeight(e.title, size * 0.9);
    }
    if (e.kind === 'ramp') {
      const barW = Math.min(box.w, size * 18);
      const bx = rtl ? x - barW : x;
      const grad = ctx.createLinearGradient(bx, 0, bx + barW, 0);
      const [v0, v1] = [e.stops[0].value, e.stops[e.stops.length - 1].value];
      for (const s of e.stops) grad.addColorStop((s.value - v0) / (v1 - v0 || 1), s.color);
      ctx.fillStyle = grad;
      ctx.fillRect(bx, y, barW, size);
      ctx.strokeStyle = '#333';
      ctx.lineWidth = 0.4;
      ctx.strokeRect(bx, y, barW, size);
      y += size + 1.5;
      e.labels.forEach((label, i) => {
        const lx = bx + (barW * i) / Math.max(1, e.labels.length - 1);
        const a = i === 0 ? 'left' : i === e.labels.length - 1 ? 'right' : 'center';
        drawText(ctx, label, lx, y, { size: size * 0.8, align: a });
      });
      y += lineHeight(e.labels.join(' '), size * 0.8) + 3;
    } else {
      for (const c of e.classes) {
        const sx = rtl ? x - sw : x;
        drawSwatch(ctx, c, sx, y, sw, size);
        drawText(ctx, c.label, rtl ? x - sw - 4 : x + sw + 4, y - 0.5, { size: size * 0.9, align });
        y += Math.max(size * 1.5, lineHeight(c.label, size * 0.9));
      }
      y += 2;
    }
  }
}

/** Metres across the frame at its centre (projected CRSs in metres; degrees converted at the centre latitude). */
export function groundWidth(frame: MapFrame): number {
  const [e0, e1, e2, e3] = frame.extent;
  if (!/^EPSG:4326$/.test(frame.crs)) return e2 - e0;
  const lat = ((e1 + e3) / 2) * (Math.PI / 180);
  return (e2 - e0) * 111_320 * Math.cos(lat);
}

export function drawScaleBar(
  ctx: SKRSContext2D,
  frame: MapFrame,
  mapWidth: number,
  box: Box,
  size: number,
  lang: Lang,
): void {
  const bar = scaleBar(groundWidth(frame), mapWidth, box.w * 0.85);
  const seg = bar.length / bar.segments;
  const y = box.y + box.h * 0.35;
  const h = size * 0.5;
  const x0 = box.x + (box.w - bar.length) / 2;
  ctx.save();
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = '#111';
  for (let i = 0; i < bar.segments; i++) {
    ctx.fillStyle = i % 2 ? '#ffffff' : '#111111';
    ctx.fillRect(x0 + i * seg, y, seg, h);
    ctx.strokeRect(x0 + i * seg, y, seg, h);
  }
  ctx.restore();
  const div = bar.unit === 'km' ? 1000 : 1;
  const unit = lang === 'ur' ? (bar.unit === 'km' ? 'کلومیٹر' : 'میٹر') : bar.unit;
  for (const i of [0, bar.segments / 2, bar.segments]) {
    if (!Number.isInteger(i)) continue;
    const value = (bar.metres * i) / bar.segments / div;
    const v = formatNumber(value, lang, Number.isInteger(value) ? 0 : 1);
    drawText(ctx, v, x0 + i * seg, y + h + 1.5, { size: size * 0.8, align: 'center' });
  }
  drawText(ctx, unit, x0 + bar.length / 2, y - size * 1.3, { size: size * 0.8, align: 'center' });
}

export function drawNorthArrow(ctx: SKRSContext2D, box: Box, size: number, label: string): void {
  const h = Math.min(box.h * 0.7, size * 4.5);
  const w = h * 0.45;
  const cx = box.x + box.w / 2;
  const top = box.y + size * 1.8;
  ctx.save();
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = '#111';
  ctx.fillStyle = '#111';
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx - w / 2, top + h);
  ctx.lineTo(cx, top + h * 0.72);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx + w / 2, top + h);
  ctx.lineTo(cx, top + h * 0.72);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.restore();
  drawText(ctx, label, cx, box.y, { size, bold: true, align: 'center' });
}

/** The inset's lon/lat window: Pakistan with a margin of its neighbours. */
export const INSET_WINDOW: [number, number, number, number] = [59, 22, 79.5, 38.5];

function fillRings(
  ctx: SKRSContext2D,
  polys: number[][][][],
  P: (lon: number, lat: number) => [number, number],
) {
  ctx.beginPath();
  for (const poly of polys)
    for (const ring of poly) {
      ring.forEach((p, i) => {
        const [x, y] = P(p[0], p[1]);
        if (i) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
      });
      ctx.closePath();
    }
  ctx.fill('evenodd');
  ctx.stroke();
}

function meetsWindow(ring: number[][]): boolean {
  const [w, s, e, n] = INSET_WINDOW;
  return ring.some((p) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
}

/**
 * Pakistan (lon/lat polygons) among its neighbours in an equirectangular view scaled by
 * cos(latitude), extent in red.
 */
export function drawInset(
  ctx: SKRSContext2D,
  country: number[][][][],
  frame: MapFrame,
  box: Box,
  neighbours: number[][][][] = [],
): void {
  const [lo0, la0, lo1, la1] = INSET_WINDOW;
  const k = Math.cos((30 * Math.PI) / 180);
  const s = Math.min(box.w / ((lo1 - lo0) * k), box.h / (la1 - la0));
  const ox = box.x + (box.w - (lo1 - lo0) * k * s) / 2;
  const oy = box.y + (box.h - (la1 - la0) * s) / 2;
  const P = (lon: number, lat: number): [number, number] => [ox + (lon - lo0) * k * s, oy + (la1 - lat) * s];
  ctx.save();
  ctx.fillStyle = '#dbe7f0';
  ctx.fillRect(box.x, box.y, box.w, box.h);
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.fillStyle = '#f1efe9';
  ctx.strokeStyle = '#a09c92';
  ctx.lineWidth = 0.3;
  fillRings(
    ctx,
    neighbours.filter((poly) => meetsWindow(poly[0] ?? [])),
    P,
  );
  ctx.fillStyle = '#d9d6cc';
  ctx.strokeStyle = '#555';
  ctx.lineWidth = 0.5;
  fillRings(ctx, country, P);
  const [e0, e1, e2, e3] = frame.extent;
  const corners = toLonLat(frame.crs, [
    [e0, e1],
    [e2, e1],
    [e2, e3],
    [e0, e3],
  ]).map(([a, b]) => P(a, b));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const minSide = 4;
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const w = Math.max(minSide, Math.max(...xs) - Math.min(...xs));
  const h = Math.max(minSide, Math.max(...ys) - Math.min(...ys));
  ctx.strokeStyle = '#d00000';
  ctx.lineWidth = 1.2;
  ctx.strokeRect(cx - w / 2, cy - h / 2, w, h);
  ctx.strokeStyle = '#666';
  ctx.lineWidth = 0.5;
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  ctx.restore();
}
