/**
 * A loopback openEO backend following the openEO API 1.2 for the endpoints Nigah uses: well-known
 * document, capabilities, /credentials/basic, /credentials/oidc (with a token and device endpoint),
 * /collections, /processes (the official definitions read in place), /jobs, /jobs/{id},
 * /jobs/{id}/results (start, cancel, STAC item), /jobs/{id}/logs, and result files with Range.
 * Jobs run the graph with Nigah's local executor over the sample scenes. Faults are switches.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { executeGraph } from '../../electron/openeo/executor';
import type { OpenEOProcess } from '../../shared/openeo/graph';
import type { Scene } from '../../shared/scene';

export const SPECS_DIR = join(__dirname, '../../../shared/data/openeo-processes');

export interface Faults {
  /** Processes left out of GET /processes. */
  withoutProcesses?: string[];

  /** The first download of each result file stops after this many bytes. */
  dropAfterBytes?: number;
}

interface Job {
  id: string;
  title: string | null;
  process: OpenEOProcess;
  status: 'created' | 'queued' | 'running' | 'finished' | 'error' | 'canceled';
  progress: number;
  created: string;
  logs: { id: string; level: string; message: string; time: string }[];
  file?: string;
}

export interface OpenEOTestServer {
  url: string;
  jobs: Map<string, Job>;
  faults: Faults;
  /** Range headers seen on result downloads. */
  ranges: string[];
  /** Successful basic sign-ins. */
  logins: number;
  /** Every token issued so far expires (403 TokenInvalid); new sign-ins get fresh ones. */
  expireTokens(): void;
  close(): Promise<void>;
}

const USER = { name: 'analyst', password: 'manchar-2022' };
const OIDC = { clientId: 'nigah', clientSecret: 'sindh-secret' };

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { id: randomUUID(), code, message, links: [] });
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function capabilities(base: string) {
  const e = (path: string, methods: string[]) => ({ path, methods });
  return {
    api_version: '1.2.0',
    backend_version: '1.0.0',
    stac_version: '1.0.0',
    type: 'Catalog',
    id: 'nigah-loopback',
    title: 'Nigah loopback openEO backend',
    description: "Test backend running graphs with Nigah's local executor.",
    endpoints: [
      e('/credentials/basic', ['GET']),
      e('/credentials/oidc', ['GET']),
      e('/collections', ['GET']),
      e('/processes', ['GET']),
      e('/jobs', ['GET', 'POST']),
      e('/jobs/{job_id}', ['GET', 'DELETE']),
      e('/jobs/{job_id}/results', ['GET', 'POST', 'DELETE']),
      e('/jobs/{job_id}/logs', ['GET']),
    ],
    links: [{ rel: 'self', href: base }],
  };
}

