/**
 * Where the shop's data lives: the OS's per-user application data folder, the same one Electron
 * calls userData, so that the desktop app and the browser shell open the same book.
 * `--data DIR` or HUITOU_DATA overrides it (a second shop, a USB stick, tests).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER_NAME = 'Huitou';

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME);
}

/** The value after `flag` (or `flag=VALUE`) in argv, if any. */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** The value after `--data` (or `--data=DIR`) in argv, if any. */

export function resolveDataDir(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flagValue(argv, '--data') ?? env.HUITOU_DATA;
  return chosen ? resolve(chosen) : defaultUserDataDir(process.platform, env);
}
