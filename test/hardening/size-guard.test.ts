/**
 * A 10⁶ × 10⁶ raster (a valid header, 10¹² pixels) is refused at once with its size and what to do,
 * instead of running for minutes without progress.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { closeSharedPool } from '../../electron/engine/pool';

const SIZE = 1_000_000;
const TILE = 65536;
let dir: string;
let big: string;

/** Classic little-endian TIFF: SIZE² uint16, 65536² DEFLATE tiles all pointing at one tiny stream. */
function hugeTiff(): Buffer {
  const across = Math.ceil(SIZE / TILE);
  const n = across * across;
  const tile = deflateSync(Buffer.alloc(16));
  const tags: [number, number, number[]][] = [
    [256, 4, [SIZE]],
    [257, 4, [SIZE]],
    [258, 3, [16]],
    [259, 3, [8]],
    [262, 3, [1]],
    [277, 3, [1]],
    [284, 3, [1]],
    [322, 4, [TILE]],
    [323, 4, [TILE]],
    [324, 4, Array(n).fill(0)],
    [325, 4, Array(n).fill(tile.length)],
    [339, 3, [1]],
    [33550, 12, [10, 10, 0]],
    [33922, 12, [0, 0, 0, 600000, 3000000, 0]],
    [34735, 3, [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32642]],
  ];
  const size = (t: number) => (t === 3 ? 2 : t === 4 ? 4 : 8);
  const ifdAt = 8;
  const ifdLen = 2 + tags.length * 12 + 4;
  let extra = ifdAt + ifdLen;
  const chunks: Buffer[] = [];
  const ifd = Buffer.alloc(ifdLen);
  ifd.writeUInt16LE(tags.length, 0);
  tags.forEach(([tag, type, values], i) => {
    const o = 2 + i * 12;
    ifd.writeUInt16LE(tag, o);
    ifd.writeUInt16LE(type, o + 2);
    ifd.writeUInt32LE(values.length, o + 4);
    const data = Buffer.alloc(values.length * size(type));
    values.forEach((v, k) => {
      if (type === 3) data.writeUInt16LE(v, k * 2);
      else if (type === 4) data.writeUInt32LE(v, k * 4);
      else data.writeDoubleLE(v, k * 8);
    });
    if (data.length <= 4) data.copy(ifd, o + 8);
    else {
      ifd.writeUInt32LE(extra, o + 8);
      chunks.push(data);
      extra += data.length;
    }
  });
  const head = Buffer.from([0x49, 0x49, 42, 0, ifdAt, 0, 0, 0]);
  const body = Buffer.concat([head, ifd, ...chunks]);
  // Every tile offset points at the one stream appended at the end.
  const offsetsTag = tags.findIndex(([t]) => t === 324);
  const offsetsAt = ifd.readUInt32LE(2 + offsetsTag * 12 + 8);
  for (let k = 0; k < n; k++) body.writeUInt32LE(body.length, offsetsAt + k * 4);
  return Buffer.concat([body, tile]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nigah-size-'));
  big = join(dir, 'huge.tif');
  writeFileSync(big, hugeTiff());
  writeFileSync(
    join(dir, 'zones.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'A' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [68, 26],
                [69, 26],
                [69, 27],
                [68, 26],
              ],
            ],
          },
        },
      ],
    }),
  );
});
afterAll(async () => {
  await closeSharedPool();
});

async function runCli(argv: string[]) {
  let out = '';
  let err = '';
  const t0 = Date.now();
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, ms: Date.now() - t0 };
}

describe('size guard', () => {
  it('index on a 10⁶ × 10⁶ scene is refused at once, naming the size and what to do', async () => {
    const r = await runCli([
      'index',
      big,
      '--bands',
      'red=1',
      '--index',
      'red * 2',
      '--out',
      join(dir, 'o.tif'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/1,000,000 × 1,000,000 pixels \(1\.00e\+3 billion\)/);
    expect(r.err).toMatch(/gdal_translate -projwin/);
  });

  it('stats on it too', async () => {
    const r = await runCli([
      'stats',
      big,
      '--zones',
      join(dir, 'zones.geojson'),
      '--csv',
      join(dir, 'o.csv'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/1,000,000 × 1,000,000 pixels/);
  });
});
