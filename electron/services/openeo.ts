/**
 * The openEO service: graphs for the panel, sign-in to openEO sources (secrets in the keychain or
 * for the session), batch jobs submitted for the map area and dates (remembered across restarts),
 * their status, logs and cancel, and fetching results as a host job whose result is shown like the
 * app's own analyses (mask on the map, per-district table computed locally).
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AnalysisJobResult,
  BoundaryLayer,
  NigahServices,
  Settings,
  SourceConfig,
} from '../../shared/contract';
import { NigahError, toErrorData } from '../../shared/errors';
import { buildGraph } from '../../shared/openeo/request';
import type { OpenEOJobInfo } from '../../shared/openeo/service';
import { checkStructure, processIds } from '../../shared/openeo/validate';
import type { JobStore } from '../openeo/job-store';
import { Backend, type BackendAuth } from '../openeo/remote';
import { resultOf } from '../openeo/result';
import { downloadJobResults } from '../openeo/run';
import type { SecretStore } from '../openeo/secrets';
import type { JobRunner } from './jobs';

export interface OpenEOServiceOptions {
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  jobs: JobRunner;
  store: JobStore;
  secrets: SecretStore;
  /** Where result files go (inside the offline store the raster endpoint serves). */
  resultsDir: string;
  boundaryLayer(id?: string): Promise<BoundaryLayer | undefined>;
  boundaryFile(id: string): Promise<string>;
}

const FINAL = new Set(['finished', 'error', 'canceled']);

/** The folder source that lists downloaded results as scenes. */
export const RESULTS_SOURCE = 'openeo-results';

/** Lists the results folder among the sources (once), so every downloaded result is a scene. */
async function ensureResultsSource(o: OpenEOServiceOptions): Promise<void> {
  const s = await o.getSettings();
  if (s.sources.some((x) => x.id === RESULTS_SOURCE)) return;
  const source: SourceConfig = {
    id: RESULTS_SOURCE,
    kind: 'folder',
    name: 'openEO results',
    location: o.resultsDir,
    enabled: true,
  };
  await o.updateSettings({ sources: [...s.sources, source] });
}

/** The scene id the results folder source gives a downloaded file. */
async function resultSceneId(o: OpenEOServiceOptions, file: string): Promise<string> {
  const rel = path
    .relative(await realpath(o.resultsDir), await realpath(file))
    .split(path.sep)
    .join('/');
  return `${RESULTS_SOURCE}:${rel}`;
}

function authOf(source: SourceConfig, secret: string | undefined): BackendAuth {
  const a = source.openeo ?? { kind: 'none' as const };
  const needSecret = () => {
    if (!secret)
      throw new NigahError('UNAUTHORIZED', `Sign in to ${source.name} first.`, {
        hint: 'Open the openEO panel and enter the password (or client secret) for this backend.',
      });
    return secret;
  };
  if (a.kind === 'basic') return { kind: 'basic', username: a.username ?? '', password: needSecret() };
  if (a.kind === 'oidc-client-credentials')
    return {
      kind: 'oidc-client-credentials',
      clientId: a.clientId ?? '',
      clientSecret: needSecret(),
      providerId: a.providerId,
    };
  if (a.kind === 'oidc-device')
    return { kind: 'oidc-device', clientId: a.clientId ?? '', providerId: a.providerId };
  return { kind: 'none' };
}

