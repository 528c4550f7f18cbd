/**
 * A path field with a way to choose instead of typing. In the desktop app the button opens the
 * system's open dialog (app.pickPath) and puts the chosen path in the field. In browser mode the
 * host cannot open a dialog in the user's browser: the button opens the browser's file chooser and
 * uploads the files (api/upload.ts), and the field gets the path the host stored them at. A folder
 * cannot be uploaded, so in browser mode a folder field stays typed and says why. The typed path
 * always remains an alternative.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickPathRequest } from '../../../shared/contract';
import { type ErrorData, toErrorData } from '../../../shared/errors';
import { api, hostKind } from '../api/client';
import { uploadFiles } from '../api/upload';
import { fmtNumber } from '../i18n';
import { Problem } from './Problem';
import './path-picker.css';

type Filter = NonNullable<PickPathRequest['filters']>[number];

export interface PathPickerProps {
  kind: 'file' | 'folder';
  value: string;
  onChange(path: string): void;
  /** Dialog filters (desktop) and the file chooser's accept list (browser). */
  filters?: Filter[];
  /** Browser mode: accept several files at once (a loose shapefile's .shp, .shx, .dbf, .prj). */
  multiple?: boolean;
  /** Of several uploaded files, the one whose extension is listed here is the path used. */
  main?: string[];
  /** Browser mode: more extensions the file chooser takes beside the filters' (.shx, .dbf, .prj). */
  companions?: string[];
  placeholder?: string;
  /** The field's accessible name. */
  label: string;
  name?: string;
  testId?: string;
  disabled?: boolean;
}

function acceptList(filters: Filter[] | undefined, companions: string[] = []): string | undefined {
  const exts = [...(filters ?? []).flatMap((f) => f.extensions), ...companions].filter((e) => e !== '*');
  return exts.length ? exts.map((e) => `.${e}`).join(',') : undefined;
}

export function PathPicker(props: PathPickerProps) {
  const { kind, value, onChange, filters, testId = 'path' } = props;
  const { t } = useTranslation('picker');
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  /** The files last uploaded and the path they gave, shown while the field still holds that path. */
  const [uploaded, setUploaded] = useState<{ names: string; path: string } | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const desktop = hostKind() === 'electron';
  const busy = progress !== null;

  const choose = async () => {
    setError(null);
    if (!desktop) return fileInput.current?.click();
    try {
      const title = t(kind === 'folder' ? 'chooseFolderTitle' : 'chooseFileTitle');
      const all = { name: t('allFiles'), extensions: ['*'] };
      const picked = await api.app.pickPath({ kind, title, filters: filters && [...filters, all] });
      if (picked !== null) onChange(picked);
    } catch (e) {
      const err = toErrorData(e);
      if (err.code === 'NOT_AVAILABLE' && kind === 'file') fileInput.current?.click();
      else setError(err);
    }
  };

  const upload = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (fileInput.current) fileInput.current.value = '';
    if (!files.length) return;
    setError(null);
    setUploaded(null);
    const name = files.map((f) => f.name).join(', ');
    setProgress({ name, fraction: 0 });
    try {
      const main = props.main ?? [];
      const stored = await uploadFiles(files, main, (fraction) => setProgress({ name, fraction }));
      onChange(stored);
      setUploaded({ names: name, path: stored });
    } catch (e) {
      setError(toErrorData(e));
    } finally {
      setProgress(null);
    }
  };

  const canChoose = desktop || kind === 'file';
  const showUploaded = uploaded !== null && uploaded.path === value && !progress;
  return (
    <div className="path-picker" data-testid={`${testId}-picker`}>
      <div className="path-picker-row">
        <input
          type="text"
          name={props.name}
          value={value}
          dir="ltr"
          spellCheck={false}
          placeholder={props.placeholder}
          aria-label={props.label}
          disabled={props.disabled || busy}
          title={value || undefined}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        {canChoose && (
          <button
            type="button"
            disabled={props.disabled || busy}
            onClick={() => void choose()}
            data-testid={`${testId}-choose`}
          >
            {desktop ? t(kind === 'folder' ? 'chooseFolder' : 'chooseFile') : t('upload')}
          </button>
        )}
      </div>
      {!desktop && kind === 'file' && (
        <input
          ref={fileInput}
          type="file"
          hidden
          multiple={props.multiple}
          accept={acceptList(filters, props.companions)}
          onChange={(e) => void upload(e.target.files)}
          data-testid={`${testId}-file`}
        />
      )}
      {progress && (
        <div className="path-picker-progress" role="status">
          <progress value={progress.fraction} max={1} />
          <span>
            {t('uploading', {
              name: progress.name,
              percent: `${fmtNumber(Math.round(progress.fraction * 100))}%`,
            })}
          </span>
        </div>
      )}
      {showUploaded && (
        <div className="muted" role="status" data-testid={`${testId}-uploaded`}>
          {t('uploaded', { name: uploaded.names })}
        </div>
      )}
      {!desktop && kind === 'folder' && <div className="muted">{t('folderInBrowser')}</div>}
      {!desktop && kind === 'file' && !showUploaded && !progress && (
        <div className="muted">{t('uploadNote')}</div>
      )}
      {error && <Problem error={error} />}
    </div>
  );
}
