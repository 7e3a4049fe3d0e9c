import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { pathToFileURL } from 'node:url';
import type { AppLocation } from '../../electron/main/appLocation.ts';
import { isAppUrl, rendererIndexFile, resolveAppLocation } from '../../electron/main/appLocation.ts';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicyFor,
  hardenSession,
  hardenWebContents,
  type HardenableContents,
  type HardenableSession,
} from '../../electron/main/security.ts';
import { fakeEvent, FakeSession, FakeWebContents } from './fakes.ts';

const indexFile = '/opt/Huitou/resources/app.asar/dist/renderer/index.html';
const fileApp: AppLocation = { kind: 'file', indexFile };
const appUrl = pathToFileURL(indexFile).href;

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')] as const;
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('is strict: own scripts only, inline styles for antd, no objects, no framing', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });

  it('is set on every response, replacing whatever CSP the response carried', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as HardenableSession, fileApp);
    const headers = session.respond(appUrl, { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(session.respond(`${appUrl.replace('index.html', 'assets/app.js')}`)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('relaxes only for a dev server (its websocket and React refresh), never for the built app', () => {
    const dev = contentSecurityPolicyFor({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(directives(dev).get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(contentSecurityPolicyFor(fileApp)).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('session hardening', () => {
  const session = new FakeSession();
  hardenSession(session as unknown as HardenableSession, fileApp);

  it('denies every permission request and check but writing to the clipboard', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(session.grants(permission)).toBe(false);
    }
    expect(session.permissionCheckHandler!({}, 'media', 'file://')).toBe(false);
    expect(session.permissionCheckHandler!({}, 'clipboard-read', 'file://')).toBe(false);
    // Copying a message to send (Today's M): Chromium checks the permission, then requests it.
    expect(session.grants('clipboard-sanitized-write')).toBe(true);
    expect(session.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'file://')).toBe(true);
  });

  it('cancels remote requests and lets the app load its own files', () => {
    expect(session.cancels('https://example.com/tracker.js')).toBe(true);
    expect(session.cancels('http://127.0.0.1:4817/api/shop.info')).toBe(true);
    expect(session.cancels('wss://example.com/')).toBe(true);
    expect(session.cancels(appUrl)).toBe(false);
    expect(session.cancels('data:image/png;base64,AAAA')).toBe(false);
    expect(session.cancels('devtools://devtools/bundled/devtools_app.html')).toBe(false);
  });
});

describe('webContents hardening', () => {
  function hardened(location: AppLocation = fileApp) {
    const contents = new FakeWebContents(appUrl);
    hardenWebContents(contents as unknown as HardenableContents, location);
    return contents;
  }

  it('blocks navigation to a web page', () => {
    const contents = hardened();
    const event = fakeEvent('https://example.com');
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(true);
  });

  it('blocks navigation to another local file and redirects away, but not a route of the app', () => {
    const contents = hardened();
    const otherFile = fakeEvent(pathToFileURL('/etc/passwd').href);
    contents.emit('will-navigate', otherFile, otherFile.url);
    expect(otherFile.defaultPrevented).toBe(true);
    const redirect = fakeEvent('https://evil.example/');
    contents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.defaultPrevented).toBe(true);
    const frame = fakeEvent('https://example.com/ad.html');
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
    const route = fakeEvent(`${appUrl}#/reminders`);
    contents.emit('will-navigate', route, route.url);
    expect(route.defaultPrevented).toBe(false);
  });

  it('denies window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: appUrl })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('on a dev server, allows its own origin only', () => {
    const contents = hardened({ kind: 'dev', url: 'http://localhost:5173/' });
    const same = fakeEvent('http://localhost:5173/#/customers');
    const other = fakeEvent('http://localhost:8080/');
    contents.emit('will-navigate', same, same.url);
    contents.emit('will-navigate', other, other.url);
    expect(same.defaultPrevented).toBe(false);
    expect(other.defaultPrevented).toBe(true);
  });
});

describe('app location', () => {
  it('is the built index.html next to the bundle, and a dev URL only when unpackaged and local', () => {
    expect(rendererIndexFile('/opt/Huitou/resources/app.asar/dist-electron')).toBe(indexFile);
    const env = { HUITOU_DEV_URL: 'http://localhost:5173/' };
    expect(resolveAppLocation({ mainDir: '/x/dist-electron', isPackaged: false, env })).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(resolveAppLocation({ mainDir: '/x/dist-electron', isPackaged: true, env }).kind).toBe('file');
    expect(resolveAppLocation({ mainDir: '/x/dist-electron', isPackaged: false, env: { HUITOU_DEV_URL: 'https://example.com/' } }).kind).toBe('file');
  });

  it('recognises the app page with any route, and nothing else', () => {
    expect(isAppUrl(fileApp, appUrl)).toBe(true);
    expect(isAppUrl(fileApp, `${appUrl}?lang=en#/sales`)).toBe(true);
    expect(isAppUrl(fileApp, pathToFileURL('/opt/Huitou/resources/app.asar/dist/renderer/other.html').href)).toBe(false);
    expect(isAppUrl(fileApp, 'file://server/opt/Huitou/resources/app.asar/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl(fileApp, 'https://example.com/index.html')).toBe(false);
    expect(isAppUrl(fileApp, 'not a url')).toBe(false);
    expect(isAppUrl(fileApp, 'file:///%E0%A4%A')).toBe(false);
  });

  it('compares Windows paths without regard to drive letter case', () => {
    const win: AppLocation = { kind: 'file', indexFile: 'C:\\Program Files\\Huitou\\resources\\app.asar\\dist\\renderer\\index.html' };
    expect(isAppUrl(win, 'file:///c:/Program%20Files/Huitou/resources/app.asar/dist/renderer/index.html', 'win32')).toBe(true);
  });
});
