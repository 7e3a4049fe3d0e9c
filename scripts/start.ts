/**
 * `npm start` (after `npm run build`): opens Huitou in the Electron desktop window when Electron's
 * binary is here or can be fetched, and otherwise in the browser shell (electron/web/cli.ts), with
 * one sentence saying so. Arguments pass through to either (`npm start -- --data D:\shop`).
 *
 * Electron 45 downloads its binary lazily on first run; on machines without internet the download
 * fails (or, behind a silent firewall, hangs), so the attempt runs in a child process with a time
 * limit. `require('electron')` is never used here: it would download synchronously with no limit.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MISSING_BINARY_MESSAGE =
  'The Electron desktop window is not available on this machine (its binary could not be downloaded), so Huitou is opening in your browser shell instead:';
export const FAILED_START_MESSAGE = 'The Electron desktop window could not start on this machine, so Huitou is opening in your browser shell instead:';

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 45_000;
/** Electron exiting with an error this soon after launch means it never showed a window (no display, missing libraries). */
export const EARLY_EXIT_MS = 4_000;

export const WEB_CLI = join('electron', 'web', 'cli.ts');

export type DownloadOutcome = 'ok' | 'failed' | 'timeout';

export interface ProbeDeps {
  /** node_modules/electron, or null when the package is not installed. */
  electronDir: string | null;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  readText(path: string): string | null;
  /** Runs Electron's own installer (the lazy download) within `timeoutMs`. */
  download(electronDir: string, timeoutMs: number): Promise<DownloadOutcome>;
}

export type Probe = { binary: string } | { binary: null; reason: 'not-installed' | 'download-failed' | 'download-timeout' };

function executableName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** Where Electron's binary is, if it is already on disk (the same rules as electron/index.js). */
export function installedElectronBinary(deps: Omit<ProbeDeps, 'download'>): string | null {
  if (!deps.electronDir) return null;
  const pathTxt = deps.readText(join(deps.electronDir, 'path.txt'))?.trim() || null;
  const override = deps.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, pathTxt ?? executableName(deps.platform)) : pathTxt ? join(deps.electronDir, 'dist', pathTxt) : null;
  return binary && deps.exists(binary) ? binary : null;
}

export function downloadTimeoutMs(env: NodeJS.ProcessEnv): number {
  const wanted = Number(env.HUITOU_ELECTRON_DOWNLOAD_TIMEOUT_MS);
  return Number.isFinite(wanted) && wanted > 0 ? wanted : DEFAULT_DOWNLOAD_TIMEOUT_MS;
}

export async function findElectronBinary(deps: ProbeDeps): Promise<Probe> {
  const present = installedElectronBinary(deps);
  if (present) return { binary: present };
  if (!deps.electronDir) return { binary: null, reason: 'not-installed' };
  const outcome = await deps.download(deps.electronDir, downloadTimeoutMs(deps.env));
  if (outcome === 'timeout') return { binary: null, reason: 'download-timeout' };
  const fetched = outcome === 'ok' ? installedElectronBinary(deps) : null;
  return fetched ? { binary: fetched } : { binary: null, reason: 'download-failed' };
}

/** Runs `node <electronDir>/install.js` quietly; kills it when it takes longer than `timeoutMs`. */
export function runElectronInstaller(
  electronDir: string,
  timeoutMs: number,
  nodePath: string = process.execPath,
  script: string = join(electronDir, 'install.js'),
): Promise<DownloadOutcome> {
  return new Promise((resolveOutcome) => {
    let settled = false;
    const settle = (outcome: DownloadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolveOutcome(outcome);
    };
    const child = spawn(nodePath, [script], { stdio: 'ignore', windowsHide: true });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle('timeout');
    }, timeoutMs);
    child.once('error', () => settle('failed'));
    child.once('exit', (code) => settle(code === 0 ? 'ok' : 'failed'));
  });
}

export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface LaunchDeps {
  root: string;
  nodePath: string;
  spawn: Spawn;
  log(line: string): void;
  probe(): Promise<Probe>;
  now(): number;
  /** Forwards Ctrl+C / termination to the running child. */
  onSignal?(handler: (signal: NodeJS.Signals) => void): void;
}

export type LaunchResult = { shell: 'electron' | 'browser'; exitCode: number };

type Outcome = { kind: 'spawn-error' } | { kind: 'exit'; code: number; afterMs: number };

function run(deps: LaunchDeps, command: string, args: readonly string[]): Promise<Outcome> {
  return new Promise((resolveOutcome) => {
    const started = deps.now();
    const child = deps.spawn(command, args, { cwd: deps.root, stdio: 'inherit', windowsHide: false });
    deps.onSignal?.((signal) => child.kill(signal));
    child.once('error', () => resolveOutcome({ kind: 'spawn-error' }));
    child.once('exit', (code, signal) => {
      resolveOutcome({ kind: 'exit', code: code ?? (signal ? 1 : 0), afterMs: deps.now() - started });
    });
  });
}

async function browserShell(deps: LaunchDeps, args: readonly string[], message: string): Promise<LaunchResult> {
  deps.log(message);
  // `npm start` built the desktop app's backend bundle first: the browser shell runs the same one.
  const outcome = await run(deps, deps.nodePath, [WEB_CLI, '--built', ...args]);
  return { shell: 'browser', exitCode: outcome.kind === 'exit' ? outcome.code : 1 };
}

export async function launch(args: readonly string[], deps: LaunchDeps): Promise<LaunchResult> {
  const probe = await deps.probe();
  if (!probe.binary) return browserShell(deps, args, MISSING_BINARY_MESSAGE);
  const outcome = await run(deps, probe.binary, ['.', ...args]);
  if (outcome.kind === 'spawn-error') return browserShell(deps, args, MISSING_BINARY_MESSAGE);
  if (outcome.code !== 0 && outcome.afterMs < EARLY_EXIT_MS) return browserShell(deps, args, FAILED_START_MESSAGE);
  return { shell: 'electron', exitCode: outcome.code };
}

export function locateElectronPackage(from: string): string | null {
  try {
    return dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function defaultLaunchDeps(root: string, env: NodeJS.ProcessEnv = process.env): LaunchDeps {
  const electronDir = locateElectronPackage(join(root, 'package.json'));
  return {
    root,
    nodePath: process.execPath,
    spawn: (command, args, options) => spawn(command, args, options),
    log: (line) => console.log(line),
    now: () => Date.now(),
    probe: () =>
      findElectronBinary({
        electronDir,
        env,
        platform: process.platform,
        exists: existsSync,
        readText: (path) => {
          try {
            return readFileSync(path, 'utf8');
          } catch {
            return null;
          }
        },
        download: (dir, timeoutMs) => runElectronInstaller(dir, timeoutMs),
      }),
    onSignal: (handler) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.removeAllListeners(signal);
        process.on(signal, () => handler(signal));
      }
    },
  };
}

const thisFile = fileURLToPath(import.meta.url);
if (process.argv[1] && resolve(process.argv[1]) === thisFile) {
  const root = resolve(dirname(thisFile), '..');
  const result = await launch(process.argv.slice(2), defaultLaunchDeps(root));
  process.exitCode = result.exitCode;
}
