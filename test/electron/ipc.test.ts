import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import type { AppLocation } from '../../electron/main/appLocation.ts';
import { isTrustedSender, registerIpc } from '../../electron/main/ipc.ts';
import { pdfFileName, type PdfDeps } from '../../electron/main/print.ts';
import { safeFilters, type PickerDeps } from '../../electron/main/pickers.ts';
import { IPC_CHANNELS } from '../../shared/bridge.ts';
import { callNames } from '../../shared/contract.ts';
import type { Envelope } from '../../shared/errors.ts';
import { FakeBrowserWindow, FakeDialog, FakeFrame, FakeIpcMain, FakeWebContents, tempDir } from './fakes.ts';

const indexFile = join(tempDir('huitou-renderer-'), 'index.html');
const location: AppLocation = { kind: 'file', indexFile };

let dataDir: string;
let backend: Backend;
let ipcMain: FakeIpcMain;
let win: FakeBrowserWindow;
let dialog: FakeDialog;
let documents: string;
let unregister: () => void;

beforeEach(async () => {
  dataDir = tempDir('huitou-data-');
  documents = tempDir('huitou-docs-');
  backend = openBackend({ dataDir, appVersion: '9.9.9' });
  ipcMain = new FakeIpcMain();
  dialog = new FakeDialog();
  win = new FakeBrowserWindow({});
  await win.loadFile(indexFile);
  unregister = registerIpc({
    ipcMain,
    getWindow: () => win.asWindow,
    location,
    dispatch: async (name, input) => backend.dispatch(name, input),
    pdf: { dialog: dialog as unknown as PdfDeps['dialog'], writeFile: (path, data) => writeFile(path, data), defaultDir: () => documents },
    pickers: { dialog: dialog as unknown as PickerDeps['dialog'], defaultDir: () => documents },
  });
});

afterEach(() => {
  unregister();
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(documents, { recursive: true, force: true });
});

/** The app's own page, in our window's main frame. */
const fromApp = () => ({ webContents: win.webContents, frame: win.webContents.mainFrame });

describe("IPC 'huitou:call'", () => {
  it('registers exactly its channels (call, print, PDF, the two pickers), and removes them again', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('reaches the real backend from the app page: app.info reports the data folder', async () => {
    const result = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'shop.info', {})) as Envelope<{
      version: string;
      dataDir: string;
      schemaVersion: number;
    }>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.version).toBe('9.9.9');
    expect(result.data.dataDir).toBe(dataDir);
    expect(result.data.schemaVersion).toBeGreaterThan(0);
  });

  it('writes through to SQLite: a customer created over IPC is found over IPC', async () => {
    await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'shop.startEmpty', { shopName: '老王米店', language: 'zh-CN' });
    const created = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'customers.create', {
      draft: { name: '张三丰', phones: ['13800138000'], adults: 2, children: 1, seniors: 0 },
    })) as Envelope<{ id: number }>;
    expect(created.ok).toBe(true);
    const found = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'customers.search', { query: 'zsf' })) as Envelope<{ items: { name: string }[] }>;
    expect(found.ok && found.data.items.map((c) => c.name)).toEqual(['张三丰']);
  });

  it('passes validation errors and unknown names back as envelopes', async () => {
    const bad = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'customers.get', { id: -1 })) as Envelope<unknown>;
    expect(bad.ok === false && bad.error.code).toBe('VALIDATION');
    const unknown = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'db.exec', { sql: 'DROP TABLE customers' })) as Envelope<unknown>;
    expect(unknown.ok === false && unknown.error.code).toBe('UNKNOWN_CALL');
  });

  it('refuses a sender from another webContents', async () => {
    const stranger = new FakeWebContents(pathToFileURL(indexFile).href);
    const result = (await ipcMain.invoke({ webContents: stranger, frame: stranger.mainFrame }, IPC_CHANNELS.call, 'shop.info', {})) as Envelope<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a subframe of our window, even one showing our page', async () => {
    const iframe = new FakeFrame(pathToFileURL(indexFile).href);
    const result = (await ipcMain.invoke({ webContents: win.webContents, frame: iframe }, IPC_CHANNELS.call, 'shop.info', {})) as Envelope<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses our main frame once it shows a foreign page, and a missing frame', async () => {
    win.webContents.mainFrame.url = 'https://example.com/';
    const foreign = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'customers.search', { query: '' })) as Envelope<unknown>;
    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    win.webContents.mainFrame.url = pathToFileURL(indexFile).href;
    const gone = (await ipcMain.invoke({ webContents: win.webContents, frame: null }, IPC_CHANNELS.call, 'shop.info', {})) as Envelope<unknown>;
    expect(gone).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('does not reach dispatch for a refused sender: nothing is written', async () => {
    const stranger = new FakeWebContents(pathToFileURL(indexFile).href);
    await ipcMain.invoke({ webContents: stranger, frame: stranger.mainFrame }, IPC_CHANNELS.call, 'shop.startEmpty', { shopName: 'x', language: 'en' });
    const info = backend.dispatch('shop.info', {}) as Envelope<{ settings: { onboarded: boolean; shopName: string } }>;
    expect(info.ok && info.data.settings.shopName).not.toBe('x');
  });

  it('refuses everything after the window is destroyed', async () => {
    win.destroyed = true;
    expect(isTrustedSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame } as never, win.asWindow, location)).toBe(false);
    const result = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, 'shop.info', {})) as Envelope<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('answers every contract call name with the backend (never UNKNOWN_CALL)', async () => {
    for (const name of callNames) {
      const result = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.call, name, {})) as Envelope<unknown>;
      if (!result.ok) expect(result.error.code, name).not.toBe('UNKNOWN_CALL');
    }
  });
});

