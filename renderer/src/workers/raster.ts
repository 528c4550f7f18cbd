/**
 * Reading band pixels from COGs with geotiff.js, in a worker. GeoTIFF objects are cached per URL;
 * for each display tile the overview is chosen for its resolution and every band is sampled
 * (nearest neighbour) at the tile's pixel positions with its own geotransform, so 20 m bands land
 * on the same output pixels as 10 m ones.
 *
 * Pixels are taken straight from decoded TIFF blocks (an LRU cache per worker) rather than through
 * readRasters(): in our profile readRasters spent as long copying each window pixel by pixel through
 * a DataView as inflating it, and neighbouring display tiles decode the same COG blocks again. The
 * tile offset/byte-count arrays are loaded whole at open, so a block costs one range request, not
 * three. geotiff.js parses the directories over HTTP ranges; blocks are decoded by Nigah's one
 * reader (shared/tiff/read), with the browser's DecompressionStream as its inflate: every codec the
 * engine reads, the map shows, and a tile that inflates beyond its size is refused.
 */
import { fromUrl, type GeoTIFF, getDecoder } from 'geotiff';
import { NigahError } from '../../../shared/errors';
import {
  type AsyncInflate,
  decodeBlockAsync,
  imageFromGeoTiff,
  type TiffImage,
} from '../../../shared/tiff/read';
import type { RenderBand } from './protocol';
import type { WarpGrid } from './warp';

type Block = ArrayLike<number>;

/**
 * DEFLATE through the browser's native DecompressionStream instead of pako: on a 512 × 512 block of
 * the sample Sentinel-2 COG, 7.0 ms against 10.0 ms in headless Chromium (docs/performance.md). TIFF
 * DEFLATE (8, and the old 32946) is zlib-wrapped, i.e. the 'deflate' format. Output stops at the
 * block's declared size.
 */
const nativeInflate: AsyncInflate | undefined =
  typeof DecompressionStream === 'undefined'
    ? undefined
    : async (bytes, maxBytes) => {
        const out = new Uint8Array(maxBytes);
        let n = 0;
        const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
          .stream()
          .pipeThrough(new DecompressionStream('deflate'));
        const reader = stream.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (n + value.length > maxBytes) {
            await reader.cancel();
            throw new Error(`it inflates beyond the ${maxBytes} bytes its size allows`);
          }
          out.set(value, n);
          n += value.length;
        }
        return out.subarray(0, n);
      };

interface ImageInfo {
  tiff: GeoTIFF;
  /** The reader's model of this image (layout, block table, codec). */
  layout: TiffImage;
  index: number;
  width: number;
  height: number;
  /** Block (tile or strip) size. */
  bw: number;
  bh: number;
  /** Samples interleaved in a block (1 for planar configuration 2). */
  stride: number;
  planar: number;
}

interface OpenedTiff {
  tiff: GeoTIFF;
  /** Full-resolution image first, then overviews by decreasing width; masks excluded. */
  images: ImageInfo[];
}

async function describeImage(tiff: GeoTIFF, index: number, where: string): Promise<ImageInfo> {
  const layout = await imageFromGeoTiff(await tiff.getImage(index), where);
  return {
    tiff,
    layout,
    index,
    width: layout.width,
    height: layout.height,
    bw: layout.blockWidth,
    bh: layout.blockHeight,
    stride: layout.planar === 1 ? layout.samplesPerPixel : 1,
    planar: layout.planar,
  };
}

async function openTiff(url: string): Promise<OpenedTiff> {
  let tiff: GeoTIFF;
  try {
    // 256 KB blocks, cached: small COGs arrive in a request or two, big ones by range.
    const options = { allowFullFile: true, blockSize: 256 * 1024, cacheSize: 64 };
    tiff = await fromUrl(url, options as Parameters<typeof fromUrl>[1]);
    const count = await tiff.getImageCount();
    const images: ImageInfo[] = [];
    for (let i = 0; i < count; i++) {
      const image = await tiff.getImage(i);
      // NewSubfileType bit 2 (value 4) marks transparency masks: not data.
      const subfile = Number(image.getFileDirectory().getValue('NewSubfileType') ?? 0);
      if (subfile & 4) continue;
      images.push(await describeImage(tiff, i, fileOf(url)));
    }
    images.sort((a, b) => b.width - a.width);
    return { tiff, images };
  } catch (e) {
    throw readError(url, e);
  }
}

function fileOf(url: string): string {
  let href = url;
  try {
    href = new URL(url).searchParams.get('href') ?? url;
  } catch {
    // keep the URL
  }
  return href.split('/').pop() ?? href;
}

function readError(url: string, e: unknown): NigahError {
  if (e instanceof NigahError) return e;
  let href = url;
  try {
    href = new URL(url).searchParams.get('href') ?? url;
  } catch {
    // keep the URL
  }
  const file = href.split('/').pop() ?? href;
  const msg = e instanceof Error ? e.message : String(e);
  if (/\b404\b|not found/i.test(msg)) {
    return new NigahError('NOT_FOUND', `The band file ${file} is missing.`, {
      hint: 'Regenerate the sample data (npm run sample-data) or check the source folder.',
      details: { href },
    });
  }
  return new NigahError('CORRUPT_TIFF', `The band file ${file} could not be read as a GeoTIFF (${msg}).`, {
    hint: 'The file may be truncated or not a GeoTIFF; re-download or regenerate it.',
    details: { href },
  });
}

