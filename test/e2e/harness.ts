/**
 * Starts the real browser shell (`node electron/web/cli.ts`) on a temp data folder and a real
 * Chromium driven by playwright-core; records every request the page makes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const ARTIFACTS = resolve('test-artifacts/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Shell {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startShell(
  dataDir = mkdtempSync(join(tmpdir(), 'huitou-e2e-')),
  env: Record<string, string> = {},
  /** More arguments for cli.ts (the UI bench: `--built`). */
  args: readonly string[] = [],
): Promise<Shell> {
  if (!existsSync('dist/renderer/index.html')) throw new Error('build the renderer first: npm run build:renderer');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  const child: ChildProcess = spawn(process.execPath, ['electron/web/cli.ts', '--data', dataDir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the shell printed no address:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the shell exited (${code}):\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, to prove the app never leaves 127.0.0.1. */
  requests: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(locale: 'zh-CN' | 'en-US'): Promise<Session> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return {
    browser,
    context,
    page,
    requests,
    screenshot: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    },
    close: () => browser.close(),
  };
}

/**
 * The page as a failed test left it, to look at (test-artifacts/e2e/failed-<test name>.png): a timeout
 * says what was not found, not what was on screen instead.
 */
export async function keepFailedPage(session: Session | undefined, context: { task: { name: string; result?: { state?: string } } }) {
  if (!session || context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  await session.page.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`) }).catch(() => undefined);
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The shell and the browser a test file drives: started by `open` (or `shellOnly`), closed after each
 * test, one that failed half-way too, or before the next start. Their data folder goes with them,
 * unless the file gave its own `dataDir` to outlive a restart (the file removes that one).
 */
export function shellAndBrowser() {
  let shell: Shell | undefined;
  let session: Session | undefined;
  let ownDir: string | undefined;

  async function stop() {
    await session?.close();
    await shell?.stop();
    if (ownDir) removeDir(ownDir);
    shell = undefined;
    session = undefined;
    ownDir = undefined;
  }
  afterEach(async (context) => {
    await keepFailedPage(session, context);
    await stop();
  });

  /** The shell alone, for its HTTP API; `now` pins its clock (HUITOU_NOW). */
  async function shellOnly(options: { dataDir?: string; now?: string } = {}): Promise<Shell> {
    await stop();
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'huitou-e2e-'));
    if (!options.dataDir) ownDir = dataDir;
    shell = await startShell(dataDir, options.now ? { HUITOU_NOW: options.now } : {});
    return shell;
  }

  /** The shell and a browser in `locale` (zh-CN unless told) showing the app. */
  async function open(options: { dataDir?: string; now?: string; locale?: 'zh-CN' | 'en-US' } = {}): Promise<{ shell: Shell; session: Session; page: Page }> {
    const started = await shellOnly(options);
    session = await openBrowser(options.locale ?? 'zh-CN');
    await session.page.goto(started.url);
    return { shell: started, session, page: session.page };
  }

  return { open, shellOnly, stop };
}

/** Printed pages, checked the way a person would: their text (poppler's pdftotext) and PNGs to look at. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/** The text in drawing order with all white space gone: for strings a narrow column wraps. */
export function pdfRawText(path: string): string {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

export function pdfPages(path: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
}

export function toPngs(path: string, prefix: string) {
  execFileSync('pdftoppm', ['-png', '-r', '60', path, join(ARTIFACTS, prefix)]);
}
