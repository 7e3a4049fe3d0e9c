/**
 * The IPC surface: 'huitou:call' (every backend call, relayed to the backend's process), two print channels and the
 * folder and file pickers.
 * Each handler first checks who is asking: only the main frame of our window, showing our own page.
 * A call from anywhere else (another window, an iframe, a page that navigated away) is refused.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/bridge.ts';
import type { Envelope } from '../../shared/errors.ts';
import type { AppLocation } from './appLocation.ts';
import { isAppUrl } from './appLocation.ts';
import type { PdfDeps } from './print.ts';
import { printContents, saveContentsAsPdf } from './print.ts';
import type { PickerDeps } from './pickers.ts';
import { pickFile, pickFolder } from './pickers.ts';

/** The backend host's (hostClient.ts): the book lives in another process. */
export type Dispatch = (name: unknown, input: unknown) => Promise<Envelope<unknown>>;

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedSender(event: SenderEvent, win: BrowserWindow | null, location: AppLocation): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  if (event.sender !== win.webContents) return false;
  if (frame !== win.webContents.mainFrame) return false;
  return isAppUrl(location, frame.url);
}

export function unauthorized(): Envelope<never> {
  return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an untrusted sender was refused' } };
}

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  getWindow: () => BrowserWindow | null;
  location: AppLocation;
  dispatch: Dispatch;
  pdf: PdfDeps;
  pickers: PickerDeps;
}

/** Registers the handlers; returns a function that removes them. */
export function registerIpc({ ipcMain, getWindow, location, dispatch, pdf, pickers }: IpcOptions): () => void {
  const guarded =
    <A extends unknown[]>(handler: (win: BrowserWindow, ...args: A) => Envelope<unknown> | Promise<Envelope<unknown>>) =>
    (event: IpcMainInvokeEvent, ...args: A) => {
      const win = getWindow();
      if (!win || !isTrustedSender(event, win, location)) return unauthorized();
      return handler(win, ...args);
    };

  ipcMain.handle(
    IPC_CHANNELS.call,
    guarded((_win, name: unknown, input: unknown) => dispatch(name, input)),
  );
  ipcMain.handle(
    IPC_CHANNELS.print,
    guarded((win) => printContents(win.webContents)),
  );
  ipcMain.handle(
    IPC_CHANNELS.printToPDF,
    guarded((win, defaultName: unknown) => saveContentsAsPdf(pdf, win, defaultName)),
  );
  ipcMain.handle(
    IPC_CHANNELS.pickFolder,
    guarded((win) => pickFolder(pickers, win)),
  );
  ipcMain.handle(
    IPC_CHANNELS.pickFile,
    guarded((win, filters: unknown) => pickFile(pickers, win, filters)),
  );
  return () => {
    for (const channel of Object.values(IPC_CHANNELS)) ipcMain.removeHandler(channel);
  };
}
