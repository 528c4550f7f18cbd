/**
 * Readers of RPC00B models in the forms CRESDA and GDAL use: the .rpb file (DigitalGlobe/CRESDA
 * "BEGIN_GROUP = IMAGE … lineNumCoef = ( … );"), the _rpc.txt file (GDAL/Ikonos "LINE_OFF: 1234"
 * with LINE_NUM_COEFF_1 … _20), GDAL's RPC metadata domain (LINE_NUM_COEFF = "20 numbers"), and the
 * GeoTIFF RPCCoefficientTag (50844: 92 doubles). Errors are NigahErrors naming what is missing.
 */
import { NigahError } from '../errors';
import type { RpcModel } from './model';

const SCALARS: [keyof RpcModel, string, string][] = [
  ['lineOff', 'lineOffset', 'LINE_OFF'],
  ['sampOff', 'sampOffset', 'SAMP_OFF'],
  ['latOff', 'latOffset', 'LAT_OFF'],
  ['longOff', 'longOffset', 'LONG_OFF'],
  ['heightOff', 'heightOffset', 'HEIGHT_OFF'],
  ['lineScale', 'lineScale', 'LINE_SCALE'],
  ['sampScale', 'sampScale', 'SAMP_SCALE'],
  ['latScale', 'latScale', 'LAT_SCALE'],
  ['longScale', 'longScale', 'LONG_SCALE'],
  ['heightScale', 'heightScale', 'HEIGHT_SCALE'],
];

const VECTORS: [keyof RpcModel, string, string][] = [
  ['lineNum', 'lineNumCoef', 'LINE_NUM_COEFF'],
  ['lineDen', 'lineDenCoef', 'LINE_DEN_COEFF'],
  ['sampNum', 'sampNumCoef', 'SAMP_NUM_COEFF'],
  ['sampDen', 'sampDenCoef', 'SAMP_DEN_COEFF'],
];

function bad(source: string, what: string): NigahError {
  return new NigahError('BAD_ARGUMENT', `${source}: the RPC model is incomplete or corrupt (${what}).`, {
    hint: 'The RPC file of the package is damaged: download the package again, or orthorectify it where it was produced.',
    details: { source },
  });
}

function checked(m: Partial<RpcModel>, source: string): RpcModel {
  for (const [k, , name] of SCALARS)
    if (typeof m[k] !== 'number' || !Number.isFinite(m[k] as number)) throw bad(source, `${name} missing`);
  for (const [k, , name] of VECTORS) {
    const v = m[k] as number[] | undefined;
    if (v?.length !== 20 || !v.every(Number.isFinite)) throw bad(source, `${name} needs 20 numbers`);
  }
  for (const k of ['lineScale', 'sampScale', 'latScale', 'longScale', 'heightScale'] as const)
    if (m[k] === 0) throw bad(source, `${k} is 0`);
  if (m.lineDen?.every((x) => x === 0) || m.sampDen?.every((x) => x === 0))
    throw bad(source, 'a denominator is all zeros');
  return m as RpcModel;
}

const num = (s: string): number => Number(s.trim().replace(/^\+/, ''));

/** .rpb (RPC00B as delivered with CRESDA, DigitalGlobe and Airbus products). */
export function parseRpb(text: string, source = '.rpb'): RpcModel {
  if (!/lineNumCoef/i.test(text)) throw bad(source, 'no lineNumCoef: not an .rpb file');
  const m: Partial<RpcModel> = {};
  for (const [k, key] of SCALARS) {
    const r = new RegExp(`\\b${key}\\s*=\\s*([-+0-9.eE]+)`, 'i').exec(text);
    if (r) (m as Record<string, number>)[k] = num(r[1]);
  }
  for (const [k, key] of VECTORS) {
    const r = new RegExp(`\\b${key}\\s*=\\s*\\(([^)]*)\\)`, 'i').exec(text);
    if (r)
      (m as Record<string, number[]>)[k] = r[1]
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(num);
  }
  const eb = /\berrBias\s*=\s*([-+0-9.eE]+)/i.exec(text);
  const er = /\berrRand\s*=\s*([-+0-9.eE]+)/i.exec(text);
  if (eb) m.errBias = num(eb[1]);
  if (er) m.errRand = num(er[1]);
  return checked(m, source);
}

