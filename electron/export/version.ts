/** The app's version from its package.json (printed on every page). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function appVersionAt(appRoot: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}
