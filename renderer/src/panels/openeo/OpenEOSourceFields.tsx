/** The openEO part of the source form: how to sign in (the secret is asked for in the openEO panel). */
import { useTranslation } from 'react-i18next';
import { OPENEO_AUTH_KINDS, type OpenEOSourceAuth } from '../../../../shared/openeo/service';

export function OpenEOSourceFields({
  value,
  onChange,
}: {
  value: OpenEOSourceAuth | undefined;
  onChange(v: OpenEOSourceAuth): void;
}) {
  const { t } = useTranslation('openeo');
  const v = value ?? { kind: 'none' as const };
  const set = (patch: Partial<OpenEOSourceAuth>) => onChange({ ...v, ...patch });
  return (
    <>
      <label>
        {t('source.auth')}
        <select
          name="openeo-auth"
          value={v.kind}
          onChange={(e) => set({ kind: e.target.value as OpenEOSourceAuth['kind'] })}
        >
          {OPENEO_AUTH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`source.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {v.kind === 'basic' && (
        <label>
          {t('source.username')}
          <input
            name="openeo-username"
            value={v.username ?? ''}
            autoComplete="username"
            onChange={(e) => set({ username: e.target.value })}
          />
        </label>
      )}
      {(v.kind === 'oidc-client-credentials' || v.kind === 'oidc-device') && (
        <>
          <label>
            {t('source.clientId')}
            <input
              name="openeo-client-id"
              value={v.clientId ?? ''}
              spellCheck={false}
              onChange={(e) => set({ clientId: e.target.value })}
            />
          </label>
          <label>
            {t('source.provider')}
            <input
              name="openeo-provider"
              value={v.providerId ?? ''}
              spellCheck={false}
              onChange={(e) => set({ providerId: e.target.value || undefined })}
            />
          </label>
        </>
      )}
      <div className="hint">{t('source.secretHint')}</div>
    </>
  );
}
