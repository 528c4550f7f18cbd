/**
 * A downloaded openEO result as an analysis result the app shows like its own: the mask layer on
 * the map, the areas (counted here from the downloaded mask, per row area of the grid) and, with a
 * boundary layer, the per-zone table computed locally.
 */
import { closeSync, openSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { areaUnits, rowAreas } from '../../shared/analysis/area';
import type { AnalysisJobResult } from '../../shared/contract';
import { defaultWaterIndexFor, expressionOf, waterThreshold } from '../../shared/openeo/analyses';
import { getCollection } from '../../shared/openeo/collections';
import { floodThresholds } from '../../shared/openeo/flood';
import type { AnalysisRequest } from '../../shared/openeo/request';
import type { Scene } from '../../shared/scene';
import { readWindow } from '../engine/decode';
import { zonalStatsOfRaster } from '../engine/raster-stats';
import { readTiffFile } from '../engine/tiff-file';

type Area = { pixels: number; km2: number; ha: number };

/** Area of the 1s of each band of a mask file. */
function maskAreas(file: string): {
  areas: Area[];
  valid: Area;
  crs: string;
  gt: AnalysisJobResult['mask']['geotransform'];
  width: number;
  height: number;
} {
  const f = readTiffFile(file);
  const img = f.images[0];
  const gt = f.geotransform as AnalysisJobResult['mask']['geotransform'];
  const crs = `EPSG:${f.epsg}`;
  const rows = rowAreas(gt, img.height, crs);
  const fd = openSync(file, 'r');
  try {
    const bands = readWindow(fd, img, [...Array(img.samplesPerPixel).keys()], 0, 0, img.width, img.height);
    const count = (b: ArrayLike<number>, test: (v: number) => boolean): Area => {
      let px = 0;
      let m2 = 0;
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < img.width; x++)
          if (test(b[y * img.width + x])) {
            px++;
            m2 += rows[y];
          }
      return { pixels: px, ...areaUnits(m2) };
    };
    return {
      areas: bands.map((b) => count(b, (v) => v === 1)),
      valid: count(bands[0], (v) => v === 0 || v === 1),
      crs,
      gt,
      width: img.width,
      height: img.height,
    };
  } finally {
    closeSync(fd);
  }
}

function summaryOf(req: AnalysisRequest, jobId: string, backend: string, m: ReturnType<typeof maskAreas>) {
  const flood = req.analysis === 'flood';
  const collection = getCollection(req.collection);
  const index =
    req.analysis === 'index' ? (req.index ?? '') : (req.index ?? defaultWaterIndexFor(collection));
  const manual = (value: number) => ({ value, method: 'manual' });
  const range = (t?: [string, string]) => (t ? { datetime: `${t[0]}/${t[1]}`, id: null } : undefined);
  let thresholds = {};
  if (flood && req.pre && req.post) {
    const t = floodThresholds({ ...req, collection, pre: req.pre, post: req.post });
    thresholds = { thresholds: { post: manual(t.post), pre: manual(t.pre), ndviPre: t.ndvi } };
  } else if (req.analysis === 'water')
    thresholds = { threshold: manual(waterThreshold(index, req.threshold)) };
  return {
    analysis: req.analysis,
    index: expressionOf(index).label,
    area: m.areas[0],
    ...(flood && m.areas[1] ? { cropland: m.areas[1] } : {}),
    validArea: m.valid,
    ...thresholds,
    scenes: flood ? { pre: range(req.pre), post: range(req.post) } : { post: range(req.datetime) },
    method: `openEO batch job ${jobId} on ${backend} (${req.collection}); masks counted and tabulated on this computer`,
    openeo: { backend, job: jobId, collection: req.collection, bbox: req.bbox },
  };
}

export async function resultOf(
  scene: Scene,
  req: AnalysisRequest,
  ids: { jobId: string; backend: string },
  zonesPath?: string,
): Promise<AnalysisJobResult> {
  const file = fileURLToPath(scene.bands[0].href);
  const m = maskAreas(file);
  const result: AnalysisJobResult = {
    summary: summaryOf(req, ids.jobId, ids.backend, m),
    mask: { href: scene.bands[0].href, crs: m.crs, width: m.width, height: m.height, geotransform: m.gt },
    artifacts: [
      {
        name: 'openEO result (GeoTIFF)',
        href: scene.bands[0].href,
        mediaType: 'image/tiff; application=geotiff',
        bytes: statSync(file).size,
      },
    ],
  };
  if (zonesPath) {
    const flood = await zonalStatsOfRaster(file, zonesPath, 1);
    const crop = m.areas.length > 1 ? await zonalStatsOfRaster(file, zonesPath, 2) : null;
    result.zones = flood.zones.map((z, i) => ({
      id: z.id,
      name: z.name,
      zoneKm2: z.areaKm2,
      km2: z.maskKm2,
      ha: z.maskHa,
      sharePct: z.maskSharePct,
      observedKm2: z.validKm2,
      ...(crop ? { croplandKm2: crop.zones[i].maskKm2 } : {}),
    }));
    result.zonesNote = 'Zone areas are the part of each zone inside the openEO result.';
  }
  return result;
}
