/**
 * A map page as a PDF or PNG file: compose, draw with the one backend, write atomically. Shared
 * by the CLI's export-map and the exports service.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NigahError } from '../../shared/errors';
import { pagePixels, pagePoints } from '../../shared/export/page';
import { writeFileAtomic } from '../host/atomic';
import { assertOutputsSafe, sceneInputs } from '../host/output-guard';
import { composeMapPage, type MapPageRequest } from './compose';
import { drawMapPage } from './draw-page';
import { renderPdf, renderPng } from './render';

export type MapFormat = 'pdf' | 'png';

export function formatOf(out: string): MapFormat {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.png') return 'png';
  throw new NigahError('BAD_ARGUMENT', `The output must end in .pdf or .png, got "${path.basename(out)}".`, {
    hint: 'Name the file map.pdf (vector, for printing) or map.png (an image).',
  });
}

/** Refuses an existing file without consent, and any output that is an input. */
export function checkOutput(out: string, force: boolean, inputs: (string | null | undefined)[]): void {
  assertOutputsSafe({ '--out': out }, inputs);
  if (!force && existsSync(out))
    throw new NigahError('BAD_ARGUMENT', `${out} already exists.`, {
      hint: 'Choose another name, or pass --force to replace it.',
    });
}

/** The PDF/PNG bytes of a map page. PDF rasters are placed at 300 dpi or more. */
export async function mapFileBytes(req: MapPageRequest, format: MapFormat): Promise<Buffer> {
  const dpi = format === 'pdf' ? Math.max(300, req.dpi) : req.dpi;
  const content = await composeMapPage({ ...req, dpi });
  const size = pagePoints(req.page);
  const page = { ...size, draw: (ctx: Parameters<typeof drawMapPage>[0]) => drawMapPage(ctx, content) };
  if (format === 'pdf')
    return renderPdf([page], {
      title: content.doc.title,
      author: req.producer,
      subject: content.doc.subtitle,
    });
  return renderPng(page, pagePixels(req.page, dpi), dpi);
}

export async function exportMapFile(
  req: MapPageRequest,
  out: string,
  force: boolean,
): Promise<{ bytes: number }> {
  const format = formatOf(out);
  checkOutput(out, force, [
    ...sceneInputs(req.scene),
    ...(req.pre ? sceneInputs(req.pre) : []),
    req.mask,
    req.zonesFile,
  ]);
  const bytes = await mapFileBytes(req, format);
  await writeFileAtomic(out, bytes);
  return { bytes: bytes.length };
}
