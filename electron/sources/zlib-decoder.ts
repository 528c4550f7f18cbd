/**
 * DEFLATE tiles through Node's zlib instead of geotiff.js' pako: decoding, not arithmetic, is the
 * cost of a first view (14.6 s vs 7.0 s on a full scene: docs/performance.md). Registered once, for
 * the Node side only (the renderer registers its own DecompressionStream decoder).
 */
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { addDecoder, BaseDecoder } from 'geotiff';

const inflateAsync = promisify(inflate);

class NodeZlibDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const out = await inflateAsync(new Uint8Array(buffer));
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }
}

let done = false;
export function registerNodeZlib(): void {
  if (done) return;
  done = true;
  addDecoder([8, 32946], async () => NodeZlibDecoder, undefined, false);
}
