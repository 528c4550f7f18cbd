/**
 * The area of interest: draw a rectangle or a polygon on the map, or pick a district from the
 * boundaries; then zoom to it, search scenes over it, and limit flood and water runs to it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJSONFeatureCollection } from '../../../../shared/contract';
import { api } from '../../api/client';
import { areaQuery } from '../../components/ScenePanel';
import { zoomToAoi } from '../../map/aoi';
import { featureName } from '../../map/boundaries';
import { loadCatalog } from '../../state/catalog';
import { setAoi, setAoiForAnalysis, setDrawing, useLayers } from '../../state/layers';
import { store } from '../../state/store';

type Rings = [number, number][][];

/** Outer rings of a (Multi)Polygon geometry, lon/lat. */
function outerRings(geom: { type: string; coordinates: unknown } | null | undefined): Rings {
  if (geom?.type === 'Polygon') return [(geom.coordinates as Rings)[0]];
  if (geom?.type === 'MultiPolygon') return (geom.coordinates as Rings[]).map((p) => p[0]);
  return [];
}

interface District {
  name: string;
  rings: Rings;
}

/** Levels to pick an area from, in order of preference. */
const LEVELS = ['district', 'division', 'province'] as const;
type Level = (typeof LEVELS)[number];

/** The areas of the district layer (else divisions, else provinces), sorted by name. */
function useDistricts(): { districts: District[]; level: Level; error: string | null } {
  const [districts, setDistricts] = useState<District[]>([]);
  const [level, setLevel] = useState<Level>('district');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const list = await api.boundaries.list();
      const found = LEVELS.map((lv) => list.find((l) => l.level === lv)).find((l) => !!l);
      if (!found) return;
      const layer = found;
      const fc = (await api.boundaries.get(layer.id)) as GeoJSONFeatureCollection;
      const out = fc.features
        .map((f) => ({ name: featureName(f.properties), rings: outerRings(f.geometry) }))
        .filter((d) => d.name && d.rings.length)
        .sort((a, b) => a.name.localeCompare(b.name));
      if (!live) return;
      setDistricts(out);
      setLevel(layer.level as Level);
    })().catch((e: unknown) => live && setError(String((e as Error)?.message ?? e)));
    return () => {
      live = false;
    };
  }, []);
  return { districts, level, error };
}

export function AoiPanel() {
  const { t } = useTranslation('layers');
  const aoi = useLayers((s) => s.aoi);
  const drawing = useLayers((s) => s.drawing);
  const forAnalysis = useLayers((s) => s.aoiForAnalysis);
  const { districts, level, error } = useDistricts();
  const search = () => {
    if (aoi) void loadCatalog(areaQuery(store.getState().filters, aoi.bbox));
  };
  return (
    <section className="panel aoi-panel" data-testid="aoi-panel">
      <div className="panel-head">
        <h2>{t('aoi.title')}</h2>
      </div>
      <div className="presets">
        {(['rectangle', 'polygon'] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={drawing === k}
            className={drawing === k ? 'on' : ''}
            onClick={() => setDrawing(drawing === k ? null : k)}
            data-draw={k}
          >
            {t(`aoi.draw.${k}`)}
          </button>
        ))}
      </div>
      {drawing && <div className="muted">{t(`aoi.drawing.${drawing}`, { key: 'Esc' })}</div>}
      <label className="field">
        <span>{t(`aoi.pick.${level}`)}</span>
        <select
          value={aoi?.kind === 'district' ? aoi.name : ''}
          onChange={(e) => {
            const d = districts.find((x) => x.name === e.target.value);
            if (d) {
              setAoi({ kind: 'district', name: d.name, rings: d.rings });
              zoomToAoi();
            }
          }}
          data-testid="aoi-district"
        >
          <option value="">{districts.length ? t('aoi.pickDistrict') : t('aoi.noDistricts')}</option>
          {districts.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {error && <div className="bandmath-error">{error}</div>}
      {aoi && (
        <div data-testid="aoi-current">
          <div className="muted">
            {aoi.kind === 'district' ? aoi.name : t(`aoi.kinds.${aoi.kind}`)}{' '}
            <span dir="ltr">[{aoi.bbox.map((v) => v.toFixed(3)).join(', ')}]</span>
          </div>
          <div className="row-buttons">
            <button type="button" onClick={zoomToAoi} data-testid="aoi-zoom">
              {t('aoi.zoom')}
            </button>
            <button type="button" onClick={search} data-testid="aoi-search">
              {t('aoi.search')}
            </button>
            <button type="button" onClick={() => setAoi(null)} data-testid="aoi-clear">
              {t('aoi.clear')}
            </button>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={forAnalysis}
              onChange={(e) => setAoiForAnalysis(e.target.checked)}
              data-testid="aoi-analysis"
            />
            {t('aoi.forAnalysis')}
          </label>
        </div>
      )}
    </section>
  );
}
