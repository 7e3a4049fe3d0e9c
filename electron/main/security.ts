/**
 * Electron's security checklist, applied in one place: a strict Content-Security-Policy on every
 * response, no permissions but writing text to the clipboard, no remote requests, no navigation away from the app, no new windows,
 * no <webview>. The functions take the session / webContents as arguments so tests can hand in fakes.
 */
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/shellConstants.ts';
import type { AppLocation } from './appLocation.ts';
import { isAppUrl } from './appLocation.ts';

/** The one policy both shells use (antd's CSS-in-JS needs inline styles; scripts only from our files). */
export { CONTENT_SECURITY_POLICY };

/**
 * The policy for a location. A dev server (never in a packaged app) needs its websocket for hot
 * reload and inline scripts for the React refresh preamble; the built app gets the strict policy.
 */
export function contentSecurityPolicyFor(location: AppLocation): string {
  if (location.kind === 'file') return CONTENT_SECURITY_POLICY;
  const origin = new URL(location.url);
  const ws = `ws://${origin.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/** Response headers with our CSP replacing any CSP the response had (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/** True for requests the app may make: its own files and data URLs, devtools, and the dev server. */
export function isAllowedRequest(location: AppLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['file:', 'data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(parsed.protocol)) return true;
  if (location.kind === 'dev') {
    const dev = new URL(location.url);
    if (parsed.host === dev.host && ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return true;
  }
  return false;
}

/**
 * The one permission the app has: writing to the clipboard (navigator.clipboard.writeText, the "copy
 * a message" of Today and Collections). Chromium checks it, then asks for it, so both handlers grant it.
 * Only the app's own pages ever load in this session (onBeforeRequest, hardenWebContents); reading
 * the clipboard stays refused.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function isGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}

export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived' | 'onBeforeRequest'>;
};

export function hardenSession(session: HardenableSession, location: AppLocation): void {
  const policy = contentSecurityPolicyFor(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(location, details.url) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isGranted(permission));
}

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Blocks leaving the app (links, redirects, frames), new windows and <webview> for one webContents. */
export function hardenWebContents(contents: HardenableContents, location: AppLocation): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(location, url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-redirect', (event) => stayInApp(event, event.url));
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
