/**
 * The preload exposes named, typed functions only — window.nigah.catalog.list(…) and so on — one
 * per contract method, each bound to its own IPC channel. No generic send/invoke reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { contractMethods } from '../shared/contract';

const bridge: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
for (const { service, method } of contractMethods()) {
  bridge[service] ??= {};
  const channel = `nigah:${service}.${method}`;
  bridge[service][method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}
contextBridge.exposeInMainWorld('nigah', bridge);
