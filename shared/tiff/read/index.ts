/**
 * Nigah's one TIFF/GeoTIFF reader (pure: hosts supply bytes and the DEFLATE inflate). Directory
 * (ifd.ts for synchronous local reads; geotiff.js for remote files, through tags.ts), block decoding
 * with every codec the map shows (block.ts, codecs.ts) and window assembly (window.ts).
 */
export { blockBytes, blockError, blockName, decodeBlock, decodeBlockAsync, newArray } from './block';
export {
  type AsyncInflate,
  COMPRESSION_NAMES,
  decompressAsync,
  type Inflate,
  lzwDecode,
  needsPreparation,
  packBitsDecode,
  prepareCodecs,
  setInflate,
  unsupportedCompression,
} from './codecs';
export { imageFromGeoTiff } from './geotiff';
export { corruptTiff, readDirectory, type SyncByteReader } from './ifd';
export {
  dataTypeOf,
  epsgOfKeys,
  type GeoTags,
  gdalNodataOf,
  geoKeysOf,
  geotransformOf,
  parseGdalMetadata,
} from './tags';
export { type ReadTimes, readTimes, snapshotReadTimes } from './timing';
export type { BandMetadata, TiffFile, TiffImage } from './types';
export { type BlockReader, readImageWindow } from './window';
