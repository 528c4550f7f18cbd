/**
 * One drawing backend for every output: Skia through @napi-rs/canvas. A PDF page is drawn in
 * points on Skia's PDF canvas (vector text and lines, embedded font subsets, images at their own
 * resolution); a PNG is the same drawing on a raster canvas scaled by dpi/72.
 */
import { crc32 } from 'node:zlib';
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

/**
 * A pHYs chunk (PNG spec §11.3.5.3) after IHDR, so that printing and layout programs place the
 * image at its dpi (A4 at 300 dpi prints at 210 × 297 mm).
 */
export function withDpi(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  // Signature (8) + IHDR (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

export function renderPng(
  page: { width: number; height: number; draw: PageDrawer },
  pixels: { width: number; height: number },
  dpi: number,
): Buffer {
  ensureFonts();
  const canvas = createCanvas(pixels.width, pixels.height);
  const ctx = canvas.getContext('2d');
  ctx.scale(pixels.width / page.width, pixels.height / page.height);
  page.draw(ctx);
  return withDpi(canvas.toBuffer('image/png'), dpi);
}
