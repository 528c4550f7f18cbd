/** Atomic file writes: a temp file in the same folder, fsync, then rename over the target. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NigahError } from '../../shared/errors';

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array | Uint8Array[],
): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'w');
    const chunks = Array.isArray(data) ? data : [data];
    // writeFile loops until every byte is written (a bare write() may stop short on a full disk).
    for (const chunk of chunks) await handle.writeFile(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => {});
    await fs.rm(tmp, { force: true }).catch(() => {});
    const code = (e as { code?: string }).code;
    if (code === 'ENOSPC')
      throw new NigahError('DISK_FULL', `The disk is full: ${path.basename(target)} was not written.`, {
        hint: `Free some space on the drive holding ${dir}, or choose another folder. Your previous file is unchanged.`,
      });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new NigahError('BAD_ARGUMENT', `Cannot write to ${dir} (${code}).`, {
        hint: 'Choose a folder you can write to.',
      });
    throw e;
  }
}
