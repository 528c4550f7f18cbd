/** The loopback openEO backend over the synthetic Sindh pair, started before a suite's tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadSceneInput } from '../../electron/engine/scene-input';
import type { Scene } from '../../shared/scene';
import { POST_ITEM, PRE_ITEM } from './helpers';
import { type OpenEOTestServer, startOpenEOServer } from './server';

export interface SampleBackend {
  /** A scratch folder of the suite (the backend keeps its job files there too). */
  readonly dir: string;
  readonly server: OpenEOTestServer;
  /** The pre and post scenes the backend serves. */
  readonly scenes: Scene[];
}

/** Registers beforeAll/afterAll in the calling suite; `prefix` names its scratch folder. */
export function useSampleBackend(prefix: string): SampleBackend {
  let dir: string | undefined;
  let server: OpenEOTestServer | undefined;
  let scenes: Scene[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    scenes = [await loadSceneInput(PRE_ITEM), await loadSceneInput(POST_ITEM)];
    server = await startOpenEOServer(scenes, dir);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the backend is not started: use it inside the tests of its suite');
    return v;
  };
  return {
    get dir() {
      return started(dir);
    },
    get server() {
      return started(server);
    },
    get scenes() {
      return scenes;
    },
  };
}
