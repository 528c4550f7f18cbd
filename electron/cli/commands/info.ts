/** `nigah info <scene> [--json]`: bands with roles, CRS, size, pixel size, bounds, nodata, datetime. */
import { NigahError } from '../../../shared/errors';
import { projName, rasterBounds } from '../../../shared/proj';
import type { Scene } from '../../../shared/scene';
import { openScene } from '../../sources/open';
import { parseOptions } from '../args';
import type { CliCommand } from '../types';

export function sceneInfo(scene: Scene): Record<string, unknown> {
  const finest = [...scene.bands].sort(
    (a, b) => Math.abs(a.geotransform[1]) - Math.abs(b.geotransform[1]),
  )[0];
  return {
    id: scene.id.replace(/^cli:/, ''),
    title: scene.title,
    datetime: scene.datetime,
    cloudCover: scene.cloudCover,
    platform: scene.platform ?? null,
    sensor: scene.sensor ?? null,
    crs: scene.crs || null,
    crsName: scene.crs ? projName(scene.crs) : null,
    size: finest ? [finest.width, finest.height] : null,
    pixelSize: finest ? [Math.abs(finest.geotransform[1]), Math.abs(finest.geotransform[5])] : null,
    bounds: {
      lonlat: scene.bbox,
      crs: finest?.width ? rasterBounds(finest.geotransform, finest.width, finest.height) : null,
    },
    drawable: scene.drawable,
    synthetic: scene.synthetic,
    bands: scene.bands.map((b) => ({
      name: b.name,
      role: b.role,
      href: b.href,
      sample: b.sample,
      width: b.width,
      height: b.height,
      pixelSize: [Math.abs(b.geotransform[1]), Math.abs(b.geotransform[5])],
      dataType: b.dataType,
      nodata: b.nodata !== null && Number.isNaN(b.nodata) ? 'nan' : b.nodata,
      scale: b.scale,
      offset: b.offset,
    })),
    notices: scene.notices,
    ...(scene.properties ? { properties: scene.properties } : {}),
  };
}

function interval(p: unknown): string {
  const o = (p ?? {}) as Record<string, unknown>;
  return o.start_datetime ? `unknown (between ${o.start_datetime} and ${o.end_datetime ?? '..'})` : 'unknown';
}

function human(i: ReturnType<typeof sceneInfo>): string {
  const f = (n: unknown): string => (typeof n === 'number' ? String(Math.round(n * 1e6) / 1e6) : String(n));
  const bounds = i.bounds as { lonlat: number[]; crs: number[] | null };
  const lines = [
    `${i.title}${i.id !== i.title ? `  (${i.id})` : ''}`,
    `  date        ${i.datetime ?? interval(i.properties)}${i.cloudCover !== null ? `   cloud ${i.cloudCover}%` : ''}`,
    `  sensor      ${[i.platform, i.sensor].filter(Boolean).join(' ') || 'unknown'}`,
    `  CRS         ${i.crs ?? 'none'}${i.crsName ? ` (${i.crsName})` : ''}`,
    `  size        ${(i.size as number[] | null)?.join(' x ') ?? '?'} px, pixel ${(i.pixelSize as number[] | null)?.map(f).join(' x ') ?? '?'}`,
    `  bounds      lon/lat ${bounds.lonlat.map(f).join(', ')}`,
    ...(bounds.crs ? [`              ${i.crs}: ${bounds.crs.map(f).join(', ')}`] : []),
    `  bands`,
    ...(i.bands as Record<string, unknown>[]).map(
      (b) =>
        `    ${String(b.name).padEnd(8)} ${String(b.role ?? '-').padEnd(10)} ${String(b.dataType).padEnd(8)} ${b.width as number}x${b.height}  nodata ${b.nodata ?? '-'}  value = DN*${b.scale}${(b.offset as number) ? ` ${(b.offset as number) < 0 ? '-' : '+'} ${Math.abs(b.offset as number)}` : ''}`,
    ),
    ...((i.notices as string[]).length
      ? ['  notices', ...(i.notices as string[]).map((n) => `    - ${n}`)]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

export const command: CliCommand = {
  name: 'info',
  summary: 'Describe a scene: bands and roles, CRS, size, pixel size, bounds, nodata, date',
  usage: [
    'Usage: nigah info <scene> [--json]',
    '',
    '  <scene>   a GeoTIFF (path or http(s) URL), a folder of band files (Landsat + MTL, Sentinel-2),',
    '            a STAC item (path or URL), or a product package (GF/CBERS/ZY folder or .tar.gz)',
    '  --json    machine-readable output',
  ].join('\n'),
  async run(args, io) {
    const p = parseOptions(args, [], ['json'], 'nigah info <scene> [--json]');
    if (p.positional.length !== 1)
      throw new NigahError('BAD_ARGUMENT', 'Name exactly one scene.', {
        hint: 'nigah info <scene> [--json]',
      });
    const json = p.flags.has('json');
    const info = sceneInfo(await openScene(p.positional[0]));
    io.out(json ? `${JSON.stringify(info, null, 2)}\n` : human(info));
    return 0;
  },
};
