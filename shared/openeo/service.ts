/**
 * The openEO parts of the service contract: an openEO backend as a source (its URL is the
 * source location; the secret never travels in settings), batch jobs as the app remembers them.
 */
import { z } from 'zod';
import type { ErrorData } from '../errors';
import type { OpenEOProcess } from './graph';
import type { AnalysisRequest } from './request';

export const OPENEO_AUTH_KINDS = ['none', 'basic', 'oidc-client-credentials', 'oidc-device'] as const;

/** Sign-in of an openEO source: the user name or client id; the password or secret is kept apart. */
export const OpenEOSourceAuthSchema = z
  .object({
    kind: z.enum(OPENEO_AUTH_KINDS),
    username: z.string().max(200).optional(),
    clientId: z.string().max(200).optional(),
    providerId: z.string().max(200).optional(),
  })
  .strict();
export type OpenEOSourceAuth = z.infer<typeof OpenEOSourceAuthSchema>;

export type OpenEOJobStatus = 'created' | 'queued' | 'running' | 'canceled' | 'finished' | 'error';

/** A batch job as Nigah remembers it across restarts. */
export interface OpenEOJobInfo {
  /** The backend's job id. */
  id: string;
  sourceId: string;
  backend: string;
  title: string;
  request: AnalysisRequest;
  status: OpenEOJobStatus;
  progress: number | null;
  submittedAt: string;
  /** Last time the status was read from the backend. */
  checkedAt: string;
  /** Why the status could not be read (offline, signed out) or why the job failed. */
  error?: ErrorData;
}

export interface OpenEOGraphResult {
  process: OpenEOProcess;
  /** 'backend': validated against its GET /processes; 'structure': references only (no backend). */
  checked: 'backend' | 'structure';
  processes: string[];
}

export interface OpenEOLogEntry {
  id: string;
  level: string;
  message: string;
  time?: string;
}

/** Where the secret of a source was kept: the OS keychain (Electron safeStorage) or this session only. */
export type SecretStorage = 'keychain' | 'session';
