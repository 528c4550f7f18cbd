/**
 * Settings: a JSON file in the user-data folder, validated on every read and write, written
 * atomically. A corrupt file is kept aside (never silently lost) and defaults are used.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type NigahServices, type Settings, SettingsSchema } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { writeFileAtomic } from '../host/atomic';

export const SAMPLE_SOURCE_ID = 'sample';

export function defaultSettings(): Settings {
  return {
    sources: [
      {
        id: SAMPLE_SOURCE_ID,
        kind: 'sample',
        name: 'Sample scenes (Pakistan, embedded)',
        location: 'sample-data/catalog.json',
        enabled: true,
      },
    ],
    cacheSizeMB: 2048,
    language: 'en',
  };
}

type SettingsApi = NigahServices['settings'];

export interface SettingsStore extends SettingsApi {
  /** Problems met while loading (e.g. a corrupt file that was set aside). */
  warnings(): string[];
  file: string;
}

export function createSettingsStore(userDataDir: string): SettingsStore {
  const file = path.join(userDataDir, 'settings.json');
  let cached: Settings | undefined;
  const warnings: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    if (cached) return cached;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') {
        cached = defaultSettings();
        return cached;
      }
      throw e;
    }
    let parsed: ReturnType<typeof SettingsSchema.safeParse>;
    try {
      parsed = SettingsSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = SettingsSchema.safeParse(undefined);
    }
    if (parsed.success) {
      cached = parsed.data;
      if (!cached.sources.some((s) => s.kind === 'sample'))
        cached.sources.unshift(defaultSettings().sources[0]);
    } else {
      const aside = `${file}.corrupt-${Date.now()}`;
      await fs.rename(file, aside).catch(() => {});
      warnings.push(`Settings file was unreadable and was kept as ${aside}; defaults are in use.`);
      cached = defaultSettings();
    }
    return cached;
  }

  return {
    file,
    warnings: () => [...warnings],
    get: () => load(),
    update(patch) {
      // Serialize updates so two quick edits cannot interleave their writes.
      const run = queue.then(async () => {
        const current = await load();
        const next = SettingsSchema.safeParse({ ...current, ...patch });
        if (!next.success)
          throw new NigahError('BAD_ARGUMENT', 'Those settings are not valid.', {
            details: { issues: next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
          });
        const ids = next.data.sources.map((s) => s.id);
        if (new Set(ids).size !== ids.length)
          throw new NigahError('BAD_ARGUMENT', 'Two sources have the same id.', {
            hint: 'Give each source its own id.',
          });
        await writeFileAtomic(file, `${JSON.stringify(next.data, null, 2)}\n`);
        cached = next.data;
        return cached;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
