/**
 * The reader's image model from a directory geotiff.js parsed (remote files, the map's workers):
 * geotiff.js reads the IFDs over the host's byte source; blocks are then decoded by this module
 * like local ones (block.ts).
 */
import type { GeoTIFFImage } from 'geotiff';
import { dataTypeOf } from './tags';
import type { TiffImage } from './types';

const num = (v: unknown, d: number): number => {
  const n =
    typeof v === 'bigint'
      ? Number(v)
      : Array.isArray(v) || ArrayBuffer.isView(v)
        ? Number((v as ArrayLike<number>)[0])
        : Number(v);
  return Number.isFinite(n) ? n : d;
};

/** The image's layout and block table (offsets and byte counts loaded now: one request, not one per block). */
export async function imageFromGeoTiff(image: GeoTIFFImage, where: string): Promise<TiffImage> {
  const fd = image.getFileDirectory();
  const tiled = fd.hasTag('TileOffsets');
  const load = (tag: number) => fd.loadValue(tag) as Promise<unknown>;
  const [offsets, byteCounts, bits, predictor, jpegTables, lerc] = await Promise.all([
    load(tiled ? 324 : 273),
    load(tiled ? 325 : 279),
    load(258),
    load(317),
    fd.hasTag(347) ? load(347) : Promise.resolve(undefined),
    fd.hasTag(50674) ? load(50674) : Promise.resolve(undefined),
  ]);
  const width = image.getWidth();
  const height = image.getHeight();
  const blockWidth = image.getTileWidth();
  const blockHeight = image.getTileHeight();
  const bitsPerSample = num(bits, 8);
  const sampleFormat = image.getSampleFormat(0);
  const list = (v: unknown) => Array.from((v ?? []) as ArrayLike<number | bigint>, Number);
  return {
    width,
    height,
    samplesPerPixel: image.getSamplesPerPixel(),
    bitsPerSample,
    sampleFormat,
    dataType: dataTypeOf(sampleFormat, bitsPerSample, where),
    planar: num(fd.getValue(284), 1),
    compression: num(fd.getValue(259), 1),
    predictor: num(predictor, 1),
    photometric: num(fd.getValue(262), 1),
    tiled,
    blockWidth,
    blockHeight,
    blocksAcross: Math.ceil(width / blockWidth),
    blocksDown: Math.ceil(height / blockHeight),
    offsets: list(offsets),
    byteCounts: list(byteCounts),
    littleEndian: image.littleEndian,
    isOverview: (num(fd.getValue(254), 0) & 1) === 1,
    ...(jpegTables ? { jpegTables: new Uint8Array(jpegTables as ArrayLike<number>) } : {}),
    ...(lerc ? { lercParameters: list(lerc) } : {}),
  };
}
