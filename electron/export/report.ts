/**
 * The flood impact report (PDF): a cover map, the per-district table sorted by flooded area with
 * totals, before/after thumbnails with their dates, and a method and data section. Page numbers
 * in the report's language (Urdu digits in Urdu).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { fitExtent, formatNumber } from '../../shared/export/carto';
import type { Lang } from '../../shared/export/document';
import type { Box } from '../../shared/export/layout';
import { PT_PER_MM, pagePoints, pointsToPixels } from '../../shared/export/page';
import { type DistrictInput, type DistrictRow, districtTable } from '../../shared/export/table';
import { rasterBounds } from '../../shared/proj';
import type { Scene } from '../../shared/scene';
import { bandSources, finestGrid, sceneRoles, sensorName } from '../engine/scene-input';
import { composeMapPage, day, MASK_RGB, type MapPageRequest } from './compose';
import { drawMapBox, type ZoneShape } from './draw-map';
import { drawMapPage } from './draw-page';
import { drawTable, tableColumns } from './draw-table';
import { exportT } from './i18n';
import { mapFrame, maskPixels, overlay, trueColour } from './map-image';
import { type PageDrawer, renderPdf } from './render';
import { drawParagraphs, drawText } from './text';

export interface FloodReportRequest
  extends Omit<MapPageRequest, 'scene' | 'page' | 'dpi' | 'index' | 'title'> {
  pre: Scene;
  post: Scene;
  mask: string;
  /** Per-district rows; null without zones (the table then holds the whole scene). */
  zones: DistrictInput[] | null;
  totals: { km2: number; ha: number; croplandKm2: number | null; cloudKm2: number | null };
}

const PAGE = { size: 'a4' as const, landscape: false };
const M = 12 * PT_PER_MM;

type Page = { width: number; height: number; draw: PageDrawer };

function pageNumber(ctx: SKRSContext2D, n: number, total: number, lang: Lang): void {
  const t = exportT(lang);
  const size = pagePoints(PAGE);
  const label = t('report.page', { n: formatNumber(n, lang, 0), total: formatNumber(total, lang, 0) });
  drawText(ctx, label, lang === 'ur' ? M : size.width - M, size.height - M * 0.75, {
    size: 8,
    color: '#444',
    align: lang === 'ur' ? 'left' : 'right',
  });
}

/** White page with the banner (synthetic inputs) and a heading; returns the y below it. */
function pageHead(ctx: SKRSContext2D, heading: string, banner: string | null, lang: Lang): number {
  const size = pagePoints(PAGE);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  let y = M;
  if (banner) {
    ctx.fillStyle = '#b00020';
    ctx.fillRect(M, y, size.width - 2 * M, 20);
    drawText(ctx, banner, size.width / 2, y + 10, {
      size: 8.5,
      bold: true,
      color: '#fff',
      align: 'center',
      baseline: 'middle',
    });
    y += 30;
  }
  drawText(ctx, heading, lang === 'ur' ? size.width - M : M, y, {
    size: 15,
    bold: true,
    align: lang === 'ur' ? 'right' : 'left',
  });
  return y + 34;
}

function tableRows(
  req: FloodReportRequest,
  t: (k: string) => string,
): { rows: DistrictRow[]; total: DistrictRow | null; note: string | null } {
  if (req.zones?.length) {
    const table = districtTable(req.zones, t('report.total'));
    return { rows: table.rows, total: table.total, note: null };
  }
  const whole = districtTable(
    [
      {
        name: t('report.wholeScene'),
        zoneKm2: Number.NaN,
        km2: req.totals.km2,
        ha: req.totals.ha,
        sharePct: null,
        croplandKm2: req.totals.croplandKm2 ?? undefined,
        cloudKm2: req.totals.cloudKm2 ?? undefined,
      },
    ],
    t('report.total'),
  );
  return { rows: whole.rows, total: null, note: t('report.noZones') };
}

function thumbnail(scene: Scene, box: Box, mask: string | null, zones: ZoneShape[]) {
  const grid = finestGrid(bandSources(scene, sceneRoles(scene).slice(0, 1)));
  const extent = fitExtent(rasterBounds(grid.gt, grid.width, grid.height), box.w, box.h);
  const frame = mapFrame(grid.crs, extent, pointsToPixels(box.w, 300), pointsToPixels(box.h, 300));
  const raster = trueColour(scene, frame);
  if (mask) overlay(raster, maskPixels(mask, frame), MASK_RGB.flood);
  return { frame, raster, zones };
}

