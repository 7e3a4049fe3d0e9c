import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { EventEmitter } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { defaultMigrationsDir } from '../../electron/backend/db/migrate.ts';
import { startApp, type ShellElectron } from '../../electron/main/app.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security.ts';
import { IPC_CHANNELS } from '../../shared/bridge.ts';
import type { Envelope } from '../../shared/errors.ts';
import { fakeEvent, FakeBrowserWindow, FakeDialog, FakeIpcMain, FakeSession, FakeUtilityProcess, FakeWebContents, tempDir } from './fakes.ts';

/** What main forks as backend.cjs: the host's entry from the sources (no bundle is built here). */
const hostEntry = join(import.meta.dirname, '..', '..', 'electron', 'backend', 'hostProcess.ts');

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
    this.emit('will-quit', fakeEvent());
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
  const utilityProcess = new FakeUtilityProcess(hostEntry);
  started.push(utilityProcess);
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
    utilityProcess,
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
    });
  /** Waits until the backend has closed the book and exited, and the app has quit again, for good. */
  const closed = async () => {
    await Promise.all(utilityProcess.forks.map((f) => f.child.exited));
    await vi.waitFor(() => expect(app.quitCalls).toBe(2));
  };
  const quit = () => {
    app.quit();
    return closed();
  };
  return { app, session, ipcMain, dialog, utilityProcess, menus, shell, dataDir, mainDir, running, quit, closed };
}

/** Every fake utilityProcess of the file: a test that failed half-way leaves no child behind. */
const started: FakeUtilityProcess[] = [];

