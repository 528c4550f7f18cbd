/**
 * A map page assembled from what the user chose: the scene (true colour or an index), a result
 * mask laid over it, district outlines, the texts of the page in its language (title, legend,
 * method, sources, producer) and the layout. Used by the CLI, the exports service and the report.
 */
import { rampStops } from '../../shared/analysis/colormap';
import { NigahError } from '../../shared/errors';
import { type Extent, fitExtent, formatNumber } from '../../shared/export/carto';
import type { ClassLegend, Lang, LegendEntry, MapDocument } from '../../shared/export/document';
import type { ExportLayer } from '../../shared/export/layers';
import { mapLayout } from '../../shared/export/layout';
import { type PageSpec, pointsToPixels } from '../../shared/export/page';
import { fromLonLat, rasterBounds, toLonLat } from '../../shared/proj';
import type { Scene } from '../../shared/scene';
import { bandSources, finestGrid, sceneRoles, sensorName, tiffOf } from '../engine/scene-input';
import { overlayResult, pageVectors, resultSpec, sceneRaster, sceneSpec } from './compose-layers';
import type { PageContent } from './draw-page';
import { exportT } from './i18n';
import { type IndexLayer, mapFrame, type RasterLayer } from './map-image';
import type { BoundaryContext } from './zones';
import { zonesNear } from './zones';

/** Flood violet and water cyan, as on the app's map (renderer/src/panels/maskStyle.ts). */
export const MASK_RGB: Record<'flood' | 'water', [number, number, number]> = {
  flood: [150, 40, 255],
  water: [6, 182, 212],
};

/** What the method block states about a water or flood mask. */
export interface MethodFacts {
  kind: 'flood' | 'water';
  index: string;
  post: number;
  pre?: number;
  /** otsu | tiled-otsu | manual | recorded */
  how: string;
  ndvi?: number | null;
  cloudKm2?: number | null;
  nodataKm2?: number | null;
}

/** Facts written into a mask COG's metadata by the engine (NIGAH_INDEX, NIGAH_THRESHOLD…). */
export function factsFromMask(path: string): MethodFacts | null {
  const m = tiffOf(path).metadata;
  if (!m.NIGAH_INDEX) return null;
  if (m.NIGAH_THRESHOLD_POST)
    return {
      kind: 'flood',
      index: m.NIGAH_INDEX,
      post: Number(m.NIGAH_THRESHOLD_POST),
      pre: Number(m.NIGAH_THRESHOLD_PRE),
      how: 'recorded',
    };
  return {
    kind: 'water',
    index: m.NIGAH_INDEX,
    post: Number(m.NIGAH_THRESHOLD),
    how: m.NIGAH_METHOD ?? 'recorded',
  };
}

export interface MapPageRequest {
  scene: Scene;
  /** The pre-event scene of a flood pair. */
  pre?: Scene | null;
  index?: string;
  mask?: string;
  facts?: MethodFacts | null;
  zonesFile?: string;
  title?: string;
  /** The visible layers, bottom first (default: the scene view, the mask, the zones file). */
  layers?: ExportLayer[];
  /** Map extent in lon/lat [west, south, east, north]; default the scene's. */
  bbox?: [number, number, number, number];
  lang: Lang;
  page: PageSpec;
  /** Resolution of the map raster (≥ 300 for PDF). */
  dpi: number;
  producer?: string;
  version: string;
  boundaries: BoundaryContext;
  now?: Date;
}

/** The date of a scene; isolated left to right inside Urdu text (U+2066 … U+2069). */
export const day = (iso: string | null | undefined, lang: Lang) =>
  iso ? (lang === 'ur' ? `\u2066${iso.slice(0, 10)}\u2069` : iso.slice(0, 10)) : exportT(lang)('noDate');

