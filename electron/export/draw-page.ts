/** One map page drawn from its layout: banner, titles, map, furniture, method, sources and footer. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { MapDocument } from '../../shared/export/document';
import type { MapLayout } from '../../shared/export/layout';
import { drawInset, drawLegend, drawNorthArrow, drawScaleBar } from './draw-furniture';
import { drawMapBox, type MapContent } from './draw-map';
import { drawParagraphs, drawText } from './text';

export interface PageContent {
  doc: MapDocument;
  layout: MapLayout;
  map: MapContent;
  /** Pakistan's outline for the inset: polygons of rings in lon/lat. */
  country: number[][][][];
  /** Neighbouring countries for the inset (lon/lat polygons). */
  neighbours?: number[][][][];
}

function drawBanner(ctx: SKRSContext2D, text: string, box: MapLayout['banner']): void {
  if (!box) return;
  ctx.save();
  ctx.fillStyle = '#b00020';
  ctx.fillRect(box.x, box.y, box.w, box.h);
  ctx.restore();
  drawText(ctx, text, box.x + box.w / 2, box.y + box.h / 2, {
    size: box.h * 0.42,
    bold: true,
    color: '#ffffff',
    align: 'center',
    baseline: 'middle',
  });
}

export function drawMapPage(ctx: SKRSContext2D, c: PageContent): void {
  const { doc, layout: L } = c;
  const rtl = doc.lang === 'ur';
  const f = L.fontSize;
  const side = (b: { x: number; w: number }) => (rtl ? b.x + b.w : b.x);
  const align = rtl ? 'right' : 'left';
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.page.width, L.page.height);
  ctx.restore();
  if (doc.banner) drawBanner(ctx, doc.banner, L.banner);
  drawText(ctx, doc.title, side(L.title), L.title.y, {
    size: f * 1.9,
    bold: true,
    align,
    maxWidth: L.title.w,
  });
  drawText(ctx, doc.subtitle, side(L.subtitle), L.subtitle.y, {
    size: f * 1.1,
    color: '#333',
    align,
    maxWidth: L.subtitle.w,
  });
  drawMapBox(ctx, c.map, L.map, f);
  drawLegend(ctx, doc.legend, doc.headings.legend, L.legend, f, rtl);
  drawNorthArrow(ctx, L.northArrow, f, doc.headings.north);
  drawScaleBar(ctx, c.map.frame, L.map.w, L.scaleBar, f, doc.lang);
  drawInset(ctx, c.country, c.map.frame, L.inset, c.neighbours);
  drawText(ctx, doc.headings.method, side(L.method), L.method.y, { size: f, bold: true, align });
  drawParagraphs(
    ctx,
    doc.method,
    { ...L.method, y: L.method.y + f * 1.6, h: L.method.h - f * 1.6 },
    { size: f * 0.85 },
    rtl,
  );
  drawText(ctx, doc.headings.sources, side(L.sources), L.sources.y, { size: f, bold: true, align });
  drawParagraphs(
    ctx,
    doc.sources,
    { ...L.sources, y: L.sources.y + f * 1.6, h: L.sources.h - f * 1.6 },
    { size: f * 0.85 },
    rtl,
  );
  ctx.save();
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 0.4;
  ctx.beginPath();
  ctx.moveTo(L.footer.x, L.footer.y);
  ctx.lineTo(L.footer.x + L.footer.w, L.footer.y);
  ctx.stroke();
  ctx.restore();
  drawText(ctx, doc.footer, side(L.footer), L.footer.y + 2, { size: f * 0.8, color: '#444', align });
}
