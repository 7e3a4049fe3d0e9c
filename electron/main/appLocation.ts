/**
 * Where the renderer comes from, and whether a URL belongs to it. The built app loads
 * dist/renderer/index.html from disk; a developer may point HUITOU_DEV_URL at a local dev server
 * (only when not packaged). Everything else is foreign: navigation to it is blocked and IPC from
 * it is refused.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type AppLocation = { kind: 'file'; indexFile: string } | { kind: 'dev'; url: string };

export interface LocationInput {
  /** The folder of the bundled main script (dist-electron/). */
  mainDir: string;
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}

export function rendererIndexFile(mainDir: string): string {
  return join(mainDir, '..', 'dist', 'renderer', 'index.html');
}

export function resolveAppLocation({ mainDir, isPackaged, env }: LocationInput): AppLocation {
  const dev = env.HUITOU_DEV_URL;
  if (dev && !isPackaged) {
    const url = new URL(dev);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname)) return { kind: 'dev', url: url.href };
  }
  return { kind: 'file', indexFile: rendererIndexFile(mainDir) };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: the same index.html file (any #route or ?query), or any
 * page on the dev server's origin.
 */
export function isAppUrl(location: AppLocation, url: string, platform: NodeJS.Platform = process.platform): boolean {
  const candidate = parse(url);
  if (!candidate) return false;
  if (location.kind === 'dev') return candidate.origin === new URL(location.url).origin;
  if (candidate.protocol !== 'file:') return false;
  const own = pathToFileURL(location.indexFile, { windows: platform === 'win32' });
  if (candidate.host !== own.host) return false;
  const normalise = (pathname: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    return platform === 'win32' ? decoded.toLowerCase() : decoded;
  };
  const path = normalise(candidate.pathname);
  return path !== null && path === normalise(own.pathname);
}
