/**
 * The desktop app's life cycle, with every Electron piece passed in (main.ts passes the real ones,
 * tests pass fakes): one instance, the shop's data folder, the backend, the window, the menu, IPC,
 * and closing the database on the way out.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Shell } from 'electron';
import { defaultUserDataDir, resolveDataDir } from '../backend/dataDir.ts';
import type { AppLocation } from './appLocation.ts';
import { resolveAppLocation } from './appLocation.ts';
import type { Dispatch } from './ipc.ts';
import { registerIpc } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import type { PdfDeps } from './print.ts';
import { printContents, saveContentsAsPdf } from './print.ts';
import type { HardenableContents, HardenableSession } from './security.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import type { BrowserWindowClass } from './window.ts';
import { WINDOW_TITLE, createMainWindow } from './window.ts';

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
}

export interface BackendLike {
  dispatch: Dispatch;
  /** Automatic local backups (at start when due, then every few hours of use); optional for fakes. */
  startAutomaticBackups?(options?: { onError?: (error: unknown) => void }): { stop(): void };
  close(): void;
}

export interface StartOptions {
  /** The folder of the bundled main script: preload.cjs and migrations/ sit next to it. */
  mainDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  openBackend: (options: { dataDir: string; appVersion: string; migrationsDir: string }) => BackendLike;
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
  let backend: BackendLike | null = null;
  let unregisterIpc: (() => void) | null = null;
  let autoBackups: { stop(): void } | null = null;
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
  app.on('will-quit', () => {
    autoBackups?.stop();
    autoBackups = null;
    unregisterIpc?.();
    unregisterIpc = null;
    backend?.close();
    backend = null;
  });

  const ready = app
    .whenReady()
    .then(() => {
      hardenSession(electron.session.defaultSession, location);
      backend = options.openBackend({ dataDir, appVersion: app.getVersion(), migrationsDir: join(options.mainDir, 'migrations') });
      const opened = backend;
      unregisterIpc = registerIpc({
        ipcMain: electron.ipcMain,
        getWindow,
        location,
        dispatch: (name, input) => opened.dispatch(name, input),
        pdf,
        pickers: { dialog, defaultDir: () => app.getPath('documents') },
      });
      autoBackups = opened.startAutomaticBackups?.({ onError: (error) => console.error('[huitou] automatic backup failed:', error) }) ?? null;

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
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox(WINDOW_TITLE, `Huitou could not open the shop's data in ${dataDir}. 无法打开店铺数据。\n${message}`);
      app.quit();
    });

  return { dataDir, location, ready, getWindow };
}
