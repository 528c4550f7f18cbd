/** geotiff.js entry points typed for our own byte sources (GeoTIFF.fromSource duck-types them). */
import { GeoTIFF, type GeoTIFFImage } from 'geotiff';

export type { GeoTIFF, GeoTIFFImage };

export interface ByteSource {
  fetch(slices: { offset: number; length: number }[], signal?: AbortSignal): Promise<ArrayBuffer[]>;
  readonly fileSize: number | null;
  close(): Promise<void>;
}

export function fromSource(
  source: ByteSource,
  options: { cache?: boolean } = {},
  signal?: AbortSignal,
): Promise<GeoTIFF> {
  return GeoTIFF.fromSource(source as unknown as Parameters<typeof GeoTIFF.fromSource>[0], options, signal);
}
