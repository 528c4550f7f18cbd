/** The scene list filters (client-side: the list is already in memory). */
import type { SceneSummary } from '../../../shared/scene';
import type { Filters } from '../state/store';

export function sensorOf(s: SceneSummary): string {
  return s.sensor || s.platform || s.collection || 'unknown';
}

export function filterScenes(scenes: SceneSummary[], f: Filters): SceneSummary[] {
  return scenes.filter((s) => {
    const day = s.datetime ? s.datetime.slice(0, 10) : '';
    if (f.from && (!day || day < f.from)) return false;
    if (f.to && (!day || day > f.to)) return false;
    if (f.maxCloud < 100 && s.cloudCover !== null && s.cloudCover > f.maxCloud) return false;
    if (f.sensor && sensorOf(s) !== f.sensor) return false;
    return true;
  });
}
