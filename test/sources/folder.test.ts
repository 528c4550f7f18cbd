import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanFolder } from '../../electron/sources/folder';
import { parseMtl } from '../../electron/sources/mtl';
import { dateFromName, parseBandFile } from '../../electron/sources/naming';
import { cogBytes, tempDir, writeCogFile } from './helpers';

const hasGdal = (() => {
  try {
    execFileSync('gdaltransform', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGdal)
  console.warn('gdaltransform not found: install the Debian package gdal-bin to run the footprint check.');

const C2_MTL = `GROUP = LANDSAT_METADATA_FILE
  GROUP = PRODUCT_CONTENTS
    LANDSAT_PRODUCT_ID = "LC08_L2SP_150040_20220830_20220910_02_T1"
    PROCESSING_LEVEL = "L2SP"
    COLLECTION_NUMBER = 02
    FILE_NAME_BAND_2 = "LC08_L2SP_150040_20220830_20220910_02_T1_SR_B2.TIF"
    FILE_NAME_BAND_5 = "LC08_L2SP_150040_20220830_20220910_02_T1_SR_B5.TIF"
    FILE_NAME_BAND_ST_B10 = "LC08_L2SP_150040_20220830_20220910_02_T1_ST_B10.TIF"
  END_GROUP = PRODUCT_CONTENTS
  GROUP = IMAGE_ATTRIBUTES
    SPACECRAFT_ID = "LANDSAT_8"
    SENSOR_ID = "OLI_TIRS"
    DATE_ACQUIRED = 2022-08-30
    SCENE_CENTER_TIME = "05:52:19.1234560Z"
    CLOUD_COVER = 23.45
  END_GROUP = IMAGE_ATTRIBUTES
  GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS
    REFLECTANCE_MULT_BAND_2 = 2.75E-05
    REFLECTANCE_ADD_BAND_2 = -0.200000
    REFLECTANCE_MULT_BAND_5 = 2.75E-05
    REFLECTANCE_ADD_BAND_5 = -0.200000
  END_GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS
  GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS
    TEMPERATURE_MULT_BAND_ST_B10 = 0.00341802
    TEMPERATURE_ADD_BAND_ST_B10 = 149.000000
  END_GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS
END_GROUP = LANDSAT_METADATA_FILE
END
`;

const C1_MTL = `GROUP = L1_METADATA_FILE
  GROUP = METADATA_FILE_INFO
    LANDSAT_PRODUCT_ID = "LC08_L1TP_150040_20190830_20190910_01_T1"
    COLLECTION_NUMBER = 01
  END_GROUP = METADATA_FILE_INFO
  GROUP = PRODUCT_METADATA
    DATA_TYPE = "L1TP"
    SPACECRAFT_ID = "LANDSAT_8"
    SENSOR_ID = "OLI_TIRS"
    DATE_ACQUIRED = 2019-08-30
    SCENE_CENTER_TIME = "05:51:00.0000000Z"
    FILE_NAME_BAND_4 = "LC08_L1TP_150040_20190830_20190910_01_T1_B4.TIF"
    FILE_NAME_BAND_5 = "LC08_L1TP_150040_20190830_20190910_01_T1_B5.TIF"
  END_GROUP = PRODUCT_METADATA
  GROUP = IMAGE_ATTRIBUTES
    CLOUD_COVER = 1.50
  END_GROUP = IMAGE_ATTRIBUTES
  GROUP = RADIOMETRIC_RESCALING
    RADIANCE_MULT_BAND_4 = 9.5E-03
    RADIANCE_ADD_BAND_4 = -47.5
    REFLECTANCE_MULT_BAND_4 = 2.0000E-05
    REFLECTANCE_ADD_BAND_4 = -0.100000
    REFLECTANCE_MULT_BAND_5 = 2.0000E-05
    REFLECTANCE_ADD_BAND_5 = -0.100000
  END_GROUP = RADIOMETRIC_RESCALING
END_GROUP = L1_METADATA_FILE
END
`;

function fixture(): string {
  const root = tempDir();
  const l2 = path.join(root, 'landsat/c2');
  for (const b of ['SR_B2', 'SR_B5', 'ST_B10'])
    writeCogFile(path.join(l2, `LC08_L2SP_150040_20220830_20220910_02_T1_${b}.TIF`), {
      width: 32,
      height: 32,
      transform: [300000, 30, 0, 3000000, 0, -30],
    });
  writeFileSync(path.join(l2, 'LC08_L2SP_150040_20220830_20220910_02_T1_MTL.txt'), C2_MTL);
  const l1 = path.join(root, 'landsat/c1');
  for (const b of ['B4', 'B5'])
    writeCogFile(path.join(l1, `LC08_L1TP_150040_20190830_20190910_01_T1_${b}.TIF`), {
      width: 32,
      height: 32,
    });
  writeFileSync(path.join(l1, 'LC08_L1TP_150040_20190830_20190910_01_T1_MTL.txt'), C1_MTL);
  const s2 = path.join(root, 's2');
  for (const b of ['B02_10m', 'B03_10m', 'B04_10m', 'B08_10m'])
    writeCogFile(path.join(s2, `T42RUN_20220830T054641_${b}.tif`), { width: 40, height: 40 });
  for (const b of ['B04_20m', 'B11_20m'])
    writeCogFile(path.join(s2, `T42RUN_20220830T054641_${b}.tif`), {
      width: 20,
      height: 20,
      transform: [600000, 20, 0, 2950000, 0, -20],
    });
  for (const b of ['B04', 'B08'])
    writeCogFile(path.join(s2, 'old', `T42RUN_20210830T054641_${b}.tif`), { width: 20, height: 20 });
  // A SAFE-like layout: R10m / R20m sibling folders of one granule make one scene.
  const safe = path.join(
    root,
    'S2B_MSIL2A_20220905T054639_N0400_R048_T42RUN_20220905T090000.SAFE/GRANULE/L2A_T42RUN/IMG_DATA',
  );
  for (const b of ['B04_10m', 'B08_10m'])
    writeCogFile(path.join(safe, 'R10m', `T42RUN_20220905T054639_${b}.tif`), { width: 40, height: 40 });
  writeCogFile(path.join(safe, 'R20m', 'T42RUN_20220905T054639_B11_20m.tif'), {
    width: 20,
    height: 20,
    transform: [600000, 20, 0, 2950000, 0, -20],
  });
  writeCogFile(path.join(root, 'multi/scene_20220601.tif'), {
    bands: 4,
    descriptions: ['blue', 'green', 'red', 'nir'],
    epsg: 4326,
    transform: [68, 0.001, 0, 26.5, 0, -0.001],
  });
  writeFileSync(path.join(s2, 'T42RUN_20220101T054641_B04.jp2'), 'not really jp2');
  writeFileSync(path.join(s2, 'T42RUN_20220101T054641_B08.jp2'), 'not really jp2');
  const good = cogBytes();
  writeFileSync(path.join(root, 'truncated.tif'), good.subarray(0, 200));
  writeFileSync(path.join(root, 'garbage.tif'), 'this is not a tiff at all');
  const outside = tempDir('nigah-outside-');
  writeCogFile(path.join(outside, 'secret.tif'));
  symlinkSync(path.join(outside, 'secret.tif'), path.join(root, 'link.tif'));
  mkdirSync(path.join(root, 'empty'));
  return root;
}

describe('file-name and MTL parsing', () => {
  it('reads band ids, families and dates from delivery names', () => {
    expect(parseBandFile('T42RUN_20220830T054641_B04_10m.tif')).toMatchObject({
      prefix: 'T42RUN_20220830T054641',
      band: 'B4',
      res: 10,
      family: 'sentinel-2',
    });
    expect(parseBandFile('LT52240631988227CUB02_B7.TIF')).toMatchObject({ band: 'B7', family: 'landsat' });
    expect(parseBandFile('LC08_L2SP_150040_20220830_20220910_02_T1_SR_B5.TIF')).toMatchObject({
      band: 'B5',
      kind: 'SR',
      family: 'landsat',
    });
    expect(
      parseBandFile('S2A_MSIL1C_20220830T054641_N0400_R005_T42RUN_20220830T074412_B8A.jp2'),
    ).toMatchObject({ band: 'B8A', family: 'sentinel-2' });
    expect(dateFromName('LT52240631988227CUB02')).toBe('1988-08-14T00:00:00Z'); // day 227 of 1988 (leap year)
    expect(dateFromName('T42RUN_20220830T054641')).toBe('2022-08-30T05:46:41Z');
    expect(dateFromName('LC08_L2SP_150040_20220830_20220910_02_T1')).toBe('2022-08-30T00:00:00Z');
  });

  it('parses Collection 2 L2 and Collection 1 MTL files', () => {
    const c2 = parseMtl(C2_MTL);
    expect(c2).toMatchObject({
      spacecraft: 'LANDSAT_8',
      sensor: 'OLI_TIRS',
      cloudCover: 23.45,
      collection: 2,
      level: 'L2SP',
    });
    expect(c2.datetime).toBe('2022-08-30T05:52:19.123Z');
    expect(c2.bands.find((b) => b.band === 'B2')).toMatchObject({
      scale: 0.0000275,
      offset: -0.2,
      quantity: 'reflectance',
    });
    expect(c2.bands.find((b) => b.band === 'B10')).toMatchObject({
      scale: 0.00341802,
      offset: 149,
      quantity: 'temperature',
    });
    const c1 = parseMtl(C1_MTL);
    expect(c1.bands.find((b) => b.band === 'B4')).toMatchObject({
      scale: 0.00002,
      offset: -0.1,
      quantity: 'reflectance',
    });
    expect(c1.cloudCover).toBe(1.5);
  });
});

describe('folder source scan', () => {
  const root = fixture();

  it('groups band files into scenes with roles, dates, cloud and scaling; bad files become problems', async () => {
    const { scenes, problems } = await scanFolder({ sourceId: 'f', root });
    const byId = new Map(scenes.map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual([
      'f:S2B_MSIL2A_20220905T054639_N0400_R048_T42RUN_20220905T090000.SAFE/GRANULE/L2A_T42RUN/IMG_DATA/T42RUN_20220905T054639',
      'f:landsat/c1/LC08_L1TP_150040_20190830_20190910_01_T1',
      'f:landsat/c2/LC08_L2SP_150040_20220830_20220910_02_T1',
      'f:multi/scene_20220601.tif',
      'f:s2/T42RUN_20220830T054641',
      'f:s2/old/T42RUN_20210830T054641',
    ]);
    const safeScene = byId.get(
      'f:S2B_MSIL2A_20220905T054639_N0400_R048_T42RUN_20220905T090000.SAFE/GRANULE/L2A_T42RUN/IMG_DATA/T42RUN_20220905T054639',
    )!;
    expect(safeScene.bands.map((b) => [b.role, b.width])).toEqual([
      ['red', 40],
      ['nir', 40],
      ['swir16', 20],
    ]);
    // Baseline N0400 in the product name: (DN - 1000) / 10000.
    expect(safeScene.bands[0].offset).toBe(-0.1);
    const c2 = byId.get('f:landsat/c2/LC08_L2SP_150040_20220830_20220910_02_T1')!;
    expect(c2.cloudCover).toBe(23.45);
    expect(c2.platform).toBe('landsat-8');
    expect(c2.bands.map((b) => [b.name, b.role, b.scale, b.offset])).toEqual([
      ['SR_B2', 'blue', 0.0000275, -0.2],
      ['SR_B5', 'nir', 0.0000275, -0.2],
      ['ST_B10', 'lwir11', 0.00341802, 149],
    ]);
    expect(c2.crs).toBe('EPSG:32642');
    const c1 = byId.get('f:landsat/c1/LC08_L1TP_150040_20190830_20190910_01_T1')!;
    expect(c1.bands.map((b) => [b.role, b.scale, b.offset])).toEqual([
      ['red', 0.00002, -0.1],
      ['nir', 0.00002, -0.1],
    ]);

    const s2 = byId.get('f:s2/T42RUN_20220830T054641')!;
    expect(s2.datetime).toBe('2022-08-30T05:46:41Z');
    expect(s2.bands.map((b) => [b.name, b.role, b.width])).toEqual([
      ['B2', 'blue', 40],
      ['B3', 'green', 40],
      ['B4', 'red', 40], // the 10 m file wins over B04_20m
      ['B8', 'nir', 40],
      ['B11', 'swir16', 20],
    ]);
    // After 25 Jan 2022 (baseline 04.00): (DN - 1000) / 10000.
    expect(s2.bands.every((b) => b.scale === 0.0001 && b.offset === -0.1)).toBe(true);
    expect(s2.properties?.['processing:level']).toBe('L2A');
    expect(s2.bands[0].href).toBe(
      pathToFileURL(path.join(root, 's2/T42RUN_20220830T054641_B02_10m.tif')).href,
    );
    const old = byId.get('f:s2/old/T42RUN_20210830T054641')!;
    expect(old.bands.every((b) => b.scale === 0.0001 && b.offset === 0)).toBe(true);

    const multi = byId.get('f:multi/scene_20220601.tif')!;
    expect(multi.bands.map((b) => [b.role, b.sample])).toEqual([
      ['blue', 0],
      ['green', 1],
      ['red', 2],
      ['nir', 3],
    ]);
    expect(multi.crs).toBe('EPSG:4326');
    expect(multi.bbox[0]).toBeCloseTo(68, 9);
    expect(multi.bbox[3]).toBeCloseTo(26.5, 9);
    expect(multi.bbox[2]).toBeCloseTo(68 + 64 * 0.001, 9);
    expect(multi.bbox[1]).toBeCloseTo(26.5 - 48 * 0.001, 9);
    expect(multi.datetime).toBe('2022-06-01T00:00:00Z');

    const codes = problems.map((p) => `${p.code} ${path.basename(p.item ?? '')}`).sort();
    expect(codes).toEqual([
      'CORRUPT_TIFF garbage.tif',
      'CORRUPT_TIFF truncated.tif',
      'OUTSIDE_ROOT link.tif',
      'UNSUPPORTED_TIFF T42RUN_20220101T054641_B04.jp2',
    ]);
    const trunc = problems.find((p) => p.item?.endsWith('truncated.tif'))!;
    expect(trunc.message).toMatch(/truncated\.tif is not a readable GeoTIFF/);
    expect(trunc.hint).toMatch(/gdalinfo/);
  });

  it.skipIf(!hasGdal)('UTM footprint corners match gdaltransform (needs Debian gdal-bin)', async () => {
    const { scenes } = await scanFolder({ sourceId: 'f', root });
    const s2 = scenes.find((s) => s.id === 'f:s2/T42RUN_20220830T054641')!;
    const ring = s2.footprint.coordinates[0];
    const out = execFileSync('gdaltransform', ['-s_srs', 'EPSG:32642', '-t_srs', 'EPSG:4326', '-output_xy'], {
      input: '600000 2950000\n600400 2949600\n',
    })
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    expect(ring[0][0]).toBeCloseTo(out[0][0], 7);
    expect(ring[0][1]).toBeCloseTo(out[0][1], 7);
    expect(ring[2][0]).toBeCloseTo(out[1][0], 7);
    expect(ring[2][1]).toBeCloseTo(out[1][1], 7);
  });
});
