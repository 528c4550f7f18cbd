/**
 * OpenID Connect device authorization grant (RFC 8628) for backends whose provider offers it: the
 * user opens the verification URL on any device and enters the code; Nigah polls the token
 * endpoint until the grant is approved, denied or expired.
 */
import { NigahError } from '../../shared/errors';

interface Discovery {
  device_authorization_endpoint?: string;
  token_endpoint: string;
}

async function postForm(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

export async function deviceFlowToken(
  issuer: string,
  clientId: string,
  onCode?: (verificationUri: string, userCode: string) => void,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<string> {
  const base = issuer.replace(/\/\.well-known\/openid-configuration$/, '').replace(/\/$/, '');
  const d = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Discovery;
  if (!d.device_authorization_endpoint)
    throw new NigahError('UNAUTHORIZED', `The sign-in provider ${issuer} does not offer the device flow.`, {
      hint: 'Use client credentials or HTTP basic sign-in for this backend.',
    });
  const start = await postForm(d.device_authorization_endpoint, { client_id: clientId, scope: 'openid' });
  if (start.status >= 400)
    throw new NigahError(
      'UNAUTHORIZED',
      `The device sign-in could not start: ${String(start.body.error ?? start.status)}.`,
    );
  const b = start.body as {
    device_code: string;
    user_code: string;
    verification_uri?: string;
    verification_uri_complete?: string;
    interval?: number;
    expires_in?: number;
  };
  onCode?.(b.verification_uri_complete ?? b.verification_uri ?? '', b.user_code);
  let interval = (b.interval ?? 5) * 1000;
  const deadline = Date.now() + (b.expires_in ?? 600) * 1000;
  while (Date.now() < deadline) {
    await sleep(interval);
    const r = await postForm(d.token_endpoint, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: b.device_code,
      client_id: clientId,
    });
    if (r.status < 400 && typeof r.body.access_token === 'string') return r.body.access_token;
    if (r.body.error === 'slow_down') interval += 5000;
    else if (r.body.error !== 'authorization_pending')
      throw new NigahError(
        'UNAUTHORIZED',
        `The device sign-in failed: ${String(r.body.error ?? r.status)}.`,
        {
          hint: 'Start the sign-in again and approve it on the verification page.',
        },
      );
  }
  throw new NigahError('TIMEOUT', 'The device sign-in expired before it was approved.', {
    hint: 'Start it again.',
  });
}
