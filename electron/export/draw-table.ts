/** The per-district table of the flood report, right to left on Urdu pages. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { formatNumber } from '../../shared/export/carto';
import type { Lang } from '../../shared/export/document';
import type { Box } from '../../shared/export/layout';
import type { DistrictRow } from '../../shared/export/table';
import { drawText } from './text';

export interface Column {
  title: string;
  value(r: DistrictRow): string;
  /** Relative width. */
  weight: number;
}

export function tableColumns(
  has: { cropland: boolean; cloud: boolean },
  lang: Lang,
  t: (k: string) => string,
): Column[] {
  const n = (v: number | null, d: number) => (v === null ? '–' : formatNumber(v, lang, d));
  const cols: Column[] = [
    { title: t('report.district'), value: (r) => r.name, weight: 2.2 },
    { title: t('report.floodedKm2'), value: (r) => n(r.floodedKm2, 2), weight: 1 },
    { title: t('report.floodedHa'), value: (r) => n(r.floodedHa, 0), weight: 1 },
    { title: t('report.share'), value: (r) => n(r.sharePct, 1), weight: 0.9 },
  ];
  if (has.cropland)
    cols.push({ title: t('report.cropland'), value: (r) => n(r.croplandKm2, 2), weight: 1.1 });
  if (has.cloud) cols.push({ title: t('report.cloud'), value: (r) => n(r.cloudKm2, 2), weight: 1.1 });
  return cols;
}

/** Rows (and the totals row when `withTotal`) drawn from the top of the box; returns the bottom y. */
export function drawTable(
  ctx: SKRSContext2D,
  cols: Column[],
  rows: DistrictRow[],
  total: DistrictRow | null,
  box: Box,
  size: number,
  rtl: boolean,
): number {
  const weights = cols.reduce((a, c) => a + c.weight, 0);
  const widths = cols.map((c) => (box.w * c.weight) / weights);
  const rowH = size * 2.1;
  const xOf = (i: number) => {
    const before = widths.slice(0, i).reduce((a, b) => a + b, 0);
    return rtl ? box.x + box.w - before - widths[i] : box.x + before;
  };
  const cell = (text: string, i: number, y: number, bold: boolean) => {
    const numeric = i > 0;
    const pad = size * 0.4;
    const x = numeric
      ? rtl
        ? xOf(i) + pad
        : xOf(i) + widths[i] - pad
      : rtl
        ? xOf(i) + widths[i] - pad
        : xOf(i) + pad;
    const align = numeric ? (rtl ? 'left' : 'right') : rtl ? 'right' : 'left';
    drawText(ctx, text, x, y + rowH / 2, {
      size,
      bold,
      align,
      baseline: 'middle',
      maxWidth: widths[i] - 2 * pad,
    });
  };
  let y = box.y;
  ctx.save();
  ctx.fillStyle = '#e8eef4';
  ctx.fillRect(box.x, y, box.w, rowH * 1.3);
  ctx.restore();
  cols.forEach((c, i) => {
    cell(c.title, i, y + rowH * 0.15, true);
  });
  y += rowH * 1.3;
  const line = (yy: number, width: number) => {
    ctx.save();
    ctx.strokeStyle = '#999';
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(box.x, yy);
    ctx.lineTo(box.x + box.w, yy);
    ctx.stroke();
    ctx.restore();
  };
  for (const r of rows) {
    cols.forEach((c, i) => {
      cell(c.value(r), i, y, false);
    });
    y += rowH;
    line(y, 0.3);
  }
  if (total) {
    line(y, 1);
    cols.forEach((c, i) => {
      cell(c.value(total), i, y, true);
    });
    y += rowH;
    line(y, 1);
  }
  return y;
}
