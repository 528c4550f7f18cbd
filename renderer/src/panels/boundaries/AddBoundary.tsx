/**
 * Adding a boundary file (path or URL): inspect it, then choose the layer, the English and Urdu
 * name fields, the level, and the licence and attribution printed on every export that uses it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOUNDARY_LEVELS, type BoundaryInspection, type BoundaryLevel } from '../../../../shared/contract';
import { type ErrorData, toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { PathPicker } from '../../components/PathPicker';
import { fmtNumber } from '../../i18n';
import { ErrorNote } from './ErrorNote';
import { LevelSelect } from './LevelSelect';

/** The boundary formats the service reads (electron/boundaries/formats.ts). */
const BOUNDARY_FILTERS = (name: string) => [
  { name, extensions: ['geojson', 'json', 'topojson', 'kml', 'zip', 'shp'] },
];

export function AddBoundary({ onAdded }: { onAdded(): void }) {
  const { t } = useTranslation('boundaries');
  const [location, setLocation] = useState('');
  const [info, setInfo] = useState<BoundaryInspection | null>(null);
  const [layer, setLayer] = useState('');
  const [nameField, setNameField] = useState('');
  const [nameUrField, setNameUrField] = useState('');
  const [level, setLevel] = useState<BoundaryLevel>('district');
  const [name, setName] = useState('');
  const [license, setLicense] = useState('');
  const [attribution, setAttribution] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);

  const inspect = async (wanted?: string) => {
    setBusy(true);
    setError(null);
    try {
      const i = await api.boundaries.inspect(location.trim(), wanted);
      setInfo(i);
      setLayer(i.layer);
      setNameField(i.suggested.nameField ?? '');
      setNameUrField(i.suggested.nameUrField ?? '');
      setLevel(i.suggested.level ?? 'district');
    } catch (e) {
      setInfo(null);
      setError(toErrorData(e));
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.boundaries.add({
        location: location.trim(),
        layer: layer || undefined,
        level,
        name: name.trim() || undefined,
        nameField: nameField || undefined,
        nameUrField: nameUrField || undefined,
        license: license.trim() || undefined,
        attribution: attribution.trim() || undefined,
      });
      setInfo(null);
      setLocation('');
      onAdded();
    } catch (e) {
      setError(toErrorData(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldOptions = (info?.fields ?? []).map((f) => (
    <option key={f.name} value={f.name}>
      {f.name}: {f.samples.join(', ')}
    </option>
  ));

  return (
    <form className="boundary-add" onSubmit={(e) => e.preventDefault()} data-testid="boundary-add">
      <h3>{t('add.title')}</h3>
      <div className="boundary-location">
        <span>{t('add.location')}</span>
        <PathPicker
          kind="file"
          value={location}
          onChange={(path) => {
            setLocation(path);
            setInfo(null);
          }}
          filters={BOUNDARY_FILTERS(t('picker:boundaryFiles'))}
          multiple
          main={['shp']}
          companions={['shx', 'dbf', 'prj', 'cpg']}
          placeholder={t('add.placeholder')}
          label={t('add.location')}
          testId="boundary-location"
        />
      </div>
      <div className="muted small">{t('add.formats')}</div>
      <button
        type="button"
        disabled={busy || !location.trim()}
        onClick={() => inspect()}
        data-testid="boundary-inspect"
      >
        {t('add.inspect')}
      </button>
      {info && (
        <div className="boundary-choose">
          <div className="muted small" data-testid="boundary-summary">
            {t('add.summary', { value: fmtNumber(info.featureCount), crs: info.crs })}
          </div>
          {info.layers.length > 1 && (
            <label>
              {t('add.layer')}
              <select value={layer} onChange={(e) => inspect(e.target.value)} data-testid="boundary-layer">
                {info.layers.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('add.nameField')}
            <select
              value={nameField}
              onChange={(e) => setNameField(e.target.value)}
              data-testid="boundary-name-field"
            >
              {fieldOptions}
            </select>
          </label>
          <label>
            {t('add.nameUrField')}
            <select value={nameUrField} onChange={(e) => setNameUrField(e.target.value)}>
              <option value="">{t('add.none')}</option>
              {fieldOptions}
            </select>
          </label>
          <LevelSelect levels={BOUNDARY_LEVELS} value={level} onChange={setLevel} testId="boundary-level" />
          <label>
            {t('add.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={info.layer} />
          </label>
          <label>
            {t('license')}
            <input
              value={license}
              onChange={(e) => setLicense(e.target.value)}
              placeholder={t('add.licensePlaceholder')}
            />
          </label>
          <label>
            {t('attribution')}
            <input
              value={attribution}
              onChange={(e) => setAttribution(e.target.value)}
              placeholder={t('add.attributionPlaceholder')}
            />
          </label>
          {info.problems.length > 0 && (
            <div className="muted small">{t('problems', { value: fmtNumber(info.problems.length) })}</div>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={add}
            data-testid="boundary-add-confirm"
          >
            {t('add.confirm')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