describe('printing', () => {
  it('prints the window with the system dialog', async () => {
    const result = await ipcMain.invoke(fromApp(), IPC_CHANNELS.print);
    expect(result).toEqual({ ok: true, data: { printed: true, failureReason: null } });
    expect(win.webContents.printCalls).toEqual([{ silent: false, printBackground: true }]);
  });

  it('reports a cancelled print dialog', async () => {
    win.webContents.printResult = [false, 'cancelled'];
    expect(await ipcMain.invoke(fromApp(), IPC_CHANNELS.print)).toEqual({ ok: true, data: { printed: false, failureReason: 'cancelled' } });
  });

  it('writes a PDF to the file the save dialog chose, on the paper the page asks for (A4 when it names none)', async () => {
    const chosen = join(documents, '催收名单.pdf');
    dialog.saveAnswer = { canceled: false, filePath: chosen };
    const result = await ipcMain.invoke(fromApp(), IPC_CHANNELS.printToPDF, '催收名单');
    expect(result).toEqual({ ok: true, data: { saved: true, path: chosen } });
    expect(readFileSync(chosen)).toEqual(win.webContents.pdfBytes);
    expect(win.webContents.pdfCalls).toEqual([{ pageSize: 'A4', preferCSSPageSize: true, printBackground: true }]);
    expect(dialog.saveCalls[0]!.window).toBe(win);
    expect(dialog.saveCalls[0]!.options.defaultPath).toBe(join(documents, '催收名单.pdf'));
  });

  it('adds .pdf when the chosen name lacks it', async () => {
    dialog.saveAnswer = { canceled: false, filePath: join(documents, 'reminders') };
    const result = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.printToPDF, 'reminders')) as Envelope<{ path: string }>;
    expect(result.ok && result.data.path).toBe(join(documents, 'reminders.pdf'));
    expect(existsSync(join(documents, 'reminders.pdf'))).toBe(true);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    dialog.saveAnswer = { canceled: true };
    expect(await ipcMain.invoke(fromApp(), IPC_CHANNELS.printToPDF, 'x')).toEqual({ ok: true, data: { saved: false, path: null } });
    expect(win.webContents.pdfCalls).toHaveLength(0);
  });

  it('returns an INTERNAL envelope when the file cannot be written', async () => {
    dialog.saveAnswer = { canceled: false, filePath: join(documents, 'no-such-folder', 'x.pdf') };
    const result = (await ipcMain.invoke(fromApp(), IPC_CHANNELS.printToPDF, 'x')) as Envelope<unknown>;
    expect(result.ok === false && result.error.code).toBe('INTERNAL');
  });

  it('refuses print and PDF from a foreign sender, without opening a dialog', async () => {
    const stranger = new FakeWebContents('https://example.com/');
    const sender = { webContents: stranger, frame: stranger.mainFrame };
    expect(await ipcMain.invoke(sender, IPC_CHANNELS.print)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await ipcMain.invoke(sender, IPC_CHANNELS.printToPDF, 'x')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dialog.saveCalls).toHaveLength(0);
    expect(win.webContents.printCalls).toHaveLength(0);
  });

  it('suggests a safe file name: no folders, no reserved characters', () => {
    expect(pdfFileName('../../Windows/System32/evil')).toBe('Windows-System32-evil.pdf');
    expect(pdfFileName('提醒名单 2026-11-22')).toBe('提醒名单 2026-11-22.pdf');
    expect(pdfFileName('a:b*c?"d<e>f|g')).toBe('a-b-c--d-e-f-g.pdf');
    expect(pdfFileName('a\u0000b\u001fc\u007fd\u0085e')).toBe('a-b-c-d-e.pdf'); // C0, DEL and C1 controls
    expect(pdfFileName('list.PDF')).toBe('list.pdf');
    expect(pdfFileName('')).toBe('Huitou.pdf');
    expect(pdfFileName({ toString: () => 'x' })).toBe('Huitou.pdf');
    expect(pdfFileName('x'.repeat(500))).toHaveLength(80 + 4);
  });
});

