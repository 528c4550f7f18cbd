/**
 * The openEO service as the app uses it: jobs survive a restart (a new service over the same user
 * data lists them and reads their status again), the secret is stored encrypted (never the plain
 * password on disk) or, without a keychain, for the session only; cancel; results as an analysis
 * result with the mask layer and per-zone rows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileJobStore } from '../../electron/openeo/job-store';
import {
  type Encryptor,
  keychainSecretStore,
  type SecretStore,
  sessionSecretStore,
} from '../../electron/openeo/secrets';
import { createJobRunner } from '../../electron/services/jobs';
import { createOpenEOService, RESULTS_SOURCE } from '../../electron/services/openeo';
import { scanFolder } from '../../electron/sources/folder';
import type { AnalysisJobResult, Settings } from '../../shared/contract';
import type { AnalysisRequest } from '../../shared/openeo/request';
import type { OpenEOSourceAuth } from '../../shared/openeo/service';
import { useSampleBackend } from './backend';
import { BBOX, writeBoxZones } from './helpers';
import { CREDENTIALS, SPECS_DIR } from './server';

/** A stand-in for safeStorage: reversible, and the ciphertext does not contain the plain text. */
const fakeKeychain: Encryptor = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
};

const flood: AnalysisRequest = {
  analysis: 'flood',
  collection: 'SENTINEL2_L2A',
  bbox: BBOX,
  pre: ['2022-06-10', '2022-06-20'],
  post: ['2022-08-25', '2022-09-05'],
  threshold: 0.05,
  preThreshold: 0,
};

describe.skipIf(!existsSync(SPECS_DIR))('openEO service (loopback backend)', () => {
  const backend = useSampleBackend('nigah-openeo-svc-');

  function service(
    userData: string,
    secrets: SecretStore,
    zones?: string,
    auth: OpenEOSourceAuth = { kind: 'basic', username: CREDENTIALS.basic.name },
  ) {
    const settings: Settings = {
      sources: [
        {
          id: 'loop',
          kind: 'openeo',
          name: 'Loopback',
          location: backend.server.url,
          enabled: true,
          openeo: auth,
        },
      ],
      cacheSizeMB: 64,
      language: 'en',
    };
    const jobs = createJobRunner();
    const svc = createOpenEOService({
      getSettings: async () => settings,
      updateSettings: async (patch) => Object.assign(settings, patch),
      jobs,
      store: fileJobStore(userData),
      secrets,
      resultsDir: join(userData, 'offline', 'openeo'),
      boundaryLayer: async () =>
        zones
          ? { id: 'box', name: 'Box', level: 'district', featureCount: 1, attribution: '', license: '' }
          : undefined,
      boundaryFile: async () => zones ?? '',
    });
    return { svc, jobs };
  }

  it('keeps jobs and the encrypted secret across a restart; the password is never written', async () => {
    const userData = join(backend.dir, 'desktop');
    const first = service(userData, keychainSecretStore(userData, fakeKeychain));
    expect(await first.svc.signIn('loop', CREDENTIALS.basic.password)).toBe('keychain');
    const job = await first.svc.submit('loop', flood);
    for (const f of readdirSync(userData).filter((x) => x.endsWith('.json')))
      expect(readFileSync(join(userData, f), 'utf8')).not.toContain(CREDENTIALS.basic.password);

    // "Restart": a new service over the same folder, nothing in memory.
    const again = service(userData, keychainSecretStore(userData, fakeKeychain));
    let listed = await again.svc.jobs();
    for (let i = 0; i < 100 && listed[0]?.status !== 'finished'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      listed = await again.svc.jobs();
    }
    expect(listed.map((j) => [j.id, j.status])).toEqual([[job.id, 'finished']]);
    expect(listed[0].request).toEqual(flood);
  });

  it('without a keychain the secret lives for the session only, and says so after a restart', async () => {
    const userData = join(backend.dir, 'browser');
    const first = service(userData, sessionSecretStore());
    expect(await first.svc.signIn('loop', CREDENTIALS.basic.password)).toBe('session');
    await first.svc.submit('loop', flood);
    expect(readdirSync(userData).some((f) => f.includes('secret'))).toBe(false);
    const again = service(userData, sessionSecretStore());
    const [j] = await again.svc.jobs();
    expect(j.error?.code).toBe('UNAUTHORIZED');
    expect(j.error?.hint).toMatch(/openEO panel/);
  });

  it('signs in with the device flow: the code first, then the job goes through', async () => {
    const userData = join(backend.dir, 'device');
    const { svc } = service(userData, sessionSecretStore(), undefined, {
      kind: 'oidc-device',
      clientId: 'nigah',
    });
    await expect(svc.submit('loop', flood)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await svc.deviceSignIn('loop')).toEqual({
      verificationUri: `${backend.server.url}/oidc/verify`,
      userCode: 'NIGAH-42',
    });
    // The loopback provider approves at the first poll; submit waits for the pending sign-in.
    expect((await svc.submit('loop', flood)).status).toBe('queued');
  });

  it('cancels a job and fetches a finished one as an analysis result with zone rows', async () => {
    // A little larger than the job's box, so that it covers every pixel of the result.
    const zones = join(backend.dir, 'box.geojson');
    writeBoxZones(zones, [BBOX[0] - 0.02, BBOX[1] - 0.02, BBOX[2] + 0.02, BBOX[3] + 0.02]);
    const userData = join(backend.dir, 'fetch');
    const { svc, jobs } = service(userData, sessionSecretStore(), zones);
    await svc.signIn('loop', CREDENTIALS.basic.password);
    const a = await svc.submit('loop', flood);
    const b = await svc.submit('loop', flood);
    expect((await svc.cancel(b.id)).status).toBe('canceled');
    let st = (await svc.jobs()).find((j) => j.id === a.id);
    for (let i = 0; i < 100 && st?.status !== 'finished'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      st = (await svc.jobs()).find((j) => j.id === a.id);
    }
    const host = await jobs.settled((await svc.fetch(a.id)).id);
    expect(host.state, JSON.stringify(host.error)).toBe('done');
    const r = host.result as AnalysisJobResult;
    expect(r.mask.href).toMatch(/^file:/);
    expect(r.zones?.[0].name).toBe('Box');
    const area = (r.summary.area as { km2: number }).km2;
    // The box covers the whole result: its flooded area is the result's.
    expect(r.zones?.[0].km2).toBeCloseTo(area, 6);
    expect((r.summary.thresholds as { post: { value: number } }).post.value).toBe(0.05);
    // The result is a scene of the "openEO results" folder source, under the id the service gave.
    const sceneId = (host.result as { sceneId: string }).sceneId;
    const { scenes } = await scanFolder({
      sourceId: RESULTS_SOURCE,
      root: join(userData, 'offline', 'openeo'),
    });
    expect(scenes.map((x) => x.id)).toContain(sceneId);
  });
});
