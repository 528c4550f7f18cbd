/**
 * The desktop host. A hardened window (context isolation, sandbox, no Node in the page, strict CSP)
 * loads the renderer from the app's own nigah://app origin, so the page's relative URLs (the
 * renderer bundle, /raster?href=… for pixels by range) work exactly as in browser mode. Services
 * are reached only through the named functions of the preload, each checked against the contract.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { contractMethods } from '../shared/contract';
import { createDispatcher } from '../shared/dispatch';
import { describeError, toErrorData } from '../shared/errors';
import { isAllowedExternal } from './host/external';
import { resolvePaths } from './host/paths';
import { serveRaster } from './host/raster';
import { createAppServices } from './host/services';
import { readStatic } from './host/static';
import { keychainSecretStore } from './openeo/secrets';
import { withPickDialog } from './pick-path';

const ORIGIN = 'nigah://app';

protocol.registerSchemesAsPrivileged([
  {
    scheme: 'nigah',
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
  },
]);

async function start(): Promise<void> {
  await app.whenReady();
  const paths = resolvePaths({ userDataDir: app.getPath('userData'), resourcesPath: process.resourcesPath });
  // openEO secrets: encrypted with the OS keychain through safeStorage (docs/openeo.md).
  const { services, raster } = createAppServices(
    paths,
    'electron',
    keychainSecretStore(paths.userDataDir, safeStorage),
  );
  const dispatch = createDispatcher(services);

  protocol.handle('nigah', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (url.pathname === '/raster') {
      try {
        const reply = await serveRaster(
          url.searchParams.get('href') ?? '',
          request.headers.get('range') ?? undefined,
          raster,
        );
        return new Response(reply.body as Uint8Array<ArrayBuffer>, {
          status: reply.status,
          headers: reply.headers,
        });
      } catch (e) {
        const err = toErrorData(e);
        return new Response(JSON.stringify({ ok: false, error: err }), {
          status: err.code === 'NOT_FOUND' ? 404 : err.code === 'OUTSIDE_ROOT' ? 403 : 502,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    const page = await readStatic(paths.rendererDir, url.pathname);
    return new Response(page.status === 200 ? (page.body as Uint8Array<ArrayBuffer>) : null, {
      status: page.status,
      headers: page.headers,
    });
  });

  for (const { service, method } of contractMethods()) {
    ipcMain.handle(`nigah:${service}.${method}`, async (event, ...args: unknown[]) => {
      // Only our own page may call services: never a navigated-away or injected frame.
      const frameUrl = event.senderFrame?.url ?? '';
      if (!frameUrl.startsWith(`${ORIGIN}/`))
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'Calls are accepted only from the Nigah window.' },
        };
      if (service === 'app' && method === 'pickPath') {
        // The open dialog belongs to the window that asked for it.
        const owner = BrowserWindow.fromWebContents(event.sender);
        return createDispatcher(withPickDialog(services, dialog, owner))(service, method, args);
      }
      return dispatch(service, method, args);
    });
  }

  // No web permission (camera, geolocation, notifications, clipboard read…) is ever granted or reported.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Nigah — نگاہ',
    backgroundColor: '#0f1720',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Only cited provider and licence pages open in the system browser; everything else is refused.
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  await win.loadURL(`${ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
start().catch((e) => {
  process.stderr.write(`Nigah could not start: ${describeError(e)}\n`);
  app.exit(1);
});
