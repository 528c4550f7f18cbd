/**
 * The Web Mercator XYZ tile grid every raster layer of the map is cut on (scenes and result masks),
 * so tiles need no reprojection by OpenLayers: 256 px tiles from the world origin, restricted to a
 * layer's extent so no tile outside it is requested, down to one zoom past the layer's pixel.
 */
import TileGrid from 'ol/tilegrid/TileGrid';

export const TILE = 256;
/** Web Mercator resolution of zoom 0 for 256 px tiles (EPSG:3857 world width / 256). */
const MERC_R0 = 156543.03392804097;
const MERC_ORIGIN: [number, number] = [-20037508.342789244, 20037508.342789244];

/**
 * @param extent the layer's footprint in EPSG:3857
 * @param mercPixel the layer's finest pixel in Web Mercator metres
 */
export function mercatorTileGrid(extent: number[], mercPixel: number): TileGrid {
  const resolutions: number[] = [];
  for (let z = 0; z <= 24; z++) {
    const r = MERC_R0 / 2 ** z;
    resolutions.push(r);
    if (r < mercPixel / 1.5) break;
  }
  return new TileGrid({ origin: MERC_ORIGIN, resolutions, extent, tileSize: TILE });
}