function methodLines(
  req: MapPageRequest,
  label: string | null,
  formula: string | null,
  view: string,
): string[] {
  const t = exportT(req.lang);
  const f = req.facts;
  const out: string[] = [];
  if (!label) out.push(view === 'truecolor' ? t('trueColour') : t(`compositeLegend.${view}`));
  if (label && formula) out.push(t('methodIndex', { index: label, formula }));
  else if (label) out.push(t('methodExpression', { expression: label }));
  if (f) {
    const how = t(`how.${f.how}`, { defaultValue: f.how });
    const v = (x: number) => formatNumber(x, 'en', 3);
    if (f.kind === 'flood' && f.pre !== undefined)
      out.push(t('methodThresholdPair', { index: f.index, post: v(f.post), pre: v(f.pre), how }));
    else out.push(t('methodThreshold', { index: f.index, value: v(f.post), how }));
    if (f.ndvi !== undefined && f.ndvi !== null) out.push(t('methodCropland', { value: v(f.ndvi) }));
    if (f.cloudKm2 !== undefined && f.cloudKm2 !== null)
      out.push(
        t('methodCloud', {
          km2: formatNumber(f.cloudKm2, req.lang, 2),
          nodata: formatNumber(f.nodataKm2 ?? 0, req.lang, 2),
        }),
      );
    else out.push(t('methodCloudUnknown'));
    out.push(t('methodArea'));
  }
  return out;
}

async function sourceLines(
  req: MapPageRequest,
  credits: string[],
  zonesFromFile: boolean,
): Promise<string[]> {
  const t = exportT(req.lang);
  const scenes = [req.pre, req.scene].filter((s): s is Scene => !!s);
  const out = scenes.map((s) =>
    t('sensorScene', { sensor: sensorName(s), id: s.id, date: day(s.datetime, req.lang) }),
  );
  for (const s of scenes) if (s.provenance.attribution) out.push(s.provenance.attribution);
  const zonesAttr = await req.boundaries.attributionOf(req.zonesFile);
  if (zonesAttr && zonesFromFile) out.push(t('osm', { attribution: zonesAttr }));
  out.push(...credits);
  out.push(t('naturalEarth'));
  return [...new Set(out)];
}

interface LegendExtras {
  view: string;
  maskShown: boolean;
  cloud: boolean;
  layerClasses: ClassLegend['classes'];
  /** The named outlines come from req.zonesFile (not from the layer list). */
  zonesFromFile: boolean;
}

function legendFor(
  req: MapPageRequest,
  zonesName: string | null,
  layer: RasterLayer & { label?: string; range?: [number, number]; ramp?: string },
  x: LegendExtras,
): LegendEntry[] {
  const t = exportT(req.lang);
  const out: LegendEntry[] = [];
  if (layer.ramp && layer.range) {
    const [lo, hi] = layer.range;
    out.push({
      kind: 'ramp',
      title: t('indexUnit', { index: layer.label }),
      stops: rampStops(layer.ramp, lo, hi),
      labels: [lo, (lo + hi) / 2, hi].map((v) => formatNumber(v, req.lang, 2)),
    });
  } else
    out.push({
      kind: 'classes',
      title: x.view === 'truecolor' ? t('trueColourLegend') : t(`compositeLegend.${x.view}`),
      classes: [],
    });
  const classes: { label: string; color: string; outline?: boolean }[] = [];
  if (x.cloud) classes.push({ label: t('cloudClass'), color: 'rgb(128,128,128)' });
  if (req.mask && x.maskShown) {
    const kind = req.facts?.kind ?? 'flood';
    classes.push({
      label: t(kind === 'flood' ? 'flooded' : 'water'),
      color: `rgb(${MASK_RGB[kind].join(',')})`,
    });
  }
  if (classes.length) out.push({ kind: 'classes', title: '', classes: classes.splice(0) });
  if (x.layerClasses.length) out.push({ kind: 'classes', title: t('layersLegend'), classes: x.layerClasses });
  if (x.zonesFromFile) {
    const label =
      zonesName && zonesName.length < 60 ? t('boundariesNamed', { name: zonesName }) : t('districts');
    classes.push({ label, color: '#222222', outline: true });
  }
  if (classes.length) out.push({ kind: 'classes', title: '', classes });
  return out;
}