const opened = new Map<string, Promise<OpenedTiff>>();

export function getTiff(url: string): Promise<OpenedTiff> {
  let p = opened.get(url);
  if (!p) {
    p = openTiff(url);
    opened.set(url, p);
    // Let a failed open be retried later (file fixed, host back).
    p.catch(() => opened.delete(url));
  }
  return p;
}

/**
 * Loads the JPEG codec's module now, so the first JPEG tile does not wait for its import (DEFLATE,
 * LZW and PackBits are built into the reader).
 */
export function warmDecoders(): void {
  const params = { tileWidth: 1, tileHeight: 1, planarConfiguration: 1, bitsPerSample: 8, predictor: 1 };
  getDecoder(7, params).catch(() => {});
}

// --- decoded blocks, LRU -------------------------------------------------------------------------

const MAX_BLOCKS = 384;
const blocks = new Map<string, Promise<Block>>();

function blockKey(url: string, info: ImageInfo, bx: number, by: number, sample: number): string {
  return `${url}|${info.index}|${bx}|${by}|${sample}`;
}

async function decodeBlock(url: string, info: ImageInfo, bx: number, by: number, sample: number) {
  const img = info.layout;
  const index =
    (img.planar === 2 ? sample * img.blocksAcross * img.blocksDown : 0) + by * img.blocksAcross + bx;
  const source = info.tiff.source as unknown as {
    fetch(slices: { offset: number; length: number }[]): Promise<ArrayBuffer[]>;
  };
  const length = img.byteCounts[index];
  const [bytes] = length
    ? await source.fetch([{ offset: img.offsets[index], length }])
    : [new ArrayBuffer(0)];
  const { data } = await decodeBlockAsync(img, new Uint8Array(bytes), fileOf(url), index, nativeInflate);
  return data as Block;
}

function getBlock(url: string, info: ImageInfo, bx: number, by: number, band: number, signal?: AbortSignal) {
  // Pixel-interleaved files hold every band in one block: decode it once for all of them.
  const sample = info.planar === 1 ? 0 : band;
  const key = blockKey(url, info, bx, by, sample);
  let p = blocks.get(key);
  if (p) {
    blocks.delete(key);
    blocks.set(key, p);
    return p;
  }
  // Not tied to this request's signal: another tile may want the same block.
  p = decodeBlock(url, info, bx, by, sample);
  blocks.set(key, p);
  p.catch(() => blocks.delete(key));
  while (blocks.size > MAX_BLOCKS) blocks.delete(blocks.keys().next().value as string);
  void signal;
  return p;
}

/** Offset of (col, row) of `sample` inside its block. */
function within(info: ImageInfo, c: number, r: number, sample: number): number {
  const i = (r % info.bh) * info.bw + (c % info.bw);
  return info.planar === 1 ? i * info.stride + sample : i;
}

// --- sampling --------------------------------------------------------------------------------------

/** The coarsest image whose pixel is not coarser than `resolution` (scene units per output pixel). */
export function pickImage(images: ImageInfo[], band: RenderBand, resolution: number): ImageInfo {
  const base = Math.abs(band.geotransform[1]);
  let chosen = images[0];
  for (const info of images) {
    const pixel = (base * band.width) / info.width;
    // Accept an overview up to 1.2× coarser than the screen pixel rather than decode 4× the data
    // (the same spirit as GDAL's overview oversampling threshold); the difference is not visible.
    if (pixel <= resolution * 1.2) chosen = info;
  }
  return chosen;
}

/**
 * Samples one band at the scene-CRS positions of a warp grid, as raw DN in a Float32Array; NaN
 * where a position falls outside the band. Nodata stays as its DN so the shared kernels apply the
 * band's own nodata rule.
 */
