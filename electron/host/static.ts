/** The renderer's files, served the same way by both hosts (with the CSP on every response). */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

export interface StaticReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** A file of the built renderer by URL path; never anything outside rendererDir. */
export async function readStatic(rendererDir: string, pathname: string): Promise<StaticReply> {
  const root = path.resolve(rendererDir);
  let rel: string;
  try {
    rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return { status: 400, headers: {}, body: '' };
  }
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) return { status: 403, headers: {}, body: '' };
  try {
    const body = await fs.readFile(file);
    return {
      status: 200,
      headers: {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
      body,
    };
  } catch {
    if (rel === 'index.html')
      return {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'The renderer is not built. Run `npm run build` (or `npm run web`, which builds first).\n',
      };
    return { status: 404, headers: {}, body: '' };
  }
}
