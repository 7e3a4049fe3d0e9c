import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { EventEmitter } from 'node:events';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { defaultMigrationsDir } from '../../electron/backend/db/migrate.ts';
import { startApp, type ShellElectron } from '../../electron/main/app.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security.ts';
import { IPC_CHANNELS } from '../../shared/bridge.ts';
import type { Envelope } from '../../shared/errors.ts';
import { fakeEvent, FakeBrowserWindow, FakeDialog, FakeIpcMain, FakeSession, FakeWebContents, tempDir } from './fakes.ts';

const cleanup: string[] = [];

class FakeApp extends EventEmitter {
  isPackaged = true;
  locked = true;
  quitCalls = 0;
  paths = new Map<string, string>();
  requestSingleInstanceLock() {
    return this.locked;
  }
  quit() {
    this.quitCalls++;
    this.emit('will-quit');
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  getPath(name: string) {
    return this.paths.get(name) ?? `/home/test/${name}`;
  }
  whenReady() {
    return Promise.resolve();
  }
  getVersion() {
    return '1.2.3';
  }
  getLocale() {
    return 'zh-CN';
  }
  setAppUserModelId() {}
}

/** A bundle folder like dist-electron/: main's folder with migrations/ copied next to it. */
function bundleDir(): string {
  const mainDir = join(tempDir('huitou-bundle-'), 'dist-electron');
  mkdirSync(join(mainDir, 'migrations'), { recursive: true });
  for (const file of readdirSync(defaultMigrationsDir)) copyFileSync(join(defaultMigrationsDir, file), join(mainDir, 'migrations', file));
  return mainDir;
}

function setup(argvExtra: string[] = []) {
  FakeBrowserWindow.created = [];
  const app = new FakeApp();
  const session = new FakeSession();
  const ipcMain = new FakeIpcMain();
  const dialog = new FakeDialog();
  const opened: { options: { dataDir: string; migrationsDir: string; appVersion: string }; backend: Backend }[] = [];
  const menus: MenuItemConstructorOptions[][] = [];
  const shell = { openPath: vi.fn(async () => '') };
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => menus.push(menu),
    },
    ipcMain,
    dialog,
    shell,
    session: { defaultSession: session },
  } as unknown as ShellElectron;
  const dataDir = tempDir('huitou-shop-');
  const mainDir = bundleDir();
  cleanup.push(dataDir, dirname(mainDir));
  const running = () =>
    startApp(electron, {
      mainDir,
      argv: ['/opt/Huitou/huitou', '--data', dataDir, ...argvExtra],
      env: { XDG_CONFIG_HOME: '/home/test/.config' },
      platform: 'linux',
      openBackend: (options) => {
        const backend = openBackend(options);
        opened.push({ options, backend });
        return backend;
      },
    });
  return { app, session, ipcMain, dialog, opened, menus, shell, dataDir, mainDir, running };
}

afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('startApp', () => {
  it('quits at once when another copy is running, touching nothing', () => {
    const t = setup();
    t.app.locked = false;
    expect(t.running()).toBeNull();
    expect(t.app.quitCalls).toBe(1);
    expect(t.app.paths.size).toBe(0);
    expect(t.opened).toHaveLength(0);
  });

  it('puts userData in the shop data folder (--data) and Chromium caches on this PC', async () => {
    const t = setup();
    const started = t.running()!;
    await started.ready;
    expect(t.app.paths.get('userData')).toBe(t.dataDir);
    expect(t.app.paths.get('sessionData')).toBe('/home/test/.config/Huitou/Session');
    expect(started.dataDir).toBe(t.dataDir);
    t.app.quit();
  });

  it('opens the real backend with the migrations next to the bundle, and answers app.info over IPC', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(t.opened).toHaveLength(1);
    expect(t.opened[0]!.options).toEqual({ dataDir: t.dataDir, appVersion: '1.2.3', migrationsDir: join(t.mainDir, 'migrations') });
    const win = FakeBrowserWindow.created[0]!;
    const info = (await t.ipcMain.invoke({ webContents: win.webContents, frame: win.webContents.mainFrame }, IPC_CHANNELS.call, 'app.info', {})) as Envelope<{
      dataDir: string;
      version: string;
    }>;
    expect(info).toMatchObject({ ok: true, data: { dataDir: t.dataDir, version: '1.2.3' } });
    t.app.quit();
  });

  it('creates one secure window with the bundled preload and loads the built renderer from disk', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const win = FakeBrowserWindow.created[0]!;
    expect(win.options.webPreferences).toMatchObject({ preload: join(t.mainDir, 'preload.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.loadedFile).toBe(join(t.mainDir, '..', 'dist', 'renderer', 'index.html'));
    expect(win.loadedUrl).toBeNull();
    t.app.quit();
  });

  it('hardens the session (CSP) and every webContents created', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(t.session.respond('file:///x/index.html')).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(t.session.grants('media')).toBe(false);
    const contents = new FakeWebContents();
    t.app.emit('web-contents-created', {}, contents);
    const away = fakeEvent('https://example.com');
    contents.emit('will-navigate', away, away.url);
    expect(away.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    t.app.quit();
  });

  it('sets a Chinese menu on a Chinese system; Open Data Folder opens the shop folder', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(t.menus).toHaveLength(1);
    const help = t.menus[0]!.find((m) => m.label === '帮助(&H)')!;
    const open = (help.submenu as MenuItemConstructorOptions[]).find((m) => m.id === 'openDataFolder')!;
    (open.click as () => void)();
    expect(t.shell.openPath).toHaveBeenCalledWith(t.dataDir);
    t.app.quit();
  });

  it('closes the database and removes the IPC handlers on quit', async () => {
    const t = setup();
    await t.running()!.ready;
    const { backend } = t.opened[0]!;
    expect(backend.context.db.open).toBe(true);
    t.app.quit();
    expect(backend.context.db.open).toBe(false);
    expect(t.ipcMain.handlers.size).toBe(0);
  });

  it('starts the automatic local backups with the backend and stops them on quit', async () => {
    const t = setup();
    const timers: { stop: ReturnType<typeof vi.fn> }[] = [];
    const realOpen = openBackend;
    t.opened.length = 0;
    const started = startApp(
      { app: t.app, BrowserWindow: FakeBrowserWindow, Menu: { buildFromTemplate: (x: unknown) => x, setApplicationMenu: () => {} }, ipcMain: t.ipcMain, dialog: t.dialog, shell: t.shell, session: { defaultSession: t.session } } as unknown as ShellElectron,
      {
        mainDir: t.mainDir,
        argv: ['/opt/Huitou/huitou', '--data', t.dataDir],
        env: {},
        platform: 'linux',
        openBackend: (options) => {
          const backend = realOpen(options);
          t.opened.push({ options, backend });
          return {
            dispatch: backend.dispatch,
            close: backend.close,
            startAutomaticBackups: (timerOptions) => {
              const timer = backend.startAutomaticBackups(timerOptions);
              const spy = { stop: vi.fn(() => timer.stop()) };
              timers.push(spy);
              return spy;
            },
          };
        },
      },
    )!;
    await started.ready;
    expect(timers).toHaveLength(1);
    expect(timers[0]!.stop).not.toHaveBeenCalled();
    t.app.quit();
    expect(timers[0]!.stop).toHaveBeenCalledTimes(1);
  });

  it('quits when every window is closed', async () => {
    const t = setup();
    await t.running()!.ready;
    t.app.emit('window-all-closed');
    expect(t.app.quitCalls).toBe(1);
  });

  it('brings the window back when a second copy is started', async () => {
    const t = setup();
    await t.running()!.ready;
    const win = FakeBrowserWindow.created[0]!;
    win.minimized = true;
    t.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    t.app.quit();
  });

  it('says so and quits when the data folder holds a database that is not ours', async () => {
    const t = setup();
    writeFileSync(join(t.dataDir, 'huitou.sqlite'), 'this is not a database at all, just some text that is long enough');
    await t.running()!.ready;
    expect(t.dialog.errorBoxes).toHaveLength(1);
    expect(t.dialog.errorBoxes[0]!.content).toContain(t.dataDir);
    expect(t.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