export async function floodReportBytes(req: FloodReportRequest): Promise<Buffer> {
  const t = exportT(req.lang);
  const rtl = req.lang === 'ur';
  const size = pagePoints(PAGE);
  const cover = await composeMapPage({
    ...req,
    scene: req.post,
    pre: req.pre,
    page: PAGE,
    dpi: 300,
    title: t('report.title'),
  });
  const km = (v: number | null) => formatNumber(v ?? 0, req.lang, 2);
  const summary = t('report.summary', {
    km2: km(req.totals.km2),
    ha: formatNumber(req.totals.ha, req.lang, 0),
    crop: km(req.totals.croplandKm2),
  });
  cover.doc.subtitle = `${t('report.subtitle', { sensor: sensorName(req.post), pre: day(req.pre.datetime, req.lang), post: day(req.post.datetime, req.lang) })}`;
  cover.doc.method = [summary, ...cover.doc.method];
  const { rows, total, note } = tableRows(req, t);
  const cols = tableColumns(
    { cropland: rows.some((r) => r.croplandKm2 !== null), cloud: rows.some((r) => r.cloudKm2 !== null) },
    req.lang,
    t,
  );
  const perPage = 30;
  const chunks: DistrictRow[][] = [];
  for (let i = 0; i < rows.length; i += perPage) chunks.push(rows.slice(i, i + perPage));
  const w = size.width - 2 * M;
  const thumbBox = (i: number): Box => ({
    x: (i === 0) !== rtl ? M : M + w / 2 + 6,
    y: 0,
    w: w / 2 - 6,
    h: w / 2 - 6,
  });
  const thumbs = [
    thumbnail(req.pre, thumbBox(0), null, cover.map.zones),
    thumbnail(req.post, thumbBox(1), req.mask, cover.map.zones),
  ];
  const pages: Page[] = [];
  const count = 1 + chunks.length + 1;
  pages.push({
    ...size,
    draw: (ctx) => {
      drawMapPage(ctx, cover);
      pageNumber(ctx, 1, count, req.lang);
    },
  });
  chunks.forEach((chunk, i) => {
    pages.push({
      ...size,
      draw: (ctx) => {
        const y = pageHead(ctx, t('report.table'), cover.doc.banner, req.lang);
        const last = i === chunks.length - 1;
        const end = drawTable(
          ctx,
          cols,
          chunk,
          last ? total : null,
          { x: M, y, w, h: size.height - y - M },
          8.5,
          rtl,
        );
        if (last)
          drawParagraphs(
            ctx,
            [summary, ...(note ? [note] : [])],
            { x: M, y: end + 14, w, h: 80 },
            { size: 9 },
            rtl,
          );
        pageNumber(ctx, 2 + i, count, req.lang);
      },
    });
  });
  pages.push({
    ...size,
    draw: (ctx) => {
      let y = pageHead(ctx, t('report.thumbs'), cover.doc.banner, req.lang);
      [req.pre, req.post].forEach((s, i) => {
        const box = { ...thumbBox(i), y: y + 16 };
        drawText(
          ctx,
          t(i === 0 ? 'report.before' : 'report.after', { date: day(s.datetime, req.lang) }),
          rtl ? box.x + box.w : box.x,
          y,
          { size: 9.5, bold: true, align: rtl ? 'right' : 'left' },
        );
        drawMapBox(ctx, thumbs[i], box, 6.5);
      });
      y += 16 + thumbBox(0).h + 26;
      drawText(ctx, t('report.methodData'), rtl ? M + w : M, y, {
        size: 13,
        bold: true,
        align: rtl ? 'right' : 'left',
      });
      y += 24;
      const end = drawParagraphs(
        ctx,
        cover.doc.method,
        { x: M, y, w, h: size.height - y - 2 * M },
        { size: 9 },
        rtl,
      );
      drawText(ctx, t('sources'), rtl ? M + w : M, end + 8, {
        size: 10.5,
        bold: true,
        align: rtl ? 'right' : 'left',
      });
      drawParagraphs(
        ctx,
        [...cover.doc.sources, cover.doc.footer],
        { x: M, y: end + 26, w, h: size.height - end - 26 - M * 1.5 },
        { size: 9 },
        rtl,
      );
      pageNumber(ctx, count, count, req.lang);
    },
  });
  return renderPdf(pages, {
    title: `${t('report.title')} — ${sensorName(req.post)}`,
    author: req.producer,
    subject: summary,
  });
}
