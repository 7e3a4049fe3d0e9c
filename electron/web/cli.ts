/**
 * `npm run web`: the browser shell. Opens the shop's data folder (the desktop app's own, or
 * `--data DIR` / HUITOU_DATA) in a backend host of its own (a forked Node process: host.ts), serves
 * the built renderer on 127.0.0.1 and prints the address. A crashed host is restarted on the same
 * book; this process keeps serving.
 *
 * `--built`: the host is the desktop app's own bundle (dist-electron/backend.cjs, `npm run
 * build:electron`), as `npm run web` and `npm start`'s fallback run it. Without it (the tests), the host
 * runs the TypeScript sources: Node's type stripping (a WebAssembly compiler whose memory only grows)
 * costs that process ~40 MB more (119 MB instead of 78 MB once loaded), and each job thread ~14 MB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveDataDir, flagValue } from '../backend/dataDir.ts';
import { forkChild, openFailureSentence, startBackendClient } from '../backend/hostClient.ts';
import { hostArgs } from '../backend/hostProtocol.ts';
import { AppError } from '../../shared/errors.ts';
import { startWebShell } from './server.ts';

const DEFAULT_PORT = 4817;

function portFromArgs(argv: readonly string[]): number | undefined {
  const value = flagValue(argv, '--port');
  return value === undefined ? undefined : Number(value);
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
  const built = process.argv.includes('--built');
  const hostEntry = built ? `${root}dist-electron/backend.cjs` : fileURLToPath(new URL('../backend/hostProcess.ts', import.meta.url));
  if (built && !existsSync(hostEntry)) throw new Error(`no ${hostEntry}: build it first (npm run build:electron)`);
  const migrations = built ? { migrationsDir: `${root}dist-electron/migrations` } : {};
  // The host reads HUITOU_NOW (a pinned clock) from the environment it inherits.
  const backend = startBackendClient({
    spawn: () => forkChild(hostEntry, hostArgs({ dataDir, appVersion: version, ...migrations })),
    onCrash: ({ code, restarting }) =>
      console.error(`[huitou] the backend stopped (exit code ${code}); ${restarting ? 'restarting it' : 'not restarting it again'}`),
  });
  await backend.ready;
  const shell = await listen(backend.dispatch, `${root}dist/renderer`, portFromArgs(process.argv));
  console.log(`Huitou is running at ${shell.url}`);
  console.log(`Data folder: ${dataDir}`);
  console.log('Open the address above in a browser on this computer. Press Ctrl+C to stop.');
  const stop = async () => {
    await shell.close();
    await backend.close();
    process.exit(0);
  };
  // A failed close is an unhandled rejection: Node prints it and exits non-zero, as a crash should.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? openFailureSentence(error) : error);
  process.exit(1);
});
