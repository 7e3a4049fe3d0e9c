/**
 * `npm run web`: the browser shell. Opens the shop's data folder (the desktop app's own, or
 * `--data DIR` / HUITOU_DATA), serves the built renderer on 127.0.0.1 and prints the address.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../backend/backend.ts';
import { resolveDataDir } from '../backend/dataDir.ts';
import { AppError } from '../../shared/errors.ts';
import { startWebShell } from './server.ts';

const DEFAULT_PORT = 4817;

function portFromArgs(argv: readonly string[]): number | undefined {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--port='))?.slice(7);
  return value === undefined ? undefined : Number(value);
}

/**
 * HUITOU_NOW=2026-11-22T09:00:00 pins the shop's clock (end-to-end tests, demos of a given day).
 * The pinned instant advances with real time, so timestamps still order.
 */
function clockFromEnv(value: string | undefined): { now?: () => Date } {
  if (!value) return {};
  const pinned = new Date(value).getTime();
  if (Number.isNaN(pinned)) throw new Error(`HUITOU_NOW is not a date: ${value}`);
  const started = Date.now();
  return { now: () => new Date(pinned + (Date.now() - started)) };
}

async function listen(dispatch: Parameters<typeof startWebShell>[0]['dispatch'], rendererDir: string, wanted: number | undefined) {
  try {
    return await startWebShell({ dispatch, rendererDir, port: wanted ?? DEFAULT_PORT });
  } catch (error) {
    // The usual port is taken (a second copy running?): any free port will do unless one was asked for.
    if (wanted === undefined && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') return startWebShell({ dispatch, rendererDir, port: 0 });
    throw error;
  }
}

async function main() {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
  const dataDir = resolveDataDir(process.argv.slice(2), process.env);
  const backend = openBackend({
    dataDir,
    appVersion: version,
    ...clockFromEnv(process.env.HUITOU_NOW),
    onInternalError: (name, error) => console.error(`[huitou] ${name} failed:`, error),
  });
  const shell = await listen(backend.dispatch, `${root}dist/renderer`, portFromArgs(process.argv));
  // Automatic local backups in <data>/backups: now if the last is a few hours old, then as the shop works.
  const autoBackups = backend.startAutomaticBackups({ onError: (error) => console.error('[huitou] automatic backup failed:', error) });
  console.log(`Huitou is running at ${shell.url}`);
  console.log(`Data folder: ${dataDir}`);
  console.log('Open the address above in a browser on this computer. Press Ctrl+C to stop.');
  const stop = async () => {
    autoBackups.stop();
    await shell.close();
    backend.close();
    process.exit(0);
  };
  // A failed close is an unhandled rejection: Node prints it and exits non-zero, as a crash should.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof AppError && error.code === 'DB_NEWER_THAN_APP') {
    console.error('This shop\'s data was saved by a newer Huitou. Please update the app first. / 数据来自更新版本的回头客，请先升级软件。');
  } else if (error instanceof AppError && error.code === 'DB_FOREIGN') {
    console.error('The data folder holds a database that is not Huitou\'s. / 数据文件不是回头客的数据库。');
  } else {
    console.error(error);
  }
  process.exit(1);
});
