/**
 * Saving a job's files and copying its table. Files are fetched through the raster endpoint (the
 * same path in Electron and browser mode) and handed to the browser's download machinery.
 */
import type { JobArtifact } from '../../../../shared/contract';
import { NigahError } from '../../../../shared/errors';
import { rasterUrl } from '../../api/client';

export async function downloadArtifact(a: JobArtifact): Promise<void> {
  let res: Response;
  try {
    res = await fetch(rasterUrl(a.href), { credentials: 'same-origin' });
  } catch (e) {
    throw new NigahError('NETWORK', `${a.name} could not be fetched from the Nigah host.`, {
      hint: 'Check that Nigah is still running, then try again.',
      cause: e,
    });
  }
  if (!res.ok)
    throw new NigahError('NOT_FOUND', `${a.name} is no longer available (${res.status}).`, {
      hint: 'Results are kept for the last runs only: run the analysis again.',
    });
  const blob = new Blob([await res.arrayBuffer()], { type: a.mediaType.split(';')[0] });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = a.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Clipboard API where allowed, else the old copy command through a hidden text area. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

export function describeArtifact(a: JobArtifact): string {
  const ext = a.name.split('.').pop()?.toLowerCase();
  if (a.name.startsWith('flooded-cropland')) return 'Flooded cropland mask (GeoTIFF)';
  if (ext === 'tif') return a.name.startsWith('water') ? 'Water mask (GeoTIFF)' : 'Flood mask (GeoTIFF)';
  if (ext === 'geojson') return 'Polygons (GeoJSON)';
  if (ext === 'csv') return 'Per-district table (CSV)';
  if (ext === 'json') return 'Summary (JSON)';
  if (ext === 'pdf') return 'Report (PDF)';
  return a.mediaType;
}
