/**
 * Nigah's Cloud-Optimized GeoTIFF writer (pure TypeScript; runs in Node, workers and browsers).
 *
 * Output: little-endian TIFF (BigTIFF automatically above 4 GiB), tiled (default 512), one plane per
 * band (PlanarConfiguration 2 when > 1 band), uint8/uint16/int16/float32/float64, DEFLATE through an
 * injected compressor (TIFF compression 8, zlib stream), predictor 2 (integers, default) or 3 (floats,
 * optional), internal overviews halving until one tile (average skipping nodata/NaN, or nearest),
 * GeoTIFF keys (PixelScale+Tiepoint or ModelTransformation; EPSG via ProjectedCSTypeGeoKey or
 * GeographicTypeGeoKey; PixelIsArea), GDAL_NODATA (42113), GDAL_METADATA (42112) for band
 * description/scale/offset, and GDAL's COG layout (ghost header, IFDs first, tiles smallest overview
 * first, 4-byte size leader + last-4-bytes trailer). `gdalinfo` reports LAYOUT=COG and GDAL's
 * validate_cloud_optimized_geotiff.py passes (see test/tiff).
 *
 * Small rasters (everything in memory):
 *   const chunks = writeCog({ width, height, dataType: 'float32', nodata: NaN,
 *     geo: { epsg: 32642, transform: [x0, 10, 0, y0, 0, -10] },
 *     data: [ndvi], compress: (b) => zlib.deflateSync(b, { level: 6 }) });
 *   // write chunks in order (e.g. fs.writeFileSync(tmp, Buffer.concat(chunks)) then rename)
 *
 * Big rasters (bounded memory, parallel compression):
 *   const layout = planCog({ width, height, dataType, nodata, geo, bands: 1, resampling: 'average' });
 *   // layout.levels[l] = { width, height, tilesAcross, tilesDown, tilesPerBand }
 *   const pyramid = new OverviewPyramid(layout, (level, band, tx, ty, pixels) => compressAndStore(...));
 *   for each full-res tile (any order): pixels = tileSize² samples (pad with nodata/NaN; extractTile
 *     helps), then compressAndStore(0, band, tx, ty, pixels) and pyramid.push(0, band, tx, ty, pixels).
 *   compressAndStore: bytes = encodeTile(layout, pixels, deflate)  // pure: run it in a worker thread
 *     and either asm.addTile(level, band, ty * layout.levels[level].tilesAcross + tx, bytes)
 *     (CogAssembler keeps compressed tiles in memory; asm.finish() → Uint8Array[] chunks),
 *     or spool bytes to a temp file and remember their sizes, then
 *     const { header, order } = buildCogHeader(layout, (slot) => size(slot));
 *     write header, then for each slot in order: ...frameTile(bytesOf(slot)) (leader, bytes, trailer).
 */
export {
  buildCogHeader,
  CogAssembler,
  type CogHeader,
  frameTile,
  ghostHeader,
  TILE_FRAME_BYTES,
  type TileSlot,
  tileLeader,
  tileOrder,
  tileTrailer,
} from './assemble';
export { concatChunks, type WriteCogOptions, writeCog } from './cog';
export { type Compressor, encodeTile, tileBytes } from './encode';
export {
  BYTES_PER_SAMPLE,
  type CogBandMetadata,
  type CogDataType,
  type CogGeo,
  type CogLayout,
  type CogLevel,
  type CogOptions,
  extractTile,
  fillValue,
  isFloat,
  newPixels,
  planCog,
  type Resampling,
  type TypedPixels,
} from './layout';
export { OverviewPyramid, reduceTile, type TileSink } from './overview';
