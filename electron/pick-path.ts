/**
 * app.pickPath in the desktop app: the system's open dialog, attached to the window that asked
 * (so it is modal to it and appears over it), returning one absolute path or null when cancelled.
 */
import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron';
import type { NigahServices, PickPathRequest } from '../shared/contract';

export async function showPickDialog(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  owner: BaseWindow | null,
  request: PickPathRequest,
): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: request.title,
    properties: request.kind === 'folder' ? ['openDirectory'] : ['openFile'],
    filters: request.kind === 'file' ? request.filters : undefined,
  };
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  if (result.canceled || result.filePaths.length === 0) return null;
  return result.filePaths[0];
}

/** The services with app.pickPath answered by a dialog on `owner`. */
export function withPickDialog(
  services: NigahServices,
  dialog: Pick<Dialog, 'showOpenDialog'>,
  owner: BaseWindow | null,
): NigahServices {
  return {
    ...services,
    app: { ...services.app, pickPath: (request) => showPickDialog(dialog, owner, request) },
  };
}
