/**
 * DEFLATE tiles that geotiff.js decodes itself (readPreview's readRasters) go through the reader's
 * Node inflate instead of pako: zlib is 2.5–4× faster per tile (docs/performance.md), and the output
 * is held to the tile's declared size, as everywhere else. Registered once, for the Node side only.
 */
import { addDecoder, BaseDecoder } from 'geotiff';
import { nodeInflate } from '../engine/decode';

class NodeZlibDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const p = this.parameters as { tileWidth: number; tileHeight: number; bitsPerSample: number | number[] };
    const bits = Array.isArray(p.bitsPerSample) ? p.bitsPerSample : [p.bitsPerSample];
    const max = (p.tileWidth * p.tileHeight * bits.reduce((s, b) => s + b, 0)) / 8;
    const out = nodeInflate(new Uint8Array(buffer), Math.ceil(max));
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }
}

let done = false;
export function registerNodeZlib(): void {
  if (done) return;
  done = true;
  addDecoder([8, 32946], async () => NodeZlibDecoder, undefined, false);
}
