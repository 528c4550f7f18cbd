/**
 * Settings: a JSON file in the user-data folder, validated on every read and write, written
 * atomically. A corrupt file is kept aside (never silently lost) and defaults are used; a source the
 * app cannot read (an unknown kind, from a newer version) is dropped alone. Either way the user is
 * told: the notices reach the renderer through app.info.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type NigahServices, type Settings, SettingsSchema, SourceConfigSchema } from '../../shared/contract';
import { type ErrorData, NigahError } from '../../shared/errors';
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
  /** Problems met while loading (a corrupt file set aside, sources dropped), as messages. */
  warnings(): string[];
  /** The same problems as coded notices for the user. */
  notices(): ErrorData[];
  file: string;
}

export function createSettingsStore(userDataDir: string): SettingsStore {
  const file = path.join(userDataDir, 'settings.json');
  let cached: Settings | undefined;
  const notices: ErrorData[] = [];
  /** Sources left out on load, written back unchanged so they are never lost. */
  const dropped: unknown[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    if (cached) return cached;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT') {
        cached = defaultSettings();
        return cached;
      }
      if (code === 'EISDIR')
        throw new NigahError(
          'BAD_ARGUMENT',
          `The settings file ${file} is a folder, so Nigah cannot read or save its settings.`,
          {
            hint: 'Move or rename that folder (nothing in it is Nigah’s), then start Nigah again.',
            details: { file },
          },
        );
      throw e;
    }
    let parsed: ReturnType<typeof SettingsSchema.safeParse>;
    try {
      parsed = SettingsSchema.safeParse(dropUnreadableSources(JSON.parse(text), notices, dropped));
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
      notices.push({
        code: 'BAD_ARGUMENT',
        message: `The settings file was unreadable and was kept as ${aside}; default settings are in use.`,
        hint: 'Your sources and preferences from it are not lost: open that file to copy them back, or add the sources again.',
        details: { file: aside },
      });
      cached = defaultSettings();
    }
    return cached;
  }

  return {
    file,
    warnings: () => notices.map((n) => n.message),
    notices: () => [...notices],
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
        const kept = { ...next.data, sources: [...next.data.sources, ...dropped] };
        await writeFileAtomic(file, `${JSON.stringify(kept, null, 2)}\n`);
        cached = next.data;
        return cached;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}

/**
 * Sources that do not validate (an unknown kind written by a newer version, a missing field) are
 * removed one by one, each with a notice, so the rest of the settings still load.
 */
function dropUnreadableSources(json: unknown, notices: ErrorData[], dropped: unknown[]): unknown {
  const o = json as { sources?: unknown };
  if (!o || typeof o !== 'object' || !Array.isArray(o.sources)) return json;
  const kept = o.sources.filter((src) => {
    if (SourceConfigSchema.safeParse(src).success) return true;
    const s = (src ?? {}) as Record<string, unknown>;
    const label = typeof s.name === 'string' ? s.name : typeof s.id === 'string' ? s.id : 'a source';
    notices.push({
      code: 'BAD_ARGUMENT',
      message: `The source “${label}”${typeof s.kind === 'string' ? ` (kind “${s.kind}”)` : ''} cannot be read by this version of Nigah and was left out.`,
      hint: 'The other sources are loaded. It stays in settings.json for a version of Nigah that can read it.',
      details: { source: src as Record<string, unknown> },
    });
    dropped.push(src);
    return false;
  });
  return { ...o, sources: kept };
}
