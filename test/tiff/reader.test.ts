/** The one TIFF reader's guards: DEFLATE bombs, codecs it refuses, and block names in errors. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import '../../electron/engine/decode';
import { readTiffFile } from '../../electron/engine/tiff-file';
import { NigahError } from '../../shared/errors';
import { prepareCodecs, readImageWindow, type TiffImage } from '../../shared/tiff/read';
import { writeTif } from '../analysis/fixtures';

const hasGdal = (() => {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'nigah-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 128×128 uint16 image in four 64×64 DEFLATE tiles. */
function image(): TiffImage {
  return {
    width: 128,
    height: 128,
    samplesPerPixel: 1,
    bitsPerSample: 16,
    sampleFormat: 1,
    dataType: 'uint16',
    planar: 1,
    compression: 8,
    predictor: 1,
    photometric: 1,
    tiled: true,
    blockWidth: 64,
    blockHeight: 64,
    blocksAcross: 2,
    blocksDown: 2,
    offsets: [1000, 2000, 3000, 4000],
    byteCounts: [10, 10, 10, 10],
    littleEndian: true,
    isOverview: false,
  };
}

describe('TIFF reader guards', () => {
  it('a DEFLATE bomb (16 MiB in a tile declared 8 KiB) is refused, naming the file and the tile', () => {
    const bomb = deflateSync(Buffer.alloc(16 << 20));
    const good = deflateSync(Buffer.alloc(64 * 64 * 2, 1));
    const read = (i: number) => (i === 3 ? bomb : good);
    let err: unknown;
    try {
      readImageWindow(read, 'scene.tif', image(), [0], { x0: 0, y0: 0, w: 128, h: 128 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NigahError);
    const e = err as NigahError;
    expect(e.code).toBe('CORRUPT_TIFF');
    expect(e.message).toContain('scene.tif');
    expect(e.message).toContain('tile 3 (column 1, row 1)');
    expect(e.message).toContain('8192 bytes');
  });

  it('tiles that inflate to their declared size decode', () => {
    const tile = deflateSync(Buffer.from(Uint16Array.from({ length: 64 * 64 }, (_, i) => i).buffer));
    const [a] = readImageWindow(() => tile, 'scene.tif', image(), [0], { x0: 60, y0: 1, w: 8, h: 1 });
    // Columns 60–63 of tile 0 row 1, then columns 0–3 of tile 1 row 1.
    expect([...a]).toEqual([124, 125, 126, 127, 64, 65, 66, 67]);
  });

  it.skipIf(!hasGdal)(
    'YCbCr JPEG gets a clear message with the conversion to use (needs gdal-bin)',
    async () => {
      const src = join(dir, 'rgb.tif');
      const band = Uint8Array.from({ length: 64 * 64 }, (_, i) => i % 251);
      writeTif(src, 64, 64, [600000, 10, 0, 2970000, 0, -10], [band, band, band], { nodata: null });
      const out = join(dir, 'ycbcr.tif');
      execFileSync('gdal_translate', ['-q', '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR', src, out]);
      const f = readTiffFile(out);
      await expect(prepareCodecs(f.images, out)).rejects.toThrow(
        /ycbcr\.tif uses JPEG compression.*PHOTOMETRIC=RGB/,
      );
    },
  );
});
