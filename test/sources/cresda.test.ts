import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCatalogService } from '../../electron/services/catalog';
import { parseCresdaXml } from '../../electron/sources/cresda';
import { GF6_WFV_GAINS_2020 } from '../../shared/sensors';
import { cogBytes, cresdaXml, settingsWith, tarBytes, tempDir } from './helpers';

const corners: [number, number][] = [
  [67.5, 26.8],
  [68.5, 26.8],
  [68.5, 26.0],
  [67.5, 26.0],
];

function fixtures(): string {
  const root = tempDir();
  // GF-6 WFV L2 as a folder: 8 bands in file order, map-projected.
  const gf6 = path.join(root, 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567');
  mkdirSync(gf6);
  writeFileSync(
    path.join(gf6, 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567.tiff'),
    cogBytes({ bands: 8, width: 32, height: 32, transform: [600000, 16, 0, 2950000, 0, -16] }),
  );
  writeFileSync(
    path.join(gf6, 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567.xml'),
    cresdaXml({
      satellite: 'GF6',
      sensor: 'WFV',
      center: '2020-09-01 05:31:12',
      cloud: 7,
      level: 'LEVEL2A',
      corners,
    }),
  );
  writeFileSync(path.join(gf6, 'GF6_WFV_E67.9_N26.4_20200901_L2A0001234567_thumb.jpg'), 'jpg');
  // GF-1 WFV L1A as a tar.gz: RPC only.
  const l1aTiff = cogBytes({ width: 16, height: 16, bands: 4 });
  writeFileSync(
    path.join(root, 'GF1_WFV3_E68.0_N26.4_20220830_L1A0006677889.tar.gz'),
    gzipSync(
      tarBytes([
        { name: 'GF1_WFV3_E68.0_N26.4_20220830_L1A0006677889.tiff', data: l1aTiff },
        {
          name: 'GF1_WFV3_E68.0_N26.4_20220830_L1A0006677889.rpb',
          data: 'satId = "GF1";\nBEGIN_GROUP = IMAGE\nEND_GROUP = IMAGE\nEND;',
        },
        {
          name: 'GF1_WFV3_E68.0_N26.4_20220830_L1A0006677889.xml',
          data: cresdaXml({
            satellite: 'GF1',
            sensor: 'WFV3',
            center: '2022-08-30 05:40:00',
            cloud: 35,
            level: 'LEVEL1A',
            corners,
          }),
        },
      ]),
    ),
  );
  // CBERS-04A WFI L2 as a tar.gz with gains in its XML: XML after the image.
  writeFileSync(
    path.join(root, 'CB04A_WFI_E68.0_N26.4_20220905_L2A0000112233.tar.gz'),
    gzipSync(
      tarBytes([
        {
          name: 'CB04A_WFI_E68.0_N26.4_20220905_L2A0000112233.tiff',
          data: cogBytes({ bands: 4, width: 24, height: 24, transform: [600000, 55, 0, 2950000, 0, -55] }),
        },
        {
          name: 'CB04A_WFI_E68.0_N26.4_20220905_L2A0000112233.xml',
          data: cresdaXml({
            satellite: 'CBERS-04A',
            sensor: 'WFI',
            center: '2022-09-05T05:10:00',
            cloud: 3,
            level: 'L2A',
            corners,
            extra: '<AbsoluteCalibrationGain>0.1,0.2,0.3,0.4</AbsoluteCalibrationGain>',
          }),
        },
      ]),
    ),
  );
  return root;
}

describe('CRESDA product packages', () => {
  const root = fixtures();
  const cacheDir = tempDir('nigah-cache-');
  const svc = createCatalogService({
    getSettings: async () => settingsWith([{ id: 'cn', kind: 'cresda', location: root }]),
    sampleDataDir: tempDir(),
    cacheDir,
  });

  it('parses the XML: satellite, sensor, time, cloud, level, corners, gains', () => {
    const m = parseCresdaXml(
      cresdaXml({
        satellite: 'GF1',
        sensor: 'WFV1',
        center: '2018-08-26 11:21:58',
        cloud: 12,
        level: 'LEVEL1A',
        corners,
        extra: '<Gains>0.1 0.2</Gains>',
      }),
      'GF1_WFV1_E114.9_N39.7_20180826_L1A0003413393',
    );
    expect(m).toMatchObject({
      satellite: 'GF1',
      sensor: 'WFV1',
      datetime: '2018-08-26T11:21:58Z',
      cloudCover: 12,
      level: 'LEVEL1A',
      gains: [0.1, 0.2],
    });
    expect(m.corners?.br).toEqual([68.5, 26.0]);
  });

  it('lists folder and tar.gz packages from metadata, without unpacking pixels', async () => {
    const list = await svc.list();
    expect(list.problems).toEqual([]);
    const ids = list.scenes.map((s) => s.id).sort();
    expect(ids).toEqual([
      'cn:CB04A_WFI_E68.0_N26.4_20220905_L2A0000112233.tar.gz',
      'cn:GF1_WFV3_E68.0_N26.4_20220830_L1A0006677889.tar.gz',
      'cn:GF6_WFV_E67.9_N26.4_20200901_L2A0001234567',
    ]);
    expect(existsSync(path.join(cacheDir, 'packages'))).toBe(false);
    const l1a = list.scenes.find((s) => s.id.includes('L1A'))!;
    expect(l1a.drawable).toBe(false);
    expect(l1a.notices[0]).toMatch(/Level-1A.*RPC.*orthorectified/);
    expect(l1a.bbox).toEqual([67.5, 26, 68.5, 26.8]);
    expect(l1a.cloudCover).toBe(35);
    expect(l1a.platform).toBe('GF-1');
    expect(l1a.roles).toEqual(['blue', 'green', 'red', 'nir']);
  });

  it('GF-6 WFV: eight bands in file order with the 2020 gains as scale', async () => {
    const s = await svc.get('cn:GF6_WFV_E67.9_N26.4_20200901_L2A0001234567');
    expect(s.drawable).toBe(true);
    expect(s.datetime).toBe('2020-09-01T05:31:12Z');
    expect(s.bands.map((b) => b.role)).toEqual([
      'blue',
      'green',
      'red',
      'nir',
      'rededge071',
      'rededge075',
      'coastal',
      'yellow',
    ]);
    expect(s.bands.map((b) => b.scale)).toEqual(GF6_WFV_GAINS_2020);
    expect(s.bands.map((b) => b.sample)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(s.crs).toBe('EPSG:32642');
    expect(s.notices.join(' ')).toMatch(/NDWI/);
  });

  it('a tar.gz package is unpacked into the cache on get(), once', async () => {
    const s = await svc.get('cn:CB04A_WFI_E68.0_N26.4_20220905_L2A0000112233.tar.gz');
    expect(s.bands.map((b) => [b.role, b.scale])).toEqual([
      ['blue', 0.1],
      ['green', 0.2],
      ['red', 0.3],
      ['nir', 0.4],
    ]);
    const file = fileURLToPath(s.bands[0].href);
    expect(file.startsWith(path.join(cacheDir, 'packages'))).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect([s.bands[0].width, s.bands[0].height]).toEqual([24, 24]);
    expect(s.bands[0].geotransform).toEqual([600000, 55, 0, 2950000, 0, -55]);
    const dirs = readdirSync(path.join(cacheDir, 'packages'));
    await svc.get('cn:CB04A_WFI_E68.0_N26.4_20220905_L2A0000112233.tar.gz');
    expect(readdirSync(path.join(cacheDir, 'packages'))).toEqual(dirs);
  });

  it('an L1A scene is returned for inspection but stays undrawable', async () => {
    const s = await svc.get('cn:GF1_WFV3_E68.0_N26.4_20220830_L1A0006677889.tar.gz');
    expect(s.drawable).toBe(false);
    expect(s.notices.join(' ')).toMatch(/gdalwarp -rpc/);
  });
});