export async function sampleBand(
  band: RenderBand,
  grid: WarpGrid,
  signal?: AbortSignal,
): Promise<{ data: Float32Array; inside: number }> {
  const n = grid.width * grid.height;
  const out = new Float32Array(n).fill(Number.NaN);
  const [minX, minY, maxX, maxY] = grid.bounds;
  const { images } = await getTiff(band.url);
  const info = pickImage(images, band, grid.resolution);
  const gt = band.geotransform;
  const px = (gt[1] * band.width) / info.width; // > 0
  const py = (gt[5] * band.height) / info.height; // < 0 for north-up
  // Pixel window covering the tile, clamped to the image.
  const c0 = Math.max(0, Math.floor((minX - gt[0]) / px));
  const c1 = Math.min(info.width, Math.ceil((maxX - gt[0]) / px));
  const r0 = Math.max(0, Math.floor((maxY - gt[3]) / py));
  const r1 = Math.min(info.height, Math.ceil((minY - gt[3]) / py));
  if (c1 <= c0 || r1 <= r0) return { data: out, inside: 0 };
  const bx0 = Math.floor(c0 / info.bw);
  const bx1 = Math.floor((c1 - 1) / info.bw);
  const by0 = Math.floor(r0 / info.bh);
  const by1 = Math.floor((r1 - 1) / info.bh);
  const nbx = bx1 - bx0 + 1;
  const loaded: Promise<Block>[] = [];
  for (let by = by0; by <= by1; by++)
    for (let bx = bx0; bx <= bx1; bx++) loaded.push(getBlock(band.url, info, bx, by, band.sample, signal));
  let grid2: Block[];
  try {
    grid2 = await Promise.all(loaded);
  } catch (e) {
    throw readError(band.url, e);
  }
  if (signal?.aborted) throw new NigahError('CANCELLED', 'Tile request cancelled.');
  const { xs, ys } = grid;
  const ox = gt[0];
  const oy = gt[3];
  const { bw, bh } = info;
  const stride = info.planar === 1 ? info.stride : 1;
  const off = info.planar === 1 ? band.sample : 0;
  let inside = 0;
  for (let k = 0; k < n; k++) {
    const c = Math.floor((xs[k] - ox) / px);
    const r = Math.floor((ys[k] - oy) / py);
    if (c < c0 || c >= c1 || r < r0 || r >= r1) continue;
    const bx = (c / bw) | 0;
    const by = (r / bh) | 0;
    const block = grid2[(by - by0) * nbx + (bx - bx0)];
    out[k] = block[((r - by * bh) * bw + (c - bx * bw)) * stride + off];
    inside++;
  }
  return { data: out, inside };
}

/** The raw DN at one scene-CRS point at full resolution, or null outside the band. */
export async function readPixel(band: RenderBand, x: number, y: number): Promise<number | null> {
  const gt = band.geotransform;
  const c = Math.floor((x - gt[0]) / gt[1]);
  const r = Math.floor((y - gt[3]) / gt[5]);
  if (c < 0 || r < 0 || c >= band.width || r >= band.height) return null;
  const { images } = await getTiff(band.url);
  const info = images[0];
  try {
    const block = await getBlock(
      band.url,
      info,
      Math.floor(c / info.bw),
      Math.floor(r / info.bh),
      band.sample,
    );
    return Number(block[within(info, c, r, band.sample)]);
  } catch (e) {
    throw readError(band.url, e);
  }
}

/** Physical-value percentiles of a band, for display stretches. */
export interface BandStats {
  p2: number;
  p50: number;
  p98: number;
}

const stats = new Map<string, Promise<BandStats>>();

/**
 * A band's percentiles, computed once per worker. Every worker computes the same numbers from the
 * same overview, so tiles from different workers match, and no tile waits for a separate round
 * trip through the UI thread.
 */
export function bandStats(band: RenderBand): Promise<BandStats> {
  const key = `${band.url}|${band.sample}|${band.scale}|${band.offset}`;
  let p = stats.get(key);
  if (!p) {
    p = bandPercentiles(band, [2, 50, 98]).then(([p2, p50, p98]) => ({ p2, p50, p98 }));
    stats.set(key, p);
    p.catch(() => stats.delete(key));
  }
  return p;
}

/** Physical-value percentiles of a band from a small overview (the smallest ≥ 128 px wide). */
export async function bandPercentiles(band: RenderBand, percentiles: number[]): Promise<number[]> {
  const { images } = await getTiff(band.url);
  const candidates = images.filter((im) => im.width >= 128);
  const info = candidates.length ? candidates[candidates.length - 1] : images[0];
  const nbx = Math.ceil(info.width / info.bw);
  const nby = Math.ceil(info.height / info.bh);
  const values = new Float64Array(info.width * info.height);
  let count = 0;
  const nd = band.nodata;
  try {
    const all: Promise<Block>[] = [];
    for (let by = 0; by < nby; by++)
      for (let bx = 0; bx < nbx; bx++) all.push(getBlock(band.url, info, bx, by, band.sample));
    const got = await Promise.all(all);
    for (let by = 0; by < nby; by++) {
      for (let bx = 0; bx < nbx; bx++) {
        const block = got[by * nbx + bx];
        const h = Math.min(info.bh, info.height - by * info.bh);
        const w = Math.min(info.bw, info.width - bx * info.bw);
        for (let r = 0; r < h; r++) {
          for (let c = 0; c < w; c++) {
            const v = block[within(info, c, r, band.sample)];
            if (v === nd || Number.isNaN(v)) continue;
            values[count++] = v * band.scale + band.offset;
          }
        }
      }
    }
  } catch (e) {
    throw readError(band.url, e);
  }
  if (count === 0) return percentiles.map(() => Number.NaN);
  // Typed-array sort is numeric and native: ~10× faster than sorting a JS array with a comparator.
  const sorted = values.subarray(0, count).sort();
  return percentiles.map(
    (p) => sorted[Math.min(count - 1, Math.max(0, Math.round((p / 100) * (count - 1))))],
  );
}