export function createOpenEOService(o: OpenEOServiceOptions): NigahServices['openeo'] {
  // Connections per source; a pending device sign-in is a connection not yet resolved.
  const backends = new Map<string, Promise<Backend>>();

  const sourceOf = async (id: string): Promise<SourceConfig> => {
    const s = (await o.getSettings()).sources.find((x) => x.id === id && x.kind === 'openeo');
    if (!s)
      throw new NigahError('NOT_FOUND', `No openEO backend "${id}" among the sources.`, {
        hint: 'Add one under Sources → Add source → openEO backend.',
      });
    return s;
  };

  const connect = (id: string, secret?: string, onDeviceCode?: (uri: string, code: string) => void) => {
    const b = (async () => {
      const s = await sourceOf(id);
      const auth = authOf(s, secret ?? (await o.secrets.get(id)));
      if (auth.kind === 'oidc-device' && !onDeviceCode)
        throw new NigahError('UNAUTHORIZED', `Sign in to ${s.name} in the browser first.`, {
          hint: 'Press "Sign in in the browser" in the openEO panel and enter the code shown.',
        });
      return Backend.connect({ url: s.location, auth, onDeviceCode });
    })();
    backends.set(id, b);
    // A failed sign-in is not kept: the next call tries again.
    b.catch(() => {
      if (backends.get(id) === b) backends.delete(id);
    });
    return b;
  };

  const backend = (id: string, secret?: string): Promise<Backend> => {
    const cached = backends.get(id);
    return cached && !secret ? cached : connect(id, secret);
  };

  const refresh = async (job: OpenEOJobInfo): Promise<OpenEOJobInfo> => {
    if (FINAL.has(job.status)) return job;
    let next: OpenEOJobInfo;
    try {
      const s = await (await backend(job.sourceId)).status(job.id);
      next = {
        ...job,
        status: s.status,
        progress: s.progress,
        checkedAt: new Date().toISOString(),
        error: undefined,
      };
      if (s.status === 'error') {
        const logs = await (await backend(job.sourceId)).logs(job.id).catch(() => []);
        const msg = logs
          .filter((l) => l.level === 'error')
          .map((l) => l.message)
          .join(' | ');
        next.error = {
          code: 'HTTP',
          message: msg || 'The job failed on the backend.',
          hint: 'Read its log.',
        };
      }
    } catch (e) {
      next = { ...job, error: toErrorData(e) };
    }
    await o.store.put(next);
    return next;
  };

  return {
    async graph(request, sourceId) {
      const process = buildGraph(request);
      if (sourceId) {
        await (await backend(sourceId)).validate(process);
        return { process, checked: 'backend', processes: processIds(process) };
      }
      return { process, checked: 'structure', processes: await checkStructure(process) };
    },
    async signIn(sourceId, secret) {
      await backend(sourceId, secret);
      return o.secrets.set(sourceId, secret);
    },
    deviceSignIn(sourceId) {
      return new Promise((resolve, reject) => {
        connect(sourceId, undefined, (verificationUri, userCode) =>
          resolve({ verificationUri, userCode }),
        ).then(
          // Signed in without a code (no device flow): nothing to show.
          () => reject(new NigahError('BAD_ARGUMENT', 'This backend is not set up for the device sign-in.')),
          reject,
        );
      });
    },
    async jobs() {
      return Promise.all((await o.store.list()).map(refresh));
    },
    async submit(sourceId, request) {
      const s = await sourceOf(sourceId);
      const process = buildGraph(request);
      const b = await backend(sourceId);
      const title = process.summary ?? `Nigah ${request.analysis}`;
      const id = await b.submit(process, title);
      const now = new Date().toISOString();
      const job: OpenEOJobInfo = {
        id,
        sourceId,
        backend: s.location,
        title,
        request,
        status: 'queued',
        progress: null,
        submittedAt: now,
        checkedAt: now,
      };
      await o.store.put(job);
      return job;
    },
    async logs(jobId) {
      const job = await o.store.get(jobId);
      if (!job) throw new NigahError('NOT_FOUND', `No openEO job "${jobId}".`);
      return (await backend(job.sourceId)).logs(jobId);
    },
    async cancel(jobId) {
      const job = await o.store.get(jobId);
      if (!job) throw new NigahError('NOT_FOUND', `No openEO job "${jobId}".`);
      await (await backend(job.sourceId)).cancel(jobId);
      return refresh({ ...job, status: 'running' });
    },
    async fetch(jobId) {
      const job = await o.store.get(jobId);
      if (!job) throw new NigahError('NOT_FOUND', `No openEO job "${jobId}".`);
      const b = await backend(job.sourceId);
      return o.jobs.start('openeo', `openEO result: ${job.title}`, async (ctx) => {
        const [scene] = await downloadJobResults(b, jobId, {
          dir: path.join(o.resultsDir, job.sourceId),
          signal: ctx.signal,
          onProgress: (p) => ctx.progress('download', p.fileBytes, p.fileSize ?? 0),
        });
        await ensureResultsSource(o);
        const sceneId = await resultSceneId(o, fileURLToPath(scene.bands[0].href));
        if (job.request.analysis === 'index') return { sceneId };
        ctx.progress('district table', 0, 1);
        const layer = await o.boundaryLayer();
        const zones = layer ? await o.boundaryFile(layer.id) : undefined;
        const result: AnalysisJobResult & { sceneId: string } = {
          ...(await resultOf(scene, job.request, { jobId, backend: job.backend }, zones)),
          sceneId,
        };
        return result;
      });
    },
  };
}