afterEach(async () => {
  const children = started.splice(0).flatMap((u) => u.forks.map((f) => f.child));
  for (const child of children) child.kill();
  await Promise.all(children.map((child) => child.exited));
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fromWindow = (win: FakeBrowserWindow) => ({ webContents: win.webContents, frame: win.webContents.mainFrame });

describe('startApp', () => {
  it('quits at once when another copy is running, touching nothing', () => {
    const t = setup();
    t.app.locked = false;
    expect(t.running()).toBeNull();
    expect(t.app.quitCalls).toBe(1);
    expect(t.app.paths.size).toBe(0);
    expect(t.utilityProcess.forks).toHaveLength(0);
  });

  it('puts userData in the shop data folder (--data) and Chromium caches on this PC', async () => {
    const t = setup();
    const started = t.running()!;
    await started.ready;
    expect(t.app.paths.get('userData')).toBe(t.dataDir);
    expect(t.app.paths.get('sessionData')).toBe('/home/test/.config/Huitou/Session');
    expect(started.dataDir).toBe(t.dataDir);
    await t.quit();
  });

  it('opens the real backend in a utility process (backend.cjs, the migrations next to it), and answers app.info over IPC', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(t.utilityProcess.forks).toHaveLength(1);
    const [forked] = t.utilityProcess.forks;
    expect(forked!.modulePath).toBe(join(t.mainDir, 'backend.cjs'));
    expect(forked!.args).toEqual(['--data', t.dataDir, '--app-version', '1.2.3', '--migrations', join(t.mainDir, 'migrations')]);
    // Its young generation capped as the browser shell's host is (hostProtocol.ts).
    expect(forked!.options).toMatchObject({ execArgv: ['--max-semi-space-size=2'] });
    const win = FakeBrowserWindow.created[0]!;
    const info = (await t.ipcMain.invoke(fromWindow(win), IPC_CHANNELS.call, 'shop.info', {})) as Envelope<{
      dataDir: string;
      version: string;
    }>;
    expect(info).toMatchObject({ ok: true, data: { dataDir: t.dataDir, version: '1.2.3' } });
    await t.quit();
  });

  it('says a backend crash in the answer to the call it cut off, and restarts the backend on the same book', async () => {
    const t = setup();
    await t.running()!.ready;
    const win = FakeBrowserWindow.created[0]!;
    const call = (name: string, input: unknown) =>
      t.ipcMain.invoke(fromWindow(win), IPC_CHANNELS.call, name, input) as Promise<Envelope<{ shopName?: string }>>;
    expect((await call('shop.updateSettings', { shopName: '老王米店' })).ok).toBe(true);
    // Stopped first, so the call is surely on its way (not yet answered) when the backend dies.
    const child = t.utilityProcess.forks[0]!.child.process;
    child.kill('SIGSTOP');
    const cutOff = call('shop.info', {});
    child.kill('SIGKILL');
    expect(await cutOff).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } });
    const after = (await call('shop.info', {})) as Envelope<{ settings: { shopName: string } }>;
    expect(after).toMatchObject({ ok: true, data: { settings: { shopName: '老王米店' } } });
    expect(t.utilityProcess.forks.map((f) => f.modulePath)).toEqual([join(t.mainDir, 'backend.cjs'), join(t.mainDir, 'backend.cjs')]);
    await t.quit();
  });

  it("survives the utility process's 'error' event (a fatal V8 error in the backend), which comes before its exit", async () => {
    const t = setup();
    await t.running()!.ready;
    const child = t.utilityProcess.forks[0]!.child;
    // Unheard, EventEmitter throws an 'error' event in main.
    expect(() => child.emit('error', 'FatalError', 'v8::internal::Heap', '')).not.toThrow();
    await t.quit();
  });

  it('creates one secure window with the bundled preload and loads the built renderer from disk', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const win = FakeBrowserWindow.created[0]!;
    expect(win.options.webPreferences).toMatchObject({
      preload: join(t.mainDir, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.loadedFile).toBe(join(t.mainDir, '..', 'dist', 'renderer', 'index.html'));
    expect(win.loadedUrl).toBeNull();
    await t.quit();
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
    await t.quit();
  });

  it('sets a Chinese menu on a Chinese system; Open Data Folder opens the shop folder', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(t.menus).toHaveLength(1);
    const help = t.menus[0]!.find((m) => m.label === '帮助(&H)')!;
    const open = (help.submenu as MenuItemConstructorOptions[]).find((m) => m.id === 'openDataFolder')!;
    (open.click as () => void)();
    expect(t.shell.openPath).toHaveBeenCalledWith(t.dataDir);
    await t.quit();
  });

  it('closes the book cleanly on quit (the backend exits on its own, no WAL left) and removes the IPC handlers', async () => {
    const t = setup();
    await t.running()!.ready;
    expect(existsSync(join(t.dataDir, 'huitou.sqlite-wal'))).toBe(true);
    await t.quit();
    expect(t.utilityProcess.forks[0]!.child.exitCode).toBe(0);
    expect(existsSync(join(t.dataDir, 'huitou.sqlite-wal'))).toBe(false);
    expect(t.ipcMain.handlers.size).toBe(0);
  });

  it('quits when every window is closed', async () => {
    const t = setup();
    await t.running()!.ready;
    t.app.emit('window-all-closed');
    expect(t.app.quitCalls).toBe(1);
    await t.closed();
  });

  it('brings the window back when a second copy is started', async () => {
    const t = setup();
    await t.running()!.ready;
    const win = FakeBrowserWindow.created[0]!;
    win.minimized = true;
    t.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    await t.quit();
  });

  it('says so and quits when the data folder holds a database that is not ours', async () => {
    const t = setup();
    writeFileSync(join(t.dataDir, 'huitou.sqlite'), 'this is not a database at all, just some text that is long enough');
    await t.running()!.ready;
    expect(t.dialog.errorBoxes).toHaveLength(1);
    expect(t.dialog.errorBoxes[0]!.content).toContain(t.dataDir);
    expect(t.dialog.errorBoxes[0]!.content).toContain('数据文件不是回头客的数据库');
    expect(t.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    await t.utilityProcess.forks[0]!.child.exited;
  });
});
