/**
 * The desktop app's life cycle, with every Electron piece passed in (main.ts passes the real ones,
 * tests pass fakes): one instance, the shop's data folder, the backend's process, the window, the
 * menu, IPC, and closing the book on the way out. The book itself lives in the backend's utility
 * process (backend.cjs, electron/backend/host.ts): main relays calls to it and restarts it if it dies.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Shell } from 'electron';
import { defaultUserDataDir, resolveDataDir } from '../backend/dataDir.ts';
import { openFailureSentence, startBackendClient, type BackendClient } from '../backend/hostClient.ts';
import { hostArgs } from '../backend/hostProtocol.ts';
import type { AppLocation } from './appLocation.ts';
import { resolveAppLocation } from './appLocation.ts';
import { registerIpc } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import type { PdfDeps } from './print.ts';
import { printContents, saveContentsAsPdf } from './print.ts';
import type { HardenableContents, HardenableSession } from './security.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import type { BrowserWindowClass } from './window.ts';
import { WINDOW_TITLE, createMainWindow } from './window.ts';
import { BACKEND_ENTRY, utilityChild, type UtilityProcessModule } from './utilityChild.ts';

export const APP_USER_MODEL_ID = 'com.huitou.app';

export interface ShellElectron {
  app: Pick<
    App,
    'requestSingleInstanceLock' | 'quit' | 'setPath' | 'getPath' | 'on' | 'whenReady' | 'getVersion' | 'getLocale' | 'isPackaged' | 'setAppUserModelId'
  >;
  BrowserWindow: BrowserWindowClass;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox' | 'showErrorBox'>;
  shell: Pick<Shell, 'openPath'>;
  /** Electron's `session` module; `defaultSession` is only read once the app is ready. */
  session: { readonly defaultSession: HardenableSession };
  utilityProcess: UtilityProcessModule;
}

export interface StartOptions {
  /** The folder of the bundled main script: preload.cjs, backend.cjs and migrations/ sit next to it. */
  mainDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  writeFile?: PdfDeps['writeFile'];
}

export interface RunningApp {
  dataDir: string;
  location: AppLocation;
  /** Settles when the window is created (or the start failed and the app is quitting). */
  ready: Promise<void>;
  getWindow(): BrowserWindow | null;
}

export function startApp(electron: ShellElectron, options: StartOptions): RunningApp | null {
  const { app, dialog, shell } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const platform = options.platform ?? process.platform;
  const dataDir = resolveDataDir(options.argv, options.env);
  app.setPath('userData', dataDir);
  // Chromium's caches stay on this PC even when --data points at a USB stick.
  app.setPath('sessionData', join(defaultUserDataDir(platform, options.env), 'Session'));
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const location = resolveAppLocation({ mainDir: options.mainDir, isPackaged: app.isPackaged, env: options.env });
  let win: BrowserWindow | null = null;
  let backend: BackendClient | null = null;
  let unregisterIpc: (() => void) | null = null;
  const getWindow = () => (win && !win.isDestroyed() ? win : null);
  const pdf: PdfDeps = {
    dialog,
    writeFile: options.writeFile ?? ((path, data) => writeFile(path, data)),
    defaultDir: () => app.getPath('documents'),
  };

  app.on('second-instance', () => {
    const current = getWindow();
    if (!current) return;
    if (current.isMinimized()) current.restore();
    current.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents as HardenableContents, location));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    unregisterIpc?.();
    unregisterIpc = null;
    const closing = backend;
    backend = null;
    if (!closing) return;
    // The book is closed cleanly (its backup timer stopped, its WAL checkpointed) before the app ends.
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });

  const ready = app
    .whenReady()
    .then(async () => {
      hardenSession(electron.session.defaultSession, location);
      const args = hostArgs({ dataDir, appVersion: app.getVersion(), migrationsDir: join(options.mainDir, 'migrations') });
      const client = startBackendClient({
        spawn: () => utilityChild(electron.utilityProcess, join(options.mainDir, BACKEND_ENTRY), args),
        onCrash: ({ code, restarting }) =>
          console.error(`[huitou] the backend stopped (exit code ${code}); ${restarting ? 'restarting it' : 'not restarting it again'}`),
      });
      backend = client;
      try {
        await client.ready;
      } catch (error) {
        // Nothing is left running: the client let its child go.
        backend = null;
        throw error;
      }
      unregisterIpc = registerIpc({
        ipcMain: electron.ipcMain,
        getWindow,
        location,
        dispatch: client.dispatch,
        pdf,
        pickers: { dialog, defaultDir: () => app.getPath('documents') },
      });

      const template = buildMenuTemplate({
        isPackaged: app.isPackaged,
        locale: app.getLocale(),
        platform: process.platform,
        actions: {
          print: () => {
            const current = getWindow();
            if (current) void printContents(current.webContents);
          },
          saveAsPdf: () => {
            const current = getWindow();
            if (current) void saveContentsAsPdf(pdf, current, current.webContents.getTitle() || WINDOW_TITLE);
          },
          openDataFolder: () => void shell.openPath(dataDir),
          about: () => {
            const current = getWindow();
            const box = {
              type: 'info' as const,
              title: WINDOW_TITLE,
              message: `${WINDOW_TITLE} ${app.getVersion()}`,
              detail: `Data folder / 数据文件夹:\n${dataDir}`,
            };
            void (current ? dialog.showMessageBox(current, box) : dialog.showMessageBox(box));
          },
        },
      });
      electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));

      win = createMainWindow(electron.BrowserWindow, { preloadPath: join(options.mainDir, 'preload.cjs') });
      win.on('closed', () => {
        win = null;
      });
      const loaded = location.kind === 'file' ? win.loadFile(location.indexFile) : win.loadURL(location.url);
      loaded.catch((error: unknown) => {
        dialog.showErrorBox(WINDOW_TITLE, `The app's pages could not be loaded. 无法加载界面。\n${String(error)}`);
      });
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(WINDOW_TITLE, `Huitou could not open the shop's data in ${dataDir}. 无法打开店铺数据。\n${openFailureSentence(error)}`);
      app.quit();
    });

  return { dataDir, location, ready, getWindow };
}
