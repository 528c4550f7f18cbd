/**
 * One drawing backend for every output: Skia through @napi-rs/canvas. A PDF page is drawn in
 * points on Skia's PDF canvas (vector text and lines, embedded font subsets, images at their own
 * resolution); a PNG is the same drawing on a raster canvas scaled by dpi/72.
 */
import { createCanvas, PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFonts } from './fonts';

export type PageDrawer = (ctx: SKRSContext2D) => void;

export interface PdfMeta {
  title: string;
  author?: string;
  subject?: string;
}

export function renderPdf(
  pages: { width: number; height: number; draw: PageDrawer }[],
  meta: PdfMeta,
): Buffer {
  ensureFonts();
  const doc = new PDFDocument({
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    creator: 'Nigah',
    producer: 'Nigah (Skia/PDF)',
    compressionLevel: 6,
  });
  for (const p of pages) {
    const ctx = doc.beginPage(p.width, p.height);
    p.draw(ctx as unknown as SKRSContext2D);
    doc.endPage();
  }
  return doc.close();
}

export function renderPng(
  page: { width: number; height: number; draw: PageDrawer },
  pixels: { width: number; height: number },
): Buffer {
  ensureFonts();
  const canvas = createCanvas(pixels.width, pixels.height);
  const ctx = canvas.getContext('2d');
  ctx.scale(pixels.width / page.width, pixels.height / page.height);
  page.draw(ctx);
  return canvas.toBuffer('image/png');
}
