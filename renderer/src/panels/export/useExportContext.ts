/** What is on screen, as the export dialog needs it (scene, index, the analysis result shown). */

import { usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import type { ExportContext } from './exportRequest';

export function useExportContext(): ExportContext {
  const sceneId = useApp((s) => s.sceneId);
  const indexId = useApp((s) => s.indexId);
  const result = usePanels((s) => s.result);
  const recent = usePanels((s) => s.recent);
  const run = usePanels((s) => s.run);
  const request =
    (run?.job.id === result?.jobId ? run?.request : null) ??
    recent.find((r) => r.jobId === result?.jobId)?.request ??
    null;
  const flood = request?.kind === 'flood' ? request.request : null;
  return {
    sceneId,
    indexId,
    result: result
      ? {
          jobId: result.jobId,
          kind: result.kind,
          preId: flood?.preId,
          postId: flood?.postId,
          zones: flood?.zones ?? request?.request.zones,
        }
      : null,
  };
}
