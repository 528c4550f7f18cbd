/**
 * One export measured in its own process (so peak RSS is the export's): `map` writes an A4
 * 300-dpi PDF map of the post-flood sample scene with its true flood mask, `report` the flood
 * report of the sample pair. Prints one JSON line: seconds and peak RSS in MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { floodReportFile } from '../../electron/export/flood-report';
import { exportMapFile } from '../../electron/export/map-export';
import { boundaryContext } from '../../electron/export/zones';
import { createBoundariesService } from '../../electron/services/boundaries';
import { createJobRunner } from '../../electron/services/jobs';

const SINDH = path.resolve('sample-data/sindh-synthetic');
const PRE = path.join(SINDH, 'S2-SYN-SINDH-20220615/S2-SYN-SINDH-20220615.json');
const POST = path.join(SINDH, 'S2-SYN-SINDH-20220830/S2-SYN-SINDH-20220830.json');

const what = process.argv[2];
const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-bench-export-'));
try {
  const boundaries = await boundaryContext(
    createBoundariesService({
      userDir: path.join(dir, 'b'),
      jobs: createJobRunner(),
      // The embedded base map as the build extracts it, as the app and the CLI read it.
      extractedDir: path.resolve('dist/basemap'),
    }),
  );
  const zonesFile = await boundaries.fileOf('ne-admin1');
  const t0 = performance.now();
  if (what === 'map') {
    const scene = await loadSceneInput(POST);
    await exportMapFile(
      {
        scene,
        mask: path.join(SINDH, 'truth/flood.tif'),
        zonesFile,
        lang: 'en',
        page: { size: 'a4', landscape: false },
        dpi: 300,
        version: 'bench',
        boundaries,
      },
      path.join(dir, 'map.pdf'),
      false,
    );
  } else {
    const [pre, post] = await Promise.all([loadSceneInput(PRE), loadSceneInput(POST)]);
    await floodReportFile(
      { pre, post, zonesFile, lang: 'en', version: 'bench', boundaries, releaseWorkers: closeSharedPool },
      path.join(dir, 'report.pdf'),
      false,
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  await closeSharedPool();
  process.stdout.write(
    `${JSON.stringify({ what, seconds, peakMB: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