/** Key/value items (GDAL RPC metadata domain, or the lines of an _rpc.txt file). */
export function rpcFromItems(items: Record<string, string>, source = 'RPC metadata'): RpcModel {
  const up = Object.fromEntries(Object.entries(items).map(([k, v]) => [k.toUpperCase().trim(), String(v)]));
  const m: Partial<RpcModel> = {};
  for (const [k, , key] of SCALARS)
    if (up[key] !== undefined) (m as Record<string, number>)[k] = Number.parseFloat(up[key]);
  for (const [k, , key] of VECTORS) {
    let v: number[] | undefined;
    if (up[key] !== undefined) v = up[key].trim().split(/\s+/).map(num);
    else if (up[`${key}_1`] !== undefined)
      v = Array.from({ length: 20 }, (_, i) => Number.parseFloat(up[`${key}_${i + 1}`] ?? 'NaN'));
    if (v) (m as Record<string, number[]>)[k] = v;
  }
  if (up.ERR_BIAS !== undefined) m.errBias = Number.parseFloat(up.ERR_BIAS);
  if (up.ERR_RAND !== undefined) m.errRand = Number.parseFloat(up.ERR_RAND);
  return checked(m, source);
}

/** _rpc.txt ("LINE_OFF: +006000.00 pixels"). */
export function parseRpcTxt(text: string, source = '_rpc.txt'): RpcModel {
  const items: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const r = /^\s*([A-Za-z_0-9]+)\s*:\s*([-+0-9.eE]+)/.exec(line);
    if (r) items[r[1]] = r[2];
  }
  if (!Object.keys(items).length) throw bad(source, 'no "KEY: value" lines');
  return rpcFromItems(items, source);
}

/** GeoTIFF RPCCoefficientTag (50844): errBias, errRand, 10 offsets/scales, then 4 × 20 coefficients. */
export function rpcFromTag(v: ArrayLike<number>, source = 'RPCCoefficientTag'): RpcModel {
  if (v.length !== 92) throw bad(source, `${v.length} values instead of 92`);
  const a = Array.from(v);
  return checked(
    {
      errBias: a[0],
      errRand: a[1],
      lineOff: a[2],
      sampOff: a[3],
      latOff: a[4],
      longOff: a[5],
      heightOff: a[6],
      lineScale: a[7],
      sampScale: a[8],
      latScale: a[9],
      longScale: a[10],
      heightScale: a[11],
      lineNum: a.slice(12, 32),
      lineDen: a.slice(32, 52),
      sampNum: a.slice(52, 72),
      sampDen: a.slice(72, 92),
    },
    source,
  );
}

/** Any of the text forms, chosen by content. */
export function parseRpcText(text: string, source: string): RpcModel {
  if (/lineNumCoef/i.test(text)) return parseRpb(text, source);
  if (/LINE_NUM_COEFF/i.test(text)) return parseRpcTxt(text, source);
  throw bad(source, 'neither an .rpb nor an _rpc.txt model');
}

/** The .rpb text of a model (what GDAL reads beside a TIFF). */
export function formatRpb(m: RpcModel): string {
  const f = (x: number) => (x >= 0 ? '+' : '') + x.toExponential(16);
  const vec = (v: number[]) => `(\n\t\t\t${v.map(f).join(',\n\t\t\t')});`;
  return [
    'satId = "SYN";',
    'bandId = "MS";',
    'SpecId = "RPC00B";',
    'BEGIN_GROUP = IMAGE',
    `\terrBias = ${m.errBias ?? 1};`,
    `\terrRand = ${m.errRand ?? 0};`,
    ...SCALARS.map(([k, key]) => `\t${key} = ${m[k] as number};`),
    ...VECTORS.map(([k, key]) => `\t${key} = ${vec(m[k] as number[])}`),
    'END_GROUP = IMAGE',
    'END;',
    '',
  ].join('\n');
}
