/**
 * Stand-ins for the few Electron objects the shell touches. They record what the shell does to
 * them (handlers registered, files loaded, options passed) and let a test fire the events
 * Electron would fire. No test imports the real 'electron' (it would try to download a binary).
 */
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMainInvokeEvent } from 'electron';

export function tempDir(prefix = 'huitou-electron-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An Electron `Event`: records whether the shell called preventDefault. */
export function fakeEvent(url = '') {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeFrame {
  url: string;
  constructor(url: string) {
    this.url = url;
  }
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler: WindowOpenHandler | null = null;
  printCalls: unknown[] = [];
  printResult: [boolean, string] = [true, ''];
  pdfCalls: unknown[] = [];
  pdfBytes = Buffer.from('%PDF-1.7 fake page\n%%EOF\n');
  title = 'Huitou 回头客';
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.windowOpenHandler = handler;
  }
  print(options: unknown, callback: (success: boolean, failureReason: string) => void) {
    this.printCalls.push(options);
    setImmediate(() => callback(...this.printResult));
  }
  async printToPDF(options: unknown) {
    this.pdfCalls.push(options);
    return this.pdfBytes;
  }
  getTitle() {
    return this.title;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  options: BrowserWindowConstructorOptions;
  webContents: FakeWebContents;
  shown = false;
  destroyed = false;
  minimized = false;
  focused = false;
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    FakeBrowserWindow.created.push(this);
  }
  show() {
    this.shown = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  async loadFile(file: string) {
    this.loadedFile = file;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  /** This fake, typed as the real thing for code under test. */
  get asWindow(): BrowserWindow {
    return this as unknown as BrowserWindow;
  }
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `sender` would get back. */
  async invoke(sender: { webContents: FakeWebContents; frame: FakeFrame | null }, channel: string, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { sender: sender.webContents, senderFrame: sender.frame } as unknown as IpcMainInvokeEvent;
    return handler(event, ...args);
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;
type RequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;

export class FakeSession {
  headersListener: HeadersListener | null = null;
  requestListener: RequestListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
    onBeforeRequest: (listener: RequestListener) => {
      this.requestListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler) {
    this.permissionCheckHandler = handler;
  }
  /** The response headers the page would see. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> | undefined {
    let result: Record<string, string[]> | undefined;
    this.headersListener!({ url, responseHeaders }, (response) => {
      result = response.responseHeaders;
    });
    return result;
  }
  /** Whether a request for `url` would be cancelled. */
  cancels(url: string): boolean {
    let cancel = false;
    this.requestListener!({ url }, (response) => {
      cancel = response.cancel === true;
    });
    return cancel;
  }
  /** Whether a page asking for `permission` would get it. */
  grants(permission: string): boolean {
    let granted = true;
    this.permissionRequestHandler!({}, permission, (value) => {
      granted = value;
    });
    return granted;
  }
}

/** The dialog module: the save and open dialogs answer what the test chose. */
export class FakeDialog {
  saveAnswer: { canceled: boolean; filePath?: string } = { canceled: true };
  openAnswer: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  openCalls: { window: unknown; options: { defaultPath?: string; properties?: string[]; filters?: unknown } }[] = [];
  async showOpenDialog(window: unknown, options: { defaultPath?: string; properties?: string[]; filters?: unknown }) {
    this.openCalls.push({ window, options });
    return this.openAnswer;
  }
  saveCalls: { window: unknown; options: { defaultPath?: string; filters?: unknown } }[] = [];
  messageBoxes: unknown[] = [];
  errorBoxes: { title: string; content: string }[] = [];
  async showSaveDialog(window: unknown, options: { defaultPath?: string }) {
    this.saveCalls.push({ window, options });
    return { canceled: this.saveAnswer.canceled, filePath: this.saveAnswer.filePath ?? '' };
  }
  async showMessageBox(...args: unknown[]) {
    this.messageBoxes.push(args);
    return { response: 0, checkboxChecked: false };
  }
  showErrorBox(title: string, content: string) {
    this.errorBoxes.push({ title, content });
  }
}

/**
 * Electron's `utilityProcess`: each fork is recorded, and runs for real as a Node child with a
 * `process.parentPort` (utilityProcessChild.ts). `entry` replaces the module asked for (the sources'
 * hostProcess.ts stands in for a backend.cjs that was never built); by default the module itself runs.
 */
export class FakeUtilityProcess {
  forks: { modulePath: string; args: string[]; options: unknown; child: FakeUtilityChild }[] = [];
  private readonly entry: string | undefined;
  constructor(entry?: string) {
    this.entry = entry;
  }
  fork(modulePath: string, args: string[] = [], options: unknown = {}) {
    const child = new FakeUtilityChild(this.entry ?? modulePath, args);
    this.forks.push({ modulePath, args, options, child });
    return child;
  }
}

export class FakeUtilityChild extends EventEmitter {
  readonly process: ChildProcess;
  exitCode: number | null = null;
  readonly exited: Promise<void>;
  constructor(entry: string, args: string[]) {
    super();
    this.process = fork(join(import.meta.dirname, 'utilityProcessChild.ts'), [entry, ...args], { serialization: 'advanced', stdio: 'inherit' });
    // Posting to a child that has just died is not an error in Electron: its exit is what is reported.
    this.process.on('error', () => {});
    this.process.on('message', (message) => this.emit('message', message));
    this.exited = new Promise((done) =>
      this.process.on('exit', (code) => {
        // Electron reports a number, a signal's death included.
        this.exitCode = code ?? 1;
        this.emit('exit', this.exitCode);
        done();
      }),
    );
  }
  postMessage(message: unknown) {
    this.process.send(message as Serializable, () => {});
  }
  kill() {
    return this.process.kill();
  }
}