export async function startOpenEOServer(
  scenes: Scene[],
  dir: string,
  faults: Faults = {},
): Promise<OpenEOTestServer> {
  const specs = readdirSync(SPECS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(SPECS_DIR, f), 'utf8')) as { id: string });
  const jobs = new Map<string, Job>();
  const tokens = new Map<string, number>();
  const dropped = new Set<string>();
  const state: OpenEOTestServer = {
    url: '',
    jobs,
    faults,
    ranges: [],
    logins: 0,
    expireTokens: () => {
      for (const t of tokens.keys()) tokens.set(t, -1);
    },
    close: async () => {},
  };
  let root = '';

  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    const m = /^Bearer (?:basic\/\/|oidc\/[^/]+\/)(.+)$/.exec(req.headers.authorization ?? '');
    const uses = m ? tokens.get(m[1]) : undefined;
    if (uses === undefined) {
      apiError(res, 401, 'AuthenticationRequired', 'Unauthorized.');
      return false;
    }
    if (uses < 0) {
      apiError(
        res,
        403,
        'TokenInvalid',
        'Authorization token has expired or is invalid. Please authenticate again.',
      );
      return false;
    }
    tokens.set(m![1], uses + 1);
    return true;
  };

  const newToken = () => {
    const t = randomUUID();
    tokens.set(t, 0);
    return t;
  };

  const runJob = async (job: Job) => {
    const log = (level: string, message: string) =>
      job.logs.push({ id: String(job.logs.length + 1), level, message, time: new Date().toISOString() });
    // A job cancelled between its start request and this timer stays cancelled.
    if ((job.status as string) === 'canceled') return;
    job.status = 'running';
    job.progress = 10;
    log('info', 'Job started on the loopback backend.');
    try {
      const file = join(dir, `${job.id}.tif`);
      await executeGraph(job.process, { scenes, out: file });
      if ((job.status as string) === 'canceled') return;
      job.file = file;
      job.progress = 100;
      job.status = 'finished';
      log('info', 'Result written.');
    } catch (e) {
      job.status = 'error';
      log('error', (e as Error).message);
    }
  };

  const routes = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    if (path === '/.well-known/openeo')
      return send(res, 200, {
        versions: [{ url: `${root}/openeo/1.2`, api_version: '1.2.0', production: true }],
      });
    if (path.startsWith('/oidc/')) return oidc(req, res, path);
    if (path.startsWith('/files/')) return file(req, res, path);
    const p = path.replace(/^\/openeo\/1\.2/, '') || '/';
    if (p === '/' || p === '') return send(res, 200, capabilities(`${root}/openeo/1.2`));
    if (p === '/credentials/basic') {
      const expected = `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return apiError(res, 401, 'CredentialsInvalid', 'Credentials are not correct.');
      state.logins++;
      return send(res, 200, { access_token: newToken() });
    }
    if (p === '/credentials/oidc')
      return send(res, 200, {
        providers: [
          { id: 'loopback', issuer: `${root}/oidc`, title: 'Loopback sign-in', scopes: ['openid'] },
        ],
      });
    if (p === '/collections')
      return send(res, 200, {
        collections: [
          {
            stac_version: '1.0.0',
            type: 'Collection',
            id: 'SENTINEL2_L2A',
            description: 'Sentinel-2 L2A (local sample scenes)',
            license: 'proprietary',
            extent: {
              spatial: { bbox: [[60, 23, 78, 37]] },
              temporal: { interval: [['2015-06-23T00:00:00Z', null]] },
            },
            links: [],
          },
        ],
        links: [],
      });
    if (p === '/processes') {
      const without = new Set(faults.withoutProcesses ?? []);
      return send(res, 200, { processes: specs.filter((s) => !without.has(s.id)), links: [] });
    }
    if (!authorized(req, res)) return;
    return jobRoutes(req, res, p, method);
  };

  const jobRoutes = async (
    req: IncomingMessage,
    res: ServerResponse,
    p: string,
    method: string,
  ): Promise<void> => {
    if (p === '/jobs' && method === 'POST') {
      const b = JSON.parse(await body(req)) as { process: OpenEOProcess; title?: string };
      const id = `j-${jobs.size + 1}`;
      jobs.set(id, {
        id,
        title: b.title ?? null,
        process: b.process,
        status: 'created',
        progress: 0,
        created: new Date().toISOString(),
        logs: [],
      });
      res.writeHead(201, { Location: `${root}/openeo/1.2/jobs/${id}`, 'OpenEO-Identifier': id });
      return void res.end();
    }
    if (p === '/jobs' && method === 'GET')
      return send(res, 200, {
        jobs: [...jobs.values()].map((j) => ({
          id: j.id,
          title: j.title,
          status: j.status,
          created: j.created,
        })),
        links: [],
      });
    const m = /^\/jobs\/([^/]+)(\/results|\/logs)?$/.exec(p);
    const job = m ? jobs.get(m[1]) : undefined;
    if (!m || !job) return apiError(res, 404, 'JobNotFound', 'The batch job does not exist.');
    if (!m[2] && method === 'GET')
      return send(res, 200, {
        id: job.id,
        title: job.title,
        process: job.process,
        status: job.status,
        progress: job.progress,
        created: job.created,
        updated: new Date().toISOString(),
      });
    if (m[2] === '/logs') return send(res, 200, { logs: job.logs, links: [] });
    if (m[2] === '/results' && method === 'POST') {
      job.status = 'queued';
      res.writeHead(202);
      res.end();
      setTimeout(() => void runJob(job), 20);
      return;
    }
    if (m[2] === '/results' && method === 'DELETE') {
      job.status = 'canceled';
      res.writeHead(204);
      return void res.end();
    }
    if (m[2] === '/results') {
      if (job.status !== 'finished')
        return apiError(res, 400, 'JobNotFinished', 'Job has not finished computing the results yet.');
      const size = statSync(job.file!).size;
      return send(res, 200, {
        stac_version: '1.0.0',
        type: 'Feature',
        id: job.id,
        geometry: null,
        properties: { datetime: null },
        assets: {
          'openEO.tif': {
            href: `${root}/files/${job.id}/openEO.tif`,
            type: 'image/tiff; application=geotiff',
            roles: ['data'],
            'file:size': size,
          },
        },
        links: [],
      });
    }
    return apiError(res, 405, 'MethodNotAllowed', 'Method not allowed.');
  };

  const file = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const job = jobs.get(path.split('/')[2]);
    if (!job?.file) {
      apiError(res, 404, 'NotFound', 'No such file.');
      return;
    }
    const bytes = readFileSync(job.file);
    const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    if (req.headers.range) state.ranges.push(req.headers.range);
    const start = range ? Number(range[1]) : 0;
    const part = bytes.subarray(start);
    const headers: Record<string, string> = {
      'Content-Type': 'image/tiff',
      'Content-Length': String(part.length),
      'Accept-Ranges': 'bytes',
    };
    if (range) headers['Content-Range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    res.writeHead(range ? 206 : 200, headers);
    if (faults.dropAfterBytes !== undefined && !dropped.has(job.id) && !range) {
      dropped.add(job.id);
      // Let the bytes reach the client before the connection drops.
      res.write(part.subarray(0, faults.dropAfterBytes), () => setTimeout(() => res.socket?.destroy(), 100));
      return;
    }
    res.end(part);
  };

  const oidc = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path === '/oidc/.well-known/openid-configuration')
      return send(res, 200, {
        issuer: `${root}/oidc`,
        token_endpoint: `${root}/oidc/token`,
        device_authorization_endpoint: `${root}/oidc/device`,
        grant_types_supported: ['client_credentials', 'urn:ietf:params:oauth:grant-type:device_code'],
      });
    const form = new URLSearchParams(await body(req));
    if (path === '/oidc/device')
      return send(res, 200, {
        device_code: 'dev-1',
        user_code: 'NIGAH-42',
        verification_uri: `${root}/oidc/verify`,
        interval: 1,
        expires_in: 60,
      });
    if (path === '/oidc/token') {
      const ok =
        (form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === OIDC.clientId &&
          form.get('client_secret') === OIDC.clientSecret) ||
        (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code' &&
          form.get('device_code') === 'dev-1');
      return ok
        ? send(res, 200, { access_token: newToken(), token_type: 'Bearer', expires_in: 3600 })
        : send(res, 400, { error: 'invalid_client' });
    }
    return apiError(res, 404, 'NotFound', 'Not found.');
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    routes(req, res, path).catch((e) => apiError(res, 500, 'Internal', (e as Error).message));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = root;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

export const CREDENTIALS = { basic: USER, oidc: OIDC };
