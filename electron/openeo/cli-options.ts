/**
 * Options shared by the `openeo` CLI subcommands: the analysis request, the backend and its
 * sign-in. Secrets come from the environment (NIGAH_OPENEO_PASSWORD, NIGAH_OPENEO_CLIENT_SECRET)
 * so they never appear in the shell history or the process list; the CLI never stores them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NigahError } from '../../shared/errors';
import {
  type AnalysisRequest,
  AnalysisRequestSchema,
  parseBbox,
  parseInterval,
} from '../../shared/openeo/request';
import type { ProcessSpec } from '../../shared/openeo/validate';
import type { BackendAuth } from './remote';

export const ANALYSIS_OPTIONS = {
  analysis: { type: 'string' },
  index: { type: 'string' },
  collection: { type: 'string' },
  bbox: { type: 'string' },
  datetime: { type: 'string' },
  pre: { type: 'string' },
  post: { type: 'string' },
  threshold: { type: 'string' },
  'pre-threshold': { type: 'string' },
  'ndvi-threshold': { type: 'string' },
  'cloud-mask': { type: 'boolean' },
  'no-cloud-mask': { type: 'boolean' },
} as const;

export const BACKEND_OPTIONS = {
  backend: { type: 'string' },
  user: { type: 'string' },
  'client-id': { type: 'string' },
  provider: { type: 'string' },
  device: { type: 'boolean' },
} as const;

type Values = Record<string, string | boolean | undefined>;

function num(v: Values, name: string): number | undefined {
  const s = v[name];
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n))
    throw new NigahError('BAD_ARGUMENT', `--${name} must be a number (got "${String(s)}").`);
  return n;
}

function required(v: Values, name: string, example: string): string {
  const s = v[name];
  if (typeof s !== 'string')
    throw new NigahError('BAD_ARGUMENT', `--${name} is required.`, {
      hint: `For example --${name} ${example}.`,
    });
  return s;
}

export function requestFrom(v: Values): AnalysisRequest {
  const analysis = (v.analysis as string | undefined) ?? (v.pre || v.post ? 'flood' : 'index');
  const cloud = v['no-cloud-mask'] ? false : v['cloud-mask'] ? true : undefined;
  const req = {
    analysis,
    index: v.index as string | undefined,
    collection: required(v, 'collection', 'SENTINEL2_L2A'),
    bbox: parseBbox(required(v, 'bbox', '67.6,26.3,67.9,26.6')),
    datetime: typeof v.datetime === 'string' ? parseInterval(v.datetime) : undefined,
    pre: typeof v.pre === 'string' ? parseInterval(v.pre) : undefined,
    post: typeof v.post === 'string' ? parseInterval(v.post) : undefined,
    threshold: num(v, 'threshold'),
    preThreshold: num(v, 'pre-threshold'),
    ndviThreshold: num(v, 'ndvi-threshold'),
    cloudMask: cloud,
  };
  const parsed = AnalysisRequestSchema.safeParse(JSON.parse(JSON.stringify(req)));
  if (!parsed.success)
    throw new NigahError('BAD_ARGUMENT', `--analysis must be index, water or flood (got "${analysis}").`);
  return parsed.data;
}

export function authFrom(v: Values, env: NodeJS.ProcessEnv = process.env): BackendAuth {
  if (typeof v.user === 'string') {
    const password = env.NIGAH_OPENEO_PASSWORD;
    if (!password)
      throw new NigahError('BAD_ARGUMENT', 'Basic sign-in needs the password in NIGAH_OPENEO_PASSWORD.', {
        hint: 'Set it in the environment for this command only, e.g. NIGAH_OPENEO_PASSWORD=… nigah openeo run …',
      });
    return { kind: 'basic', username: v.user, password };
  }
  if (typeof v['client-id'] === 'string') {
    const providerId = v.provider as string | undefined;
    if (v.device) return { kind: 'oidc-device', clientId: v['client-id'], providerId };
    const secret = env.NIGAH_OPENEO_CLIENT_SECRET;
    if (!secret)
      throw new NigahError(
        'BAD_ARGUMENT',
        'Client-credentials sign-in needs the secret in NIGAH_OPENEO_CLIENT_SECRET.',
        {
          hint: 'Or add --device to sign in in a browser with the device flow.',
        },
      );
    return { kind: 'oidc-client-credentials', clientId: v['client-id'], clientSecret: secret, providerId };
  }
  return { kind: 'none' };
}

/** Process specifications from a folder of <id>.json files or a saved GET /processes response. */
export function readProcessSpecs(path: string): ProcessSpec[] {
  if (statSync(path).isDirectory())
    return readdirSync(path)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(path, f), 'utf8')) as ProcessSpec)
      .filter((p) => typeof p.id === 'string');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { processes?: ProcessSpec[] } | ProcessSpec[];
  return Array.isArray(doc) ? doc : (doc.processes ?? []);
}