/** A lon/lat box in the scene's CRS (the projected box around its edges, sampled). */
export function bboxExtent(b: [number, number, number, number], crs: string): Extent {
  const [w, s, e, n] = b;
  if (!(e > w && n > s))
    throw new NigahError('BAD_ARGUMENT', `The map extent ${b.join(',')} is empty.`, {
      hint: 'Give west,south,east,north in degrees, west < east and south < north.',
    });
  const edge: [number, number][] = [];
  for (let i = 0; i <= 8; i++) {
    const t = i / 8;
    edge.push([w + (e - w) * t, s], [w + (e - w) * t, n], [w, s + (n - s) * t], [e, s + (n - s) * t]);
  }
  const pts = fromLonLat(crs, edge);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The lon/lat box around a projected extent (its corners). */
function lonLatBox(crs: string, extent: Extent): [number, number, number, number] {
  const ll = toLonLat(crs, [
    [extent[0], extent[1]],
    [extent[2], extent[3]],
    [extent[0], extent[3]],
    [extent[2], extent[1]],
  ]);
  const lons = ll.map((p) => p[0]);
  const lats = ll.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Title, subtitle, footer and headings of the page. */
function titles(
  req: MapPageRequest,
  layer: RasterLayer,
  view: string,
): Pick<MapDocument, 'lang' | 'page' | 'title' | 'subtitle' | 'footer' | 'headings'> {
  const t = exportT(req.lang);
  const what = req.facts
    ? t(req.facts.kind === 'flood' ? 'floodTitle' : 'waterTitle')
    : 'label' in layer
      ? (layer.label as string)
      : view === 'truecolor'
        ? t('trueColourShort')
        : t(`compositeLegend.${view}`);
  return {
    lang: req.lang,
    page: req.page,
    title: req.title ?? t('mapTitle', { sensor: sensorName(req.scene), what }),
    subtitle: req.pre
      ? t('subtitlePair', { pre: day(req.pre.datetime, req.lang), post: day(req.scene.datetime, req.lang) })
      : t('subtitleOne', { date: day(req.scene.datetime, req.lang) }),
    footer: t('footer', {
      producer: req.producer?.trim() || t('anonymous'),
      version: req.version,
      date: (req.now ?? new Date()).toISOString().slice(0, 10),
    }),
    headings: { method: t('method'), sources: t('sources'), legend: t('legend'), north: t('north') },
  };
}

/** Everything needed to draw the page (the raster is read here: the slow part). */
export async function composeMapPage(req: MapPageRequest): Promise<PageContent> {
  const t = exportT(req.lang);
  const synthetic = req.scene.synthetic || !!req.pre?.synthetic;
  const layout = mapLayout(req.page, { synthetic });
  const grid = finestGrid(bandSources(req.scene, sceneRoles(req.scene).slice(0, 1)));
  const extent = fitExtent(
    req.bbox ? bboxExtent(req.bbox, grid.crs) : rasterBounds(grid.gt, grid.width, grid.height),
    layout.map.w,
    layout.map.h,
  );
  const frame = mapFrame(
    grid.crs,
    extent,
    pointsToPixels(layout.map.w, req.dpi),
    pointsToPixels(layout.map.h, req.dpi),
  );
  const view = sceneSpec(req.layers, req.index);
  const layer = sceneRaster(req.scene, view, frame);
  const facts = req.facts ?? (req.mask ? factsFromMask(req.mask) : null);
  const full = { ...req, facts };
  const rspec = resultSpec(req.layers, req.mask);
  const shown = rspec
    ? overlayResult(
        { layer, scene: req.scene, frame, mask: req.mask, spec: rspec },
        MASK_RGB[facts?.kind ?? 'flood'],
      )
    : { cloud: false };
  const bbox = lonLatBox(grid.crs, extent);
  const vec = req.layers
    ? await pageVectors(req.layers, req.boundaries, bbox, t)
    : { zones: [], vectors: [], legend: [], credits: [] };
  const zonesFromFile = !vec.zones.length && !!req.zonesFile;
  const zones = zonesFromFile ? await zonesNear(req.zonesFile as string, bbox) : vec.zones;
  const il = 'def' in layer ? (layer as IndexLayer) : null;
  const doc: MapDocument = {
    ...titles(full, layer, view.view),
    legend: legendFor(full, await req.boundaries.nameOf(req.zonesFile), layer, {
      view: view.view,
      maskShown: !!rspec && (!rspec.classes || rspec.classes.some((k) => k !== 'cloud')),
      cloud: shown.cloud,
      layerClasses: vec.legend,
      zonesFromFile,
    }),
    method: methodLines(full, il ? il.label : null, il?.def ? il.def.formula : null, view.view),
    sources: await sourceLines(full, vec.credits, zonesFromFile),
    banner: synthetic ? t('banner') : null,
  };
  return {
    doc,
    layout,
    map: { frame, raster: layer, rasterOpacity: view.opacity, zones, vectors: vec.vectors },
    country: req.boundaries.country,
    neighbours: req.boundaries.neighbours,
  };
}
