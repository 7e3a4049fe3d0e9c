/**
 * The built bundle, not the sources: vite.electron.config.ts builds into a scratch folder inside the
 * project, then main.cjs is started in Node with a fake 'electron' module (the real one is never
 * loaded; its utility process runs the built backend.cjs as a Node child) and preload.cjs is run the
 * way a sandboxed preload is, where only 'electron' can be required.
 */
import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { createBuilder } from 'vite';
import { electronBuildConfig, runtimeDependencies } from '../../vite.electron.config.ts';
import { defaultMigrationsDir } from '../../electron/backend/db/migrate.ts';
import { callNames } from '../../shared/contract.ts';
import type { Envelope } from '../../shared/errors.ts';
import { fakeEvent, FakeBrowserWindow, FakeDialog, FakeIpcMain, FakeSession, FakeUtilityProcess, tempDir } from './fakes.ts';
import { jobThreadUrl, runJobInWorker } from '../../electron/backend/jobs/jobWorker.ts';
import { fromColumns } from '../../electron/backend/jobs/columns.ts';
import { gramRowsInKeyOrder, packedSearchKeysByName } from '../../shared/domain/packedSearchKeys.ts';
import { makeBackend } from '../backend/helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const scratch = join(root, '.vite', `electron-bundle-test-${process.pid}`);
const outDir = join(scratch, 'dist-electron');

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  const builder = await createBuilder({ ...electronBuildConfig(outDir), configFile: false });
  await builder.buildApp();
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('vite.electron.config.ts output', () => {
  it('writes main.cjs, preload.cjs, backend.cjs and the migrations', () => {
    const files = readdirSync(outDir);
    expect(files).toEqual(expect.arrayContaining(['main.cjs', 'preload.cjs', 'backend.cjs', 'jobThread.cjs', 'migrations']));
    expect(files.filter((f) => f.endsWith('.cjs') && !f.startsWith('jobThread-')).sort()).toEqual(['backend.cjs', 'jobThread.cjs', 'main.cjs', 'preload.cjs']);
    expect(readdirSync(join(outDir, 'migrations')).sort()).toEqual(
      readdirSync(defaultMigrationsDir)
        .filter((f) => f.endsWith('.sql'))
        .sort(),
    );
  });

  const requiredBy = (file: string) => new Set([...readFileSync(join(outDir, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));

  it('bundles everything into main.cjs and backend.cjs except electron, the runtime dependencies and Node built-ins', () => {
    for (const file of ['main.cjs', 'backend.cjs']) {
      for (const name of requiredBy(file))
        expect(name === 'electron' || runtimeDependencies.includes(name) || name.startsWith('node:') || Module.isBuiltin(name), name).toBe(true);
      expect(readFileSync(join(outDir, file), 'utf8')).not.toMatch(/\bimport\.meta\b/);
    }
  });

  it('keeps the database out of main: only backend.cjs requires better-sqlite3, and it never requires electron', () => {
    const main = requiredBy('main.cjs');
    expect(main).toContain('electron');
    for (const name of runtimeDependencies) expect(main, name).not.toContain(name);
    const backend = requiredBy('backend.cjs');
    expect(backend).toContain('better-sqlite3');
    expect(backend).not.toContain('electron');
  });

  it('the preload runs as a sandboxed preload: it requires only electron and exposes the bridge', () => {
    const source = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    const exposed: [string, Record<string, unknown>][] = [];
    const asked: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
      ipcRenderer: { invoke: async () => ({ ok: true, data: null }) },
    };
    const sandboxRequire = (name: string) => {
      asked.push(name);
      if (name === 'electron') return fakeElectron;
      throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`);
    };
    const module = { exports: {} };
    runInNewContext(source, { require: sandboxRequire, module, exports: module.exports, console });
    expect(asked).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('huitou');
    expect(Object.keys(exposed[0]![1]).sort()).toEqual([...callNames, 'call', 'print', 'printToPDF', 'pickFolder', 'pickFile'].sort());
  });

  it('jobThread.cjs, the file backend.cjs looks for beside itself, runs a recompute job on a real worker thread', async () => {
    const backendSource = readFileSync(join(outDir, 'backend.cjs'), 'utf8');
    expect(backendSource).toContain('"./jobThread.cjs"');
    const b = makeBackend();
    try {
      b.call('shop.createDemo', { language: 'zh-CN' });
      const db = b.context.db;
      db.prepare('UPDATE products SET use_senior = use_senior * 2').run();
      const moduleUrl = jobThreadUrl(pathToFileURL(join(outDir, 'backend.cjs')).href);
      expect(moduleUrl.endsWith('/jobThread.cjs')).toBe(true);
      const counts = await runJobInWorker('recompute', { file: db.name, now: new Date().toISOString() }, () => {}, { moduleUrl });
      expect(counts.written).toBeGreaterThan(0);
      expect(b.call('forecasts.recomputeAll', {}).written).toBe(0);
    } finally {
      b.dispose();
    }
  });

  it("a backup's check loads only its own chunks on the job thread, not every job's (zod, pinyin-pro)", () => {
    // What jobThread.cjs requires at its first check: the check's chunk and the chunks that one requires.
    const loaded = new Set<string>();
    const load = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const name of requiredBy(file)) if (name.startsWith('./')) load(name.slice(2));
    };
    const thread = readFileSync(join(outDir, 'jobThread.cjs'), 'utf8');
    const verifyChunk = /integrityCheck: [^\n]*require\("\.\/(jobThread-verify-[^"]+\.cjs)"\)/.exec(thread)?.[1];
    expect(verifyChunk).toBeDefined();
    load(verifyChunk!);
    const bytes = [...loaded].reduce((sum, file) => sum + readFileSync(join(outDir, file), 'utf8').length, 0);
    expect(bytes).toBeLessThan(50_000);
    for (const file of loaded) expect(readFileSync(join(outDir, file), 'utf8'), file).not.toMatch(/node_modules\/(zod|pinyin-pro)\//);
    expect(readdirSync(outDir).some((f) => /^jobThread-importJob-.*\.cjs$/.test(f))).toBe(true);
  });

  it("jobThread.cjs reads an import's file: its rows checked, its names keyed, their grams in order", async () => {
    const moduleUrl = jobThreadUrl(pathToFileURL(join(outDir, 'backend.cjs')).href);
    const names = ['单田芳', '张伟', 'Anna Li'];
    const file = join(scratch, 'customers.csv');
    writeFileSync(file, ['姓名,电话', ...names.map((name, i) => `${name},1380000000${i}`)].join('\n'));
    const read = await runJobInWorker('readImport', { file, products: [], today: '2026-01-15', keys: true }, () => {}, { moduleUrl });
    const here = packedSearchKeysByName();
    expect(read.analysis!.drafts.plain.name).toEqual(names);
    expect(fromColumns(read.keys!.byName)).toEqual(names.map(here));
    expect(read.keys!.grams).toEqual(gramRowsInKeyOrder(names.map(here)));
  });

  it('main.cjs starts with a fake Electron, forks backend.cjs, which opens the real database, and answers over IPC', async () => {
    const app = Object.assign(new EventEmitter(), {
      isPackaged: true,
      paths: new Map<string, string>(),
      requestSingleInstanceLock: () => true,
      quit() {
        app.emit('will-quit', fakeEvent());
      },
      setPath(name: string, value: string) {
        app.paths.set(name, value);
      },
      getPath: (name: string) => `/home/test/${name}`,
      whenReady: () => Promise.resolve(),
      getVersion: () => '0.1.0',
      getLocale: () => 'en-US',
      setAppUserModelId() {},
    });
    const ipcMain = new FakeIpcMain();
    const session = new FakeSession();
    const utilityProcess = new FakeUtilityProcess();
    const fakeElectron = {
      app,
      BrowserWindow: FakeBrowserWindow,
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu() {} },
      ipcMain,
      dialog: new FakeDialog(),
      shell: { openPath: async () => '' },
      session: { defaultSession: session },
      utilityProcess,
    };
    const dataDir = tempDir('huitou-bundle-data-');
    const mainFile = join(outDir, 'main.cjs');
    const requireFromBundle = createRequire(mainFile);
    const electronPath = requireFromBundle.resolve('electron');
    const previous = requireFromBundle.cache[electronPath];
    const stub = new Module(electronPath);
    stub.exports = fakeElectron;
    stub.loaded = true;
    requireFromBundle.cache[electronPath] = stub;
    const previousData = process.env.HUITOU_DATA;
    process.env.HUITOU_DATA = dataDir;
    FakeBrowserWindow.created = [];
    try {
      requireFromBundle(mainFile);
      // The window comes once the forked backend has opened the book: seconds on a busy machine.
      await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 20_000 });
      expect(app.paths.get('userData')).toBe(dataDir);
      const win = FakeBrowserWindow.created[0]!;
      expect(win.options.webPreferences?.preload).toBe(join(outDir, 'preload.cjs'));
      expect(win.loadedFile).toBe(join(scratch, 'dist', 'renderer', 'index.html'));
      const info = (await ipcMain.invoke({ webContents: win.webContents, frame: win.webContents.mainFrame }, 'huitou:call', 'shop.info', {})) as Envelope<{
        dataDir: string;
        schemaVersion: number;
      }>;
      expect(info).toMatchObject({ ok: true, data: { dataDir, schemaVersion: readdirSync(join(outDir, 'migrations')).length } });
      expect(utilityProcess.forks.map((f) => f.modulePath)).toEqual([join(outDir, 'backend.cjs')]);
      app.quit();
      expect(ipcMain.handlers.size).toBe(0);
      await utilityProcess.forks[0]!.child.exited;
      expect(utilityProcess.forks[0]!.child.exitCode).toBe(0);
    } finally {
      if (previous) requireFromBundle.cache[electronPath] = previous;
      else delete requireFromBundle.cache[electronPath];
      delete requireFromBundle.cache[mainFile];
      if (previousData === undefined) delete process.env.HUITOU_DATA;
      else process.env.HUITOU_DATA = previousData;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
