/**
 * Cross-site request forgery checks for browser mode's /api. A page on another loopback port is
 * "same-site" for the SameSite cookie, so the cookie alone proves nothing about who sent a request.
 * A request is accepted only when all hold:
 * - Sec-Fetch-Site, when the browser sends it, is "same-origin";
 * - Origin, when present, is this host's origin;
 * - the body is declared application/json (a form can send only urlencoded, multipart or text/plain;
 *   a no-cors fetch cannot declare JSON), or application/octet-stream for file uploads (equally out
 *   of reach of forms and no-cors fetches);
 * - the X-Nigah-CSRF header carries this run's value (a form cannot set headers, and a cross-origin
 *   fetch that does is stopped by the CORS preflight this host never grants).
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { ErrorData } from '../../shared/errors';
import type { StaticReply } from './static';

export const CSRF_HEADER = 'x-nigah-csrf';
const META = 'nigah-csrf';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const forbidden = (message: string): { status: number; error: ErrorData } => ({
  status: 403,
  error: {
    code: 'FORBIDDEN',
    message,
    hint: 'Use Nigah from its own page (the URL printed by `npm run web`); other pages cannot call it.',
  },
});

/** Why the request is refused (status and error), or null when it may proceed. */
export function csrfRefusal(
  req: http.IncomingMessage,
  origin: string,
  csrf: string,
  /** The body type this endpoint takes: JSON for /api, raw bytes for /upload. */
  bodyType: 'application/json' | 'application/octet-stream' = 'application/json',
): { status: number; error: ErrorData } | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin')
    return forbidden(`Refused a request sent from another site (Sec-Fetch-Site: ${site}).`);
  const from = req.headers.origin;
  if (from !== undefined && from !== origin)
    return forbidden(`Refused a request sent from another origin (${from}).`);
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== bodyType)
    return {
      status: 415,
      error: {
        code: 'BAD_ARGUMENT',
        message: `This call must send Content-Type: ${bodyType}, not ${type || 'nothing'}.`,
      },
    };
  const given = req.headers[CSRF_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, csrf))
    return forbidden('Refused a request without this session’s X-Nigah-CSRF header.');
  return null;
}

/** The app page with this run's CSRF value in a meta tag, which only same-origin script can read. */
export function withCsrfMeta(reply: StaticReply, csrf: string): StaticReply {
  if (reply.status !== 200 || !reply.headers['content-type']?.startsWith('text/html')) return reply;
  const html = typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8');
  const meta = `<meta name="${META}" content="${csrf}">`;
  const body = /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (m) => `${m}${meta}`)
    : html.replace(/^(<!doctype html>)?/i, (m) => `${m}${meta}`);
  return { ...reply, body };
}
