/** What is on screen, as the export dialog needs it (scene, index, the analysis result shown, the visible layers). */

import { useEffect, useState } from 'react';
import type { BasemapLayer, BoundaryLayer } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLayers } from '../../state/layers';
import { usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import type { ExportContext } from './exportRequest';
import { visibleMapLayers } from './mapLayers';

/** The boundary and base-map layers the host offers (what the map loads). */
function useVectorMeta(): { boundaries: BoundaryLayer[]; basemap: BasemapLayer[] } {
  const [meta, setMeta] = useState<{ boundaries: BoundaryLayer[]; basemap: BasemapLayer[] }>({
    boundaries: [],
    basemap: [],
  });
  useEffect(() => {
    let live = true;
    Promise.all([api.boundaries.list(), api.boundaries.basemap().catch(() => [])]).then(
      ([boundaries, basemap]) => live && setMeta({ boundaries, basemap }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return meta;
}

export function useExportContext(): ExportContext {
  const sceneId = useApp((s) => s.sceneId);
  const indexId = useApp((s) => s.indexId);
  const view = useApp((s) => s.view.extent);
  const result = usePanels((s) => s.result);
  const recent = usePanels((s) => s.recent);
  const run = usePanels((s) => s.run);
  const request =
    (run?.job.id === result?.jobId ? run?.request : null) ??
    recent.find((r) => r.jobId === result?.jobId)?.request ??
    null;
  const flood = request?.kind === 'flood' ? request.request : null;
  const app = useApp((s) => s);
  const panel = useLayers((s) => s);
  const meta = useVectorMeta();
  const layers = visibleMapLayers({ app, panel, result: result ? { kind: result.kind } : null, ...meta });
  return {
    layers,
    sceneId,
    view,
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
