/**
 * The typed client: the only way renderer code reaches the host. In Electron the preload exposes
 * `window.nigah` (named functions bound to IPC); in browser mode the same calls go to the loopback
 * host as POST /api/<service>/<method>. Either way the reply is a DispatchResult envelope; errors
 * are rethrown as NigahError. Raster bytes are never in these replies: they are fetched by range
 * from rasterUrl(href), which is the same relative path in both hosts (Electron serves the app from
 * its own nigah://app origin).
 */
import { CONTRACT, type NigahServices, type ServiceName } from '../../../shared/contract';
import type { DispatchResult } from '../../../shared/dispatch';
import { fromErrorData, NigahError } from '../../../shared/errors';

type Bridge = Record<string, Record<string, (...args: unknown[]) => Promise<DispatchResult>>>;

declare global {
  interface Window {
    nigah?: Bridge;
  }
}

function unwrap(result: DispatchResult): unknown {
  if (result.ok) return result.value;
  throw fromErrorData(result.error);
}

/** This run's CSRF value, which the browser-mode host puts in the page (electron/host/csrf.ts). */
export function csrfValue(): string {
  const meta = typeof document !== 'undefined' ? document.querySelector('meta[name="nigah-csrf"]') : null;
  return meta?.getAttribute('content') ?? '';
}

async function httpCall(service: string, method: string, args: unknown[]): Promise<DispatchResult> {
  let res: Response;
  try {
    res = await fetch(`/api/${service}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nigah-csrf': csrfValue() },
      credentials: 'same-origin',
      body: JSON.stringify({ args }),
    });
  } catch (e) {
    throw new NigahError('NETWORK', 'The Nigah host is not answering.', {
      hint: 'Check that `npm run web` is still running, then reload the page.',
      cause: e,
    });
  }
  const text = await res.text();
  try {
    return JSON.parse(text) as DispatchResult;
  } catch {
    throw new NigahError('HTTP', `The Nigah host answered ${res.status} ${res.statusText}.`, {
      hint:
        res.status === 401
          ? 'Open the URL printed by `npm run web` (it carries the session key).'
          : undefined,
    });
  }
}

export function createClient(): NigahServices {
  const bridge = typeof window !== 'undefined' ? window.nigah : undefined;
  const client: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const service of Object.keys(CONTRACT) as ServiceName[]) {
    client[service] = {};
    for (const method of Object.keys(CONTRACT[service])) {
      client[service][method] = async (...given: unknown[]) => {
        // An omitted optional argument must not arrive as null (JSON has no undefined).
        const args = [...given];
        while (args.length && args[args.length - 1] === undefined) args.pop();
        const result = bridge
          ? await bridge[service][method](...args)
          : await httpCall(service, method, args);
        return unwrap(result);
      };
    }
  }
  return client as unknown as NigahServices;
}

export function hostKind(): 'electron' | 'web' {
  return typeof window !== 'undefined' && window.nigah ? 'electron' : 'web';
}

/** URL a worker or geotiff.js can fetch (with Range) for an asset href. Relative to the app origin. */
export function rasterUrl(href: string): string {
  return `/raster?href=${encodeURIComponent(href)}`;
}

export const api: NigahServices = createClient();
