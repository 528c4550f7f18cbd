import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readPreview, readTiffHeader, readWindow } from '../../electron/sources/tiff';
import { concatChunks, writeCog } from '../../shared/tiff';
import { cogBytes, stripedTiff, tempDir } from './helpers';

describe('TIFF headers and windowed reads', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    const [win] = await readWindow(href, [4000, 3000, 4010, 3004]);
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
    await expect(readWindow(href, [192, 192, 256, 256])).rejects.toMatchObject({ code: 'CORRUPT_TIFF' });
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

  it('preview picks the coarsest overview at least minWidth wide, with the right averaged values', async () => {
    const file = path.join(dir, 'const.tif');
    // Constant 700 per band 0 and 900 for band 1: every overview level averages to the same.
    writeFileSync(
      file,
      cogBytes({ width: 256, height: 256, bands: 2, tileSize: 32, value: (_x, _y, b) => (b ? 900 : 700) }),
    );
    const p = await readPreview(pathToFileURL(file).href, { minWidth: 60 });
    expect([p.width, p.height, p.level]).toEqual([64, 64, 2]);
    expect(new Set(Array.from(p.data[0]))).toEqual(new Set([700]));
    expect(new Set(Array.from(p.data[1]))).toEqual(new Set([900]));
  });
});
