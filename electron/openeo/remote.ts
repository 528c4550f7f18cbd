/**
 * openEO backends through @openeo/js-client: connect and authenticate (HTTP basic, OIDC client
 * credentials, OIDC device flow), the backend's process list (fetched once per backend and run,
 * then validated against), batch jobs (create, start, status, logs, cancel) and result assets.
 * An expired token is renewed once by signing in again; errors become NigahError with a hint.
 */
import { type Connection, OpenEO } from '@openeo/js-client';
import { NigahError } from '../../shared/errors';
import type { OpenEOProcess } from '../../shared/openeo/graph';
import { type ProcessSpec, validateGraph } from '../../shared/openeo/validate';
import { deviceFlowToken } from './device-flow';

export type BackendAuth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'oidc-client-credentials'; clientId: string; clientSecret: string; providerId?: string }
  | { kind: 'oidc-device'; clientId: string; providerId?: string };

export interface BackendOptions {
  url: string;
  auth: BackendAuth;
  /** Device flow: show the user where to go and which code to enter. */
  onDeviceCode?: (verificationUri: string, userCode: string) => void;
}

export interface JobStatus {
  id: string;
  status: 'created' | 'queued' | 'running' | 'canceled' | 'finished' | 'error';
  progress: number | null;
  updated: string | null;
}

export interface LogEntry {
  id: string;
  level: string;
  message: string;
  time?: string;
}

export interface ResultAsset {
  key: string;
  href: string;
  type?: string;
  title?: string;
}

/** Any js-client/axios failure as a NigahError. */
export function backendError(e: unknown, url: string): NigahError {
  if (e instanceof NigahError) return e;
  const err = e as { message?: string; code?: string; response?: { status?: number }; status?: number };
  const status = err.response?.status ?? err.status;
  const message = err.message ?? String(e);
  if (status === 401 || err.code === 'TokenInvalid' || err.code === 'AuthenticationRequired')
    return new NigahError('UNAUTHORIZED', `${url} refused the sign-in: ${message}`, {
      hint: 'Check the user name and password (or client id and secret) under Settings → Sources → openEO backend.',
      details: { openeoCode: err.code ?? null },
    });
  if (status === 403)
    return new NigahError('FORBIDDEN', `${url}: ${message}`, { details: { openeoCode: err.code ?? null } });
  if (status)
    return new NigahError('HTTP', `${url} answered ${status}: ${message}`, {
      details: { status, openeoCode: err.code ?? null },
    });
  return new NigahError('NETWORK', `Cannot reach the openEO backend ${url}: ${message}`, {
    hint: 'Check the URL and the network connection.',
  });
}

async function signIn(con: Connection, o: BackendOptions): Promise<void> {
  const a = o.auth;
  if (a.kind === 'none') return;
  if (a.kind === 'basic') {
    await con.authenticateBasic(a.username, a.password);
    return;
  }
  const providers = (await con.listAuthProviders()).filter((p) => p.getType() === 'oidc');
  const p = providers.find((x) => !a.providerId || x.getId() === a.providerId);
  if (!p)
    throw new NigahError(
      'UNAUTHORIZED',
      `${o.url} offers no OpenID Connect provider${a.providerId ? ` "${a.providerId}"` : ''}.`,
      {
        hint: 'Use HTTP basic sign-in, or another provider id.',
      },
    );
  const oidc = p as unknown as {
    clientId: string;
    clientSecret: string;
    issuer: string;
    loginClientCredentials(): Promise<void>;
  };
  oidc.clientId = a.clientId;
  if (a.kind === 'oidc-client-credentials') {
    oidc.clientSecret = a.clientSecret;
    await oidc.loginClientCredentials();
    con.setAuthProvider(p);
    return;
  }
  const token = await deviceFlowToken(oidc.issuer, a.clientId, o.onDeviceCode);
  con.setAuthToken('oidc', p.getId(), token);
}

/** A signed-in connection to one backend. */
export class Backend {
  private constructor(
    readonly options: BackendOptions,
    readonly con: Connection,
  ) {}

  static async connect(o: BackendOptions): Promise<Backend> {
    try {
      const con = await OpenEO.connect(o.url);
      await signIn(con, o);
      return new Backend(o, con);
    } catch (e) {
      throw backendError(e, o.url);
    }
  }

  /** Run a request; an expired or revoked token is renewed once by signing in again. */
  async call<T>(f: (con: Connection) => Promise<T>): Promise<T> {
    try {
      return await f(this.con);
    } catch (e) {
      const err = backendError(e, this.options.url);
      if (err.code !== 'UNAUTHORIZED' || this.options.auth.kind === 'none') throw err;
      try {
        // Drop the stale token first: js-client would send it instead of the credentials.
        this.con.setAuthProvider(null as never);
        await signIn(this.con, this.options);
        return await f(this.con);
      } catch (e2) {
        throw backendError(e2, this.options.url);
      }
    }
  }

  private processes: ProcessSpec[] | null = null;

  /** GET /processes, once per Backend. */
  async listProcesses(): Promise<ProcessSpec[]> {
    if (!this.processes) {
      const r = await this.call((c) => c.listProcesses());
      this.processes = (r as unknown as { processes: ProcessSpec[] }).processes;
    }
    return this.processes;
  }

  async collectionIds(): Promise<string[]> {
    const r = await this.call((c) => c.listCollections());
    return (r as unknown as { collections: { id: string }[] }).collections.map((c) => c.id);
  }

  /** Validate against what this backend publishes; refuses a graph that needs a missing process. */
  async validate(process: OpenEOProcess): Promise<void> {
    const [specs, collections] = await Promise.all([this.listProcesses(), this.collectionIds()]);
    await validateGraph(process, specs, { backend: this.options.url, collections });
  }

  async submit(process: OpenEOProcess, title: string): Promise<string> {
    await this.validate(process);
    const id = await this.call(
      async (c) =>
        (await c.createJob({ process_graph: process.process_graph }, title, process.description ?? null)).id,
    );
    await this.start(id);
    return id;
  }

  async start(id: string): Promise<void> {
    await this.call(async (c) => {
      await (await c.getJob(id)).startJob();
    });
  }

  async status(id: string): Promise<JobStatus> {
    return this.call(async (c) => {
      const job = await (await c.getJob(id)).describeJob();
      const j = job as unknown as { status: JobStatus['status']; progress?: number; updated?: string };
      return { id, status: j.status, progress: j.progress ?? null, updated: j.updated ?? null };
    });
  }

  async logs(id: string): Promise<LogEntry[]> {
    return this.call(async (c) => {
      const logs = (await c.getJob(id)).debugJob();
      return (await logs.nextLogs()) as unknown as LogEntry[];
    });
  }

  async cancel(id: string): Promise<void> {
    await this.call(async (c) => {
      await (await c.getJob(id)).stopJob();
    });
  }

  async results(id: string): Promise<{ assets: ResultAsset[]; bbox?: number[] }> {
    return this.call(async (c) => {
      const stac = (await (await c.getJob(id)).getResultsAsStac()) as {
        assets: Record<string, { href: string; type?: string; title?: string }>;
        bbox?: number[];
        extent?: { spatial?: { bbox?: number[][] } };
      };
      const assets = Object.entries(stac.assets).map(([key, a]) => ({
        key,
        href: a.href,
        type: a.type,
        title: a.title,
      }));
      return { assets, bbox: stac.bbox ?? stac.extent?.spatial?.bbox?.[0] };
    });
  }
}
