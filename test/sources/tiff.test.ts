import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FdCache } from '../../electron/engine/compute';
import { readWindow } from '../../electron/engine/decode';
import { readTiffFile } from '../../electron/engine/tiff-file';
import { readTiffHeader } from '../../electron/sources/tiff';

/** Full-resolution pixels of a window [x0, y0, x1, y1) of sample 0, through the one reader. */
function pixels(file: string, win: [number, number, number, number], fds: FdCache) {
  const img = readTiffFile(file).images[0];
  return readWindow(fds.get(file), img, [0], win[0], win[1], win[2] - win[0], win[3] - win[1])[0];
}

import { concatChunks, writeCog } from '../../shared/tiff';
import { cogBytes, stripedTiff, tempDir } from './helpers';

describe('TIFF headers and windowed reads', () => {
  const dir = tempDir();
  const fds = new FdCache();
  afterAll(() => {
    fds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a large striped (non-tiled) TIFF works through windowed reads, with a notice that it is slow', async () => {
    const file = path.join(dir, 'striped.tif');
    const W = 4500;
    const H = 4000;
    writeFileSync(file, stripedTiff(W, H, 16));
    const href = pathToFileURL(file).href;
    const h = await readTiffHeader(href);
    expect([h.width, h.height, h.tiled, h.crs]).toEqual([W, H, false, 'EPSG:32642']);
    expect(h.geotransform).toEqual([500000, 30, 0, 3000000, 0, -30]);
    expect(h.notices[0]).toMatch(/strips, not tiles.*slow.*gdal_translate -of COG/);
    const win = pixels(file, [4000, 3000, 4010, 3004], fds);
    const expected: number[] = [];
    for (let y = 3000; y < 3004; y++) for (let x = 4000; x < 4010; x++) expected.push((x + 3 * y) % 251);
    expect(Array.from(win)).toEqual(expected);
  });

  it('a small striped TIFF has no slowness notice', async () => {
    const file = path.join(dir, 'small-striped.tif');
    writeFileSync(file, stripedTiff(100, 50, 8));
    const h = await readTiffHeader(pathToFileURL(file).href);
    expect(h.notices).toEqual([]);
  });

  it('a truncated COG: the header reads, the missing pixels are CORRUPT_TIFF (not garbage)', async () => {
    const bytes = cogBytes({ width: 256, height: 256, tileSize: 64, value: (x, y) => 1 + ((x * y) % 1000) });
    const file = path.join(dir, 'cut.tif');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const href = pathToFileURL(file).href;
    const h = await readTiffHeader(href);
    expect(h.width).toBe(256);
    expect(() => pixels(file, [192, 192, 256, 256], fds)).toThrow(
      expect.objectContaining({ code: 'CORRUPT_TIFF' }),
    );
  });

  it('not a TIFF at all → CORRUPT_TIFF naming the file', async () => {
    const file = path.join(dir, 'fake.tif');
    writeFileSync(file, '<html>nope</html>');
    await expect(readTiffHeader(pathToFileURL(file).href)).rejects.toMatchObject({
      code: 'CORRUPT_TIFF',
      message: expect.stringContaining('fake.tif'),
    });
  });

  it('a GeoTIFF with no georeferencing → UNKNOWN_CRS', async () => {
    const file = path.join(dir, 'plain.tif');
    const data = [new Uint16Array(32 * 32).fill(5)];
    writeFileSync(
      file,
      concatChunks(
        writeCog({
          width: 32,
          height: 32,
          dataType: 'uint16',
          tileSize: 16,
          data,
          compress: (b) => deflateSync(b),
        }),
      ),
    );
    await expect(readTiffHeader(pathToFileURL(file).href)).rejects.toMatchObject({ code: 'UNKNOWN_CRS' });
  });
});
