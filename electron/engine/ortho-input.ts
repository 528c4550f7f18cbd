/**
 * What to orthorectify: a CRESDA Level-1A package (folder or .tar.gz: raw TIFF + .rpb + XML) or a
 * raw TIFF with its RPCs beside it (.rpb, _rpc.txt) or inside it. Packed images are unpacked once
 * into the cache; the package's sensor profile gives the nominal GSD and band names, its XML the
 * metadata carried into the output.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NigahError } from '../../shared/errors';
import { parseRpcText, type RpcModel } from '../../shared/rpc';
import type { Scene } from '../../shared/scene';
import { findProfile } from '../../shared/sensors';
import { isPackageDir, isPackageFile, packageScene, unpackHref } from '../sources/cresda';
import { scanTar } from '../sources/tar';
import type { OrthoInput } from './ortho';
import { tiffRpc } from './ortho-tiff-rpc';

const RPC_FILE = /(\.rpb|_rpc\.txt)$/i;

function noRpc(where: string): NigahError {
  return new NigahError(
    'NOT_FOUND',
    `${where} has no RPC model (no .rpb or _rpc.txt file, none inside the TIFF).`,
    {
      hint: 'A Level-1A product needs its .rpb file to be orthorectified: copy it beside the TIFF, or download the complete package again.',
    },
  );
}

/** Sidecar RPC of a TIFF (name.rpb, name.RPB, name_rpc.txt), else the TIFF's own. */
export function rpcOfTiff(tiff: string): RpcModel {
  const base = tiff.replace(/\.tiff?$/i, '');
  for (const side of [`${base}.rpb`, `${base}.RPB`, `${base}_rpc.txt`, `${base}_RPC.TXT`])
    if (existsSync(side)) return parseRpcText(readFileSync(side, 'utf8'), side);
  const inner = tiffRpc(tiff);
  if (!inner) throw noRpc(path.basename(tiff));
  return inner;
}

async function packageRpc(location: string, tiffPath: string): Promise<RpcModel> {
  if (statSync(location).isDirectory()) {
    const f = readdirSync(location)
      .sort()
      .find((n) => RPC_FILE.test(n));
    if (f) return parseRpcText(readFileSync(path.join(location, f), 'utf8'), path.join(location, f));
  } else {
    const { got } = await scanTar(location, { want: (n, size) => RPC_FILE.test(n) && size < 1024 * 1024 });
    const [name, bytes] = [...got.entries()][0] ?? [];
    if (name && bytes)
      return parseRpcText(new TextDecoder().decode(bytes), `${path.basename(location)}#${name}`);
  }
  const inner = tiffRpc(tiffPath);
  if (!inner) throw noRpc(path.basename(location));
  return inner;
}

export function isPackage(location: string): boolean {
  if (!existsSync(location)) return false;
  if (statSync(location).isDirectory()) return isPackageDir(location, readdirSync(location));
  return isPackageFile(location);
}

/** The scene's metadata as carried into the orthorectified COG. */
function carried(scene: Scene): Record<string, string> {
  const md: Record<string, string> = {
    NIGAH_SOURCE_PRODUCT: scene.title,
    NIGAH_PROCESSING_LEVEL: 'L1A orthorectified by RPC (Nigah)',
  };
  if (scene.platform) md.SATELLITE = scene.platform;
  if (scene.sensor) md.SENSOR = scene.sensor;
  if (scene.datetime) md.ACQUISITION_TIME = scene.datetime;
  if (scene.cloudCover !== null && scene.cloudCover !== undefined)
    md.CLOUD_PERCENT = String(scene.cloudCover);
  for (const [k, v] of Object.entries(scene.properties ?? {}))
    if (k.startsWith('nigah:sun') || k.startsWith('view:'))
      md[k.toUpperCase().replace(/[:]/g, '_')] = String(v);
  return md;
}

/** Opens a package or a raw TIFF for orthorectification. `cacheDir` receives unpacked images. */
export async function orthoInputOf(
  location: string,
  cacheDir: string,
): Promise<{ input: OrthoInput; scene: Scene | null }> {
  const loc = path.resolve(location);
  if (!existsSync(loc))
    throw new NigahError('NOT_FOUND', `${location} does not exist.`, { hint: 'Check the path.' });
  if (!isPackage(loc)) {
    if (!/\.tiff?$/i.test(loc) || statSync(loc).isDirectory())
      throw new NigahError('BAD_ARGUMENT', `${location} is neither a CRESDA package nor a TIFF.`, {
        hint: 'Pass the package folder or .tar.gz (e.g. GF1_WFV1_…_L1A…), or the raw .tiff with its .rpb beside it.',
      });
    return { input: { tiffPath: loc, model: rpcOfTiff(loc) }, scene: null };
  }
  const scene = await packageScene(loc, `ortho:${path.basename(loc)}`, 'ortho');
  const href = scene.bands[0].href;
  const tiffPath = fileURLToPath(href.includes('#') ? await unpackHref(href, cacheDir) : href);
  const model = await packageRpc(loc, tiffPath);
  const profile = findProfile(scene.platform ?? '', scene.sensor ?? '');
  return {
    input: {
      tiffPath,
      model,
      bandNames: scene.bands.map((b) => b.name),
      gsd: profile?.bands[0]?.gsd,
      metadata: carried(scene),
      bandScaling: scene.bands.map((b) => ({ scale: b.scale, offset: b.offset })),
    },
    scene,
  };
}
