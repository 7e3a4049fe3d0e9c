/**
 * The browser shell: the built renderer and the same backend, served on 127.0.0.1 only.
 * Every API call needs the per-launch token, which only the served page knows (it is written into
 * index.html), and a Host header naming 127.0.0.1/localhost, so neither another web page
 * (cross-site requests) nor DNS rebinding can reach the shop's data.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Envelope, ErrorCode } from '../../shared/errors.ts';
import { CONTENT_SECURITY_POLICY, SOCKET_PATH, SOCKET_TOKEN_PARAM, TOKEN_HEADER, TOKEN_META } from '../../shared/shellConstants.ts';
import { callSockets, refuseUpgrade } from './socket.ts';

export const MAX_BODY_BYTES = 1_000_000;
/**
 * A body over the limit is read to its end and thrown away, so the client (which sends it all before it
 * reads) gets its 413 instead of a reset connection; past this much it is no client of ours and is cut off.
 */
const MAX_DRAINED_BYTES = 64 * MAX_BODY_BYTES;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface WebShellOptions {
  /** The backend host's (hostClient.ts): the book lives in a child process. */
  dispatch: (name: unknown, input: unknown) => Promise<Envelope<unknown>>;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface WebShell {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: ErrorCode, message: string) {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function tokensMatch(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** null for text that is not valid percent-encoding (`/%`, `/%E0`): a 400, not a thrown URIError. */
function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAINED_BYTES) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A body cut off past the drain limit may end with neither 'end' nor 'error': the handler must not wait on.
    req.on('close', () => resolveBody(null));
  });
}

export function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`the renderer is not built: ${indexFile} is missing (run npm run build:renderer)`);
  const indexHtml = readFileSync(indexFile, 'utf8').replace('</head>', `<meta name="${TOKEN_META}" content="${token}"></head>`);
  let port = 0;

  const allowedHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  /** Open sockets, ended when the shell closes (an upgraded connection is no longer the HTTP server's). */
  const sockets = callSockets(options.dispatch);

  async function handleApi(req: IncomingMessage, res: ServerResponse, encodedName: string) {
    if (!tokensMatch(req.headers[TOKEN_HEADER], token)) return fail(res, 403, 'UNAUTHORIZED', 'missing or wrong token');
    const name = decodedOrNull(encodedName);
    if (name === null) return fail(res, 400, 'VALIDATION', 'the call name is not valid percent-encoding');
    const body = await readBody(req);
    if (body === null) return fail(res, 413, 'PAYLOAD_TOO_LARGE', `request larger than ${MAX_BODY_BYTES} bytes`);
    let input: unknown;
    try {
      input = body.trim() ? JSON.parse(body) : {};
    } catch {
      return fail(res, 400, 'VALIDATION', 'request body is not JSON');
    }
    sendJson(res, 200, await options.dispatch(name, input));
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    };
    const decoded = decodedOrNull(pathname);
    if (decoded === null) return fail(res, 400, 'VALIDATION', 'the path is not valid percent-encoding');
    const file = normalize(join(rendererDir, decoded));
    const insideRenderer = file.startsWith(rendererDir + sep);
    if (insideRenderer && existsSync(file) && statSync(file).isFile() && !file.endsWith('index.html')) {
      res.writeHead(200, { ...headers, 'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=3600' });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return;
    }
    // Every other path is the app itself (a single-page app), never a directory listing.
    res.writeHead(200, { ...headers, 'Content-Type': mimeTypes['.html']!, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : indexHtml);
  }

  const server = createServer((req, res) => {
    if (!allowedHost(req.headers.host)) return fail(res, 403, 'UNAUTHORIZED', 'unexpected Host header');
    let pathname: string;
    try {
      ({ pathname } = new URL(req.url ?? '/', `http://127.0.0.1:${port}`));
    } catch {
      return fail(res, 400, 'VALIDATION', 'the request target is not a URL');
    }
    const api = /^\/api\/([\w.%-]+)$/.exec(pathname);
    if (api && req.method === 'POST') {
      handleApi(req, res, api[1]!).catch((error: unknown) => fail(res, 500, 'INTERNAL', String(error)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'VALIDATION', 'method not allowed');
    serveStatic(req, res, pathname);
  });

  // A WebSocket is not held back by the same-origin policy: the page's own origin and its token, or nothing.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return refuseUpgrade(socket, 400);
    }
    const origin = req.headers.origin;
    // The page's own origin: http:// and a host the server answers as.
    const originAllowed = origin === undefined || (origin.startsWith('http://') && allowedHost(origin.slice('http://'.length)));
    if (!allowedHost(req.headers.host) || !originAllowed || !tokensMatch(url.searchParams.get(SOCKET_TOKEN_PARAM) ?? undefined, token))
      return refuseUpgrade(socket, 403);
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, 400);
    sockets.accept(req, socket, head);
  });

  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolveStart({
        url: `http://127.0.0.1:${port}/`,
        port,
        token,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            sockets.close();
            server.close(() => done());
          }),
      });
    });
  });
}
