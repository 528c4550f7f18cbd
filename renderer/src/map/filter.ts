/** The scene list filters (client-side: the list is already in memory). */
import type { SceneSummary } from '../../../shared/scene';
import type { Filters } from '../state/store';

export function sensorOf(s: SceneSummary): string {
  return s.sensor || s.platform || s.collection || 'unknown';
}

/** Sensor names compare without case: "TM" and "tm" are one sensor. */
export function sensorKey(name: string): string {
  return name.trim().toLowerCase();
}

/** One entry per sensor (ignoring case), named as most of its scenes name it, sorted. */
export function sensorChoices(scenes: SceneSummary[]): { key: string; name: string }[] {
  const counts = new Map<string, Map<string, number>>();
  for (const s of scenes) {
    const name = sensorOf(s);
    const byName = counts.get(sensorKey(name)) ?? new Map<string, number>();
    byName.set(name, (byName.get(name) ?? 0) + 1);
    counts.set(sensorKey(name), byName);
  }
  return [...counts]
    .map(([key, byName]) => {
      // The most used spelling; on a tie the one with capitals ("TM" over "tm").
      const [name] = [...byName].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      return { key, name };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A cloud limit below 100 % keeps only scenes whose cloud cover is known and within it: a scene of
 * unknown cloud cannot be said to pass the limit.
 */
export function filterScenes(scenes: SceneSummary[], f: Filters): SceneSummary[] {
  return scenes.filter((s) => {
    const day = s.datetime ? s.datetime.slice(0, 10) : '';
    if (f.from && (!day || day < f.from)) return false;
    if (f.to && (!day || day > f.to)) return false;
    if (f.maxCloud < 100 && (s.cloudCover === null || s.cloudCover > f.maxCloud)) return false;
    if (f.sensor && sensorKey(sensorOf(s)) !== sensorKey(f.sensor)) return false;
    return true;
  });
}
