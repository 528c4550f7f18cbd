import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceConfig } from '../../../../shared/contract';
import { PathPicker } from '../../components/PathPicker';
import { OpenEOSourceFields } from '../openeo/OpenEOSourceFields';
import {
  configToDraft,
  draftToConfig,
  KINDS,
  kindInfo,
  newSourceId,
  type SourceDraft,
  validateDraft,
} from './kinds';

export function SourceForm({
  initial,
  takenIds,
  onSave,
  onCancel,
}: {
  /** The source being edited, or null to add one. */
  initial: SourceConfig | null;
  takenIds: string[];
  onSave(source: SourceConfig): Promise<boolean>;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState<SourceDraft>(
    initial ? configToDraft(initial) : { kind: 'folder', name: '', location: '', collections: '' },
  );
  const { t } = useTranslation('workspace');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const errors = validateDraft(draft);
  const info = kindInfo(draft.kind);
  const invalid = Object.keys(errors).length > 0;
  const set = (patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (invalid) return;
    setSaving(true);
    const id = initial?.id ?? newSourceId(draft.name, takenIds);
    const ok = await onSave(draftToConfig(draft, id, initial?.enabled ?? true));
    setSaving(false);
    if (ok) onCancel();
  }

  const show = (field: keyof typeof errors) =>
    touched && errors[field] ? (
      <div className="field-error" data-error={field}>
        {errors[field]}
      </div>
    ) : null;

  return (
    <form className="source-form" onSubmit={submit} data-testid="source-form">
      <div className="form-title">{initial ? t('form.edit', { name: initial.name }) : t('form.add')}</div>
      <label>
        {t('form.kind')}
        <select
          name="kind"
          value={draft.kind}
          disabled={initial !== null}
          onChange={(e) => set({ kind: e.target.value as SourceDraft['kind'] })}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {t(`sources.kinds.${k.kind}`)}
            </option>
          ))}
        </select>
      </label>
      {info && <div className="hint kind-hint">{t(`form.hints.${info.kind}`)}</div>}
      <label>
        {t('form.name')}
        <input
          name="name"
          value={draft.name}
          placeholder={t('form.namePlaceholder')}
          onChange={(e) => set({ name: e.target.value })}
        />
      </label>
      {show('name')}
      {draft.kind === 'folder' ? (
        <div className="source-location">
          <span>{t('form.path')}</span>
          <PathPicker
            kind="folder"
            name="location"
            value={draft.location}
            placeholder={info?.placeholder}
            label={t('form.path')}
            onChange={(location) => set({ location })}
            testId="source-location"
          />
        </div>
      ) : (
        <label>
          {t(
            info?.accepts === 'url' ? 'form.url' : info?.accepts === 'path' ? 'form.path' : 'form.pathOrUrl',
          )}
          <input
            name="location"
            value={draft.location}
            placeholder={info?.placeholder}
            spellCheck={false}
            onChange={(e) => set({ location: e.target.value })}
          />
        </label>
      )}
      {show('location')}
      {draft.kind === 'stac-api' && (
        <>
          <label>
            {t('form.collections')}
            <input
              name="collections"
              value={draft.collections}
              placeholder="sentinel-2-l2a, landsat-c2-l2"
              onChange={(e) => set({ collections: e.target.value })}
            />
          </label>
          {show('collections')}
        </>
      )}
      {draft.kind === 'openeo' && (
        <OpenEOSourceFields value={draft.openeo} onChange={(openeo) => set({ openeo })} />
      )}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={saving || (touched && invalid)}>
          {t(saving ? 'saving' : initial ? 'form.save' : 'sources.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('analysis.cancel')}
        </button>
      </div>
    </form>
  );
}