describe('folder and file pickers', () => {
  it('pickFolder opens a folder dialog in Documents and returns the absolute path', async () => {
    dialog.openAnswer = { canceled: false, filePaths: ['/media/shop/KINGSTON'] };
    const result = await ipcMain.invoke(fromApp(), IPC_CHANNELS.pickFolder);
    expect(result).toEqual({ ok: true, data: { picked: true, path: '/media/shop/KINGSTON' } });
    expect(dialog.openCalls[0]!.window).toBe(win.asWindow);
    expect(dialog.openCalls[0]!.options).toMatchObject({ defaultPath: documents, properties: ['openDirectory', 'createDirectory'] });
  });

  it('pickFile passes the filters asked for, and says so when cancelled', async () => {
    dialog.openAnswer = { canceled: true, filePaths: [] };
    const filters = [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }];
    expect(await ipcMain.invoke(fromApp(), IPC_CHANNELS.pickFile, filters)).toEqual({ ok: true, data: { picked: false, path: null } });
    expect(dialog.openCalls[0]!.options).toMatchObject({ properties: ['openFile'], filters });
    dialog.openAnswer = { canceled: false, filePaths: ['/home/shop/backup.sqlite'] };
    expect(await ipcMain.invoke(fromApp(), IPC_CHANNELS.pickFile)).toEqual({ ok: true, data: { picked: true, path: '/home/shop/backup.sqlite' } });
    expect(dialog.openCalls[1]!.options.filters).toEqual([{ name: '*', extensions: ['*'] }]);
  });

  it('keeps only well-formed filters from the page', () => {
    expect(safeFilters('xlsx')).toEqual([]);
    expect(
      safeFilters([{ name: 'ok', extensions: ['xlsx', '../../x', 5, 'csv'] }, { name: 1, extensions: ['a'] }, { name: 'none', extensions: [] }, null]),
    ).toEqual([{ name: 'ok', extensions: ['xlsx', 'csv'] }]);
  });

  it('refuses pickers from a foreign sender, without opening a dialog', async () => {
    const stranger = new FakeWebContents('https://example.com/');
    const sender = { webContents: stranger, frame: stranger.mainFrame };
    expect(await ipcMain.invoke(sender, IPC_CHANNELS.pickFolder)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await ipcMain.invoke(sender, IPC_CHANNELS.pickFile, [])).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dialog.openCalls).toHaveLength(0);
  });

  it('a failing dialog is an INTERNAL envelope, never a rejection', async () => {
    dialog.showOpenDialog = async () => {
      throw new Error('no display');
    };
    expect(await ipcMain.invoke(fromApp(), IPC_CHANNELS.pickFolder)).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'no display' } });
  });
});
