/**
 * The openEO panel: the analysis of the current map area sent to an openEO backend as a batch job,
 * the jobs with status, progress, logs and cancel (remembered across restarts), and their results
 * fetched into the offline store and shown on the map with the district table.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICES } from '../../../../shared/analysis/indices';
import type { SourceConfig } from '../../../../shared/contract';
import { describeError, toErrorData } from '../../../../shared/errors';
import { COLLECTIONS } from '../../../../shared/openeo/collections';
import type { OpenEOJobInfo } from '../../../../shared/openeo/service';
import { api } from '../../api/client';
import { fmtNumber } from '../../i18n';
import { usePanels } from '../../state/panels';
import { useApp } from '../../state/store';
import { type Draft, defaultDraft, FINAL, openResult, requestOf } from './actions';
import { JobRow } from './JobRow';
import './openeo.css';

function SignIn({ source }: { source: SourceConfig }) {
  const { t } = useTranslation('openeo');
  const [secret, setSecret] = useState('');
  const [state, setState] = useState<string | null>(null);
  const kind = source.openeo?.kind ?? 'none';
  if (kind === 'none') return null;
  if (kind === 'oidc-device') return <DeviceSignIn source={source} />;
  async function signIn(e: React.FormEvent) {
    e.preventDefault();
    try {
      const where = await api.openeo.signIn(source.id, secret);
      setSecret('');
      setState(t(where === 'keychain' ? 'signIn.keychain' : 'signIn.session'));
    } catch (err) {
      setState(describeError(err));
    }
  }
  return (
    <form className="openeo-signin" onSubmit={signIn}>
      <label>
        {t(kind === 'basic' ? 'signIn.password' : 'signIn.clientSecret')}
        <input
          type="password"
          name="openeo-secret"
          value={secret}
          autoComplete="current-password"
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!secret}>
        {t('signIn.button')}
      </button>
      {state && (
        <div className="hint" data-testid="openeo-signin-state">
          {state}
        </div>
      )}
    </form>
  );
}

function DeviceSignIn({ source }: { source: SourceConfig }) {
  const { t } = useTranslation('openeo');
  const [code, setCode] = useState<{ verificationUri: string; userCode: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function start() {
    setError(null);
    try {
      setCode(await api.openeo.deviceSignIn(source.id));
    } catch (e) {
      setError(describeError(e));
    }
  }
  return (
    <div className="openeo-signin">
      <button type="button" onClick={() => void start()}>
        {t('signIn.device')}
      </button>
      {code && (
        <div className="hint" data-testid="openeo-device-code">
          {t('signIn.deviceCode', { code: code.userCode })}{' '}
          <a href={code.verificationUri} target="_blank" rel="noreferrer">
            {code.verificationUri}
          </a>
        </div>
      )}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

function AnalysisFields({ d, set }: { d: Draft; set(p: Partial<Draft>): void }) {
  const { t } = useTranslation('openeo');
  const date = (key: keyof Draft, label: string) => (
    <label className="field">
      {label}
      <input
        type="date"
        name={`openeo-${key}`}
        value={d[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </label>
  );
  return (
    <>
      <label className="field">
        {t('analysis.label')}
        <select
          name="openeo-analysis"
          value={d.analysis}
          onChange={(e) => set({ analysis: e.target.value as Draft['analysis'] })}
        >
          <option value="flood">{t('analysis.flood')}</option>
          <option value="water">{t('analysis.water')}</option>
          <option value="index">{t('analysis.index')}</option>
        </select>
      </label>
      {d.analysis === 'index' && (
        <label className="field">
          {t('analysis.indexLabel')}
          <select name="openeo-index" value={d.index} onChange={(e) => set({ index: e.target.value })}>
            {INDICES.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        {t('analysis.collection')}
        <select
          name="openeo-collection"
          value={d.collection}
          onChange={(e) => set({ collection: e.target.value })}
        >
          {COLLECTIONS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      {d.analysis === 'flood' && date('preFrom', t('dates.preFrom'))}
      {d.analysis === 'flood' && date('preTo', t('dates.preTo'))}
      {date('from', t(d.analysis === 'flood' ? 'dates.postFrom' : 'dates.from'))}
      {date('to', t(d.analysis === 'flood' ? 'dates.postTo' : 'dates.to'))}
      {d.analysis !== 'index' && (
        <label className="field">
          {t('analysis.threshold')}
          <input
            name="openeo-threshold"
            inputMode="decimal"
            value={d.threshold}
            placeholder="0"
            onChange={(e) => set({ threshold: e.target.value })}
          />
        </label>
      )}
    </>
  );
}

export function OpenEOPanel() {
  const { t } = useTranslation('openeo');
  const settings = usePanels((s) => s.settings);
  const extent = useApp((s) => s.view.extent);
  const backends = (settings?.sources ?? []).filter((s) => s.kind === 'openeo' && s.enabled);
  const [sourceId, setSourceId] = useState('');
  const [d, setD] = useState<Draft>(defaultDraft);
  const [jobs, setJobs] = useState<OpenEOJobInfo[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [graph, setGraph] = useState<string | null>(null);
  const source = backends.find((b) => b.id === sourceId) ?? backends[0];
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));
  const request = requestOf(d, extent);

  const reload = useCallback(() => api.openeo.jobs().then(setJobs, (e) => setMessage(describeError(e))), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const busy = jobs.some((j) => !FINAL.has(j.status) && !j.error);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), 1500);
    return () => clearInterval(timer);
  }, [busy, reload]);

  async function submit() {
    if (!source || !request) return;
    setMessage(t('submit.sending'));
    try {
      const job = await api.openeo.submit(source.id, request);
      setJobs((js) => [job, ...js.filter((j) => j.id !== job.id)]);
      setMessage(null);
    } catch (e) {
      setMessage(describeError(e));
    }
  }

  async function showGraph() {
    if (!request) return;
    try {
      const g = await api.openeo.graph(request);
      setGraph(JSON.stringify(g.process, null, 2));
    } catch (e) {
      setMessage(describeError(e));
    }
  }

  if (!backends.length)
    return (
      <section className="openeo-panel" data-testid="openeo-panel">
        <h2>{t('title')}</h2>
        <p className="hint">{t('noBackend')}</p>
      </section>
    );
  return (
    <section className="openeo-panel" data-testid="openeo-panel">
      <h2>{t('title')}</h2>
      <label className="field">
        {t('backend')}
        <select name="openeo-backend" value={source?.id} onChange={(e) => setSourceId(e.target.value)}>
          {backends.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      {source && <SignIn source={source} />}
      <AnalysisFields d={d} set={set} />
      <div className="hint" data-testid="openeo-area">
        {extent ? t('area.view', { bbox: extent.map((v) => fmtNumber(v, 3)).join(', ') }) : t('area.none')}
      </div>
      <div className="form-buttons">
        <button
          type="button"
          className="primary"
          disabled={!request}
          onClick={() => void submit()}
          data-testid="openeo-submit"
        >
          {t('submit.button')}
        </button>
        <button type="button" disabled={!request} onClick={() => void showGraph()}>
          {t('graph.button')}
        </button>
      </div>
      {message && (
        <div className="field-error" role="status">
          {message}
        </div>
      )}
      {graph && (
        <details open>
          <summary>{t('graph.title')}</summary>
          <pre className="openeo-graph">{graph}</pre>
        </details>
      )}
      <h3>{t('jobs.title')}</h3>
      {jobs.length === 0 && <p className="hint">{t('jobs.none')}</p>}
      <ul className="openeo-jobs" data-testid="openeo-jobs">
        {jobs.map((j) => (
          <JobRow
            key={`${j.sourceId}:${j.id}`}
            job={j}
            onChanged={(next) => setJobs((js) => js.map((x) => (x.id === next.id ? next : x)))}
            onOpen={(progress) => openResult(j, progress)}
            onError={(e) => setMessage(describeError(toErrorData(e)))}
          />
        ))}
      </ul>
    </section>
  );
}
