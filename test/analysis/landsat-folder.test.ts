/**
 * A raw Landsat 5 TM delivery (band files + MTL, no STAC item): the CLI's scene loading is the
 * app's (TM band numbers: B3 red, B4 NIR; radiance from the MTL), so NDVI from `nigah index` equals
 * NDVI computed here by hand from the DNs and the MTL's RADIANCE_MULT/ADD lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { LT5_DIR, needsSharedData } from '../support/shared-data';

const SRC = LT5_DIR;
const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-lt5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(file: string): Promise<ArrayLike<number>> {
  const b = readFileSync(file);
  const img = await (
    await fromArrayBuffer(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))
  ).getImage();
  return (await img.readRasters())[0] as ArrayLike<number>;
}

describe.skipIf(!existsSync(SRC))(
  `Landsat 5 band files without a STAC item (${needsSharedData('raster', 'landsat5_tm_rstoolbox')})`,
  () => {
    it('index uses TM roles and MTL radiance scaling', async () => {
      const mtl = readFileSync(path.join(SRC, 'LT52240631988227CUB02_MTL.txt'), 'latin1');
      const num = (key: string) => Number(new RegExp(`${key}\\s*=\\s*([-\\d.]+)`).exec(mtl)?.[1]);
      const [m3, a3, m4, a4] = [
        'RADIANCE_MULT_BAND_3',
        'RADIANCE_ADD_BAND_3',
        'RADIANCE_MULT_BAND_4',
        'RADIANCE_ADD_BAND_4',
      ].map(num);
      const out = path.join(dir, 'ndvi.tif');
      const io = { out: () => {}, err: () => {} };
      expect(await main(['index', SRC, '--index', 'ndvi', '--out', out], io)).toBe(0);
      const [b3, b4, ndvi] = await Promise.all([
        read(path.join(SRC, 'LT52240631988227CUB02_B3.TIF')),
        read(path.join(SRC, 'LT52240631988227CUB02_B4.TIF')),
        read(out),
      ]);
      let checked = 0;
      for (let i = 0; i < ndvi.length; i += 997) {
        if (b3[i] === 255 || b4[i] === 255) continue; // nodata
        const red = b3[i] * m3 + a3;
        const nir = b4[i] * m4 + a4;
        expect(ndvi[i]).toBeCloseTo((nir - red) / (nir + red), 5);
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    });
  },
);
