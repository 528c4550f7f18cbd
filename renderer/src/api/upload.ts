/**
 * Browser mode's way to hand the host a file: its bytes are sent to POST /upload (electron/host/
 * upload.ts) with the session's CSRF header, and the host answers where it stored them. Files of one
 * pick (a shapefile's .shp, .shx, .dbf, .prj) share a batch and so sit side by side on the host.
 */
import { type ErrorData, fromErrorData, NigahError } from '../../../shared/errors';
import { csrfValue } from './client';

export interface UploadedFile {
  path: string;
  batch: string;
  name: string;
  size: number;
}

type Reply = { ok: true; value: UploadedFile } | { ok: false; error: ErrorData };

/** Sends one file; `onProgress` gets the fraction sent (0–1). */
export function uploadFile(
  file: File,
  batch: string | undefined,
  onProgress?: (fraction: number) => void,
): Promise<UploadedFile> {
  const query = new URLSearchParams({ name: file.name });
  if (batch) query.set('batch', batch);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/upload?${query}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-nigah-csrf', csrfValue());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(
        new NigahError('NETWORK', 'The Nigah host is not answering.', {
          hint: 'Check that `npm run web` is still running, then choose the file again.',
        }),
      );
    xhr.onload = () => {
      let reply: Reply;
      try {
        reply = JSON.parse(xhr.responseText) as Reply;
      } catch {
        return reject(new NigahError('HTTP', `The Nigah host answered ${xhr.status} ${xhr.statusText}.`));
      }
      if (reply.ok) resolve(reply.value);
      else reject(fromErrorData(reply.error));
    };
    xhr.send(file);
  });
}

/**
 * Sends every file of one pick into the same batch; returns the stored path of the main file: the
 * first whose extension is in `main` (e.g. ["shp"] for a loose shapefile), else the first file.
 */
export async function uploadFiles(
  files: File[],
  main: string[],
  onProgress?: (fraction: number) => void,
): Promise<string> {
  const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
  let sent = 0;
  let batch: string | undefined;
  const stored: UploadedFile[] = [];
  for (const file of files) {
    const done = await uploadFile(file, batch, (f) => onProgress?.((sent + f * file.size) / total));
    sent += file.size;
    batch = done.batch;
    stored.push(done);
  }
  const ext = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';
  const primary = stored.find((s) => main.includes(ext(s.name))) ?? stored[0];
  return primary.path;
}
