// Worker bootstrap for running the TypeScript worker straight from source (CLI, tests, bench):
// registers tsx's loader inside the thread, then loads worker.ts. Bundled builds point the pool at
// their compiled worker instead (NIGAH_ENGINE_WORKER or a sibling engine-worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
