/**
 * Text on a page (PDF or PNG canvas): Latin in the system sans-serif, Urdu in Nastaliq, right to
 * left. Skia's PDF backend cannot map Nastaliq's contextual glyphs back to characters, so Urdu is
 * also written underneath in a font whose glyphs map to Unicode (nearly transparent): copying,
 * searching and screen readers then get the Urdu text in logical order.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { isArabicScript, LATIN_STACK, URDU_FAMILY } from './fonts';

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** A white outline under the letters, for labels over imagery. */
  halo?: boolean;
  /** Shrink the font until the text fits this width. */
  maxWidth?: number;
  /** Baseline of `y`: top of the line box by default. */
  baseline?: 'top' | 'middle' | 'alphabetic';
}

/** Nastaliq sets tall: the same point size looks larger and needs more leading. */
const URDU_SCALE = 0.9;

function fontFor(text: string, style: TextStyle): { font: string; urdu: boolean } {
  const urdu = isArabicScript(text);
  const weight = style.bold ? 'bold ' : '';
  return urdu
    ? { font: `${weight}${style.size * URDU_SCALE}px "${URDU_FAMILY}", ${LATIN_STACK}`, urdu }
    : { font: `${weight}${style.size}px ${LATIN_STACK}`, urdu };
}

/** Line height for the text's script. */
export function lineHeight(text: string, size: number): number {
  return isArabicScript(text) ? size * 1.75 : size * 1.3;
}

export function textWidth(ctx: SKRSContext2D, text: string, style: TextStyle): number {
  ctx.font = fontFor(text, style).font;
  return ctx.measureText(text).width;
}

export function drawText(ctx: SKRSContext2D, text: string, x: number, y: number, input: TextStyle): void {
  let style = input;
  if (style.maxWidth) {
    const w = textWidth(ctx, text, style);
    if (w > style.maxWidth) style = { ...style, size: (style.size * style.maxWidth) / w };
  }
  const { font, urdu } = fontFor(text, style);
  ctx.save();
  ctx.textAlign = style.align ?? 'left';
  ctx.textBaseline = style.baseline ?? 'top';
  ctx.direction = urdu ? 'rtl' : 'ltr';
  if (urdu) {
    // The searchable copy, under the visible Nastaliq.
    ctx.font = `${style.size * 0.6}px ${LATIN_STACK}`;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.01)';
    ctx.fillText(text, x, y + (style.baseline === 'top' || !style.baseline ? style.size * 0.5 : 0));
  }
  ctx.font = font;
  const dy = urdu && (style.baseline ?? 'top') === 'top' ? style.size * 0.35 : 0;
  if (style.halo) {
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineWidth = style.size * 0.3;
    ctx.lineJoin = 'round';
    ctx.strokeText(text, x, y + dy);
  }
  ctx.fillStyle = style.color ?? '#111';
  ctx.fillText(text, x, y + dy);
  ctx.restore();
}

/** Words of `text` broken into lines no wider than `width`. */
export function wrapText(ctx: SKRSContext2D, text: string, width: number, style: TextStyle): string[] {
  ctx.font = fontFor(text, style).font;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Paragraphs wrapped into the box from its top, in the page's reading direction; returns the y
 * after the last line. Lines that do not fit in `maxY` are dropped with an ellipsis.
 */
export function drawParagraphs(
  ctx: SKRSContext2D,
  paragraphs: string[],
  box: { x: number; y: number; w: number; h: number },
  style: TextStyle,
  rtl: boolean,
): number {
  let y = box.y;
  const x = rtl ? box.x + box.w : box.x;
  for (const p of paragraphs) {
    for (const line of wrapText(ctx, p, box.w, style)) {
      const lh = lineHeight(line, style.size);
      if (y + lh > box.y + box.h) {
        drawText(ctx, '…', x, y - lh * 0.4, { ...style, align: rtl ? 'right' : 'left' });
        return y;
      }
      drawText(ctx, line, x, y, { ...style, align: rtl ? 'right' : 'left' });
      y += lh;
    }
  }
  return y;
}
