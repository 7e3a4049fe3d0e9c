/**
 * The browser shell's WebSocket for calls (electron/web/socket.ts) and the renderer's transport over it
 * (socketTransport in renderer/src/api/client.ts): real server, real backend on a real SQLite file, and
 * Node's own WebSocket client (the browser's API).
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpTransport, socketTransport, type Transport } from '../../renderer/src/api/client.ts';
import type { WebShell } from '../../electron/web/server.ts';
import { SOCKET_MAX_MESSAGE_BYTES } from '../../electron/web/socket.ts';
import type { Envelope } from '../../shared/errors.ts';
import { SOCKET_MAX_CALL_CHARS, SOCKET_PATH, SOCKET_TOKEN_PARAM } from '../../shared/shellConstants.ts';
import { makeBackend, type TestBackend } from '../backend/helpers.ts';
import { shellOver } from './webShell.ts';

const socketUrl = (shell: WebShell, token = shell.token) => `ws://127.0.0.1:${shell.port}${SOCKET_PATH}?${SOCKET_TOKEN_PARAM}=${encodeURIComponent(token)}`;

/** The status a WebSocket upgrade is answered with (101: accepted), sent as a browser would with `origin`. */
function upgradeStatus(shell: WebShell, path: string, origin: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: shell.port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        Origin: origin,
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const opened = (socket: WebSocket) =>
  new Promise<void>((resolveOpen, reject) => {
    socket.onopen = () => resolveOpen();
    socket.onerror = () => reject(new Error('the socket did not open'));
  });

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('calls over a WebSocket', () => {
  let backend: TestBackend;
  let shell: WebShell;
  /** Calls named 'test.hang' are never answered: a call still under way when the socket closes. */
  beforeEach(async () => {
    backend = makeBackend();
    shell = await shellOver(backend, (name, input) =>
      name === 'test.hang' ? new Promise<Envelope<unknown>>(() => {}) : Promise.resolve(backend.dispatch(name, input)),
    );
  });
  afterEach(async () => {
    await shell.close();
    backend.dispose();
  });

  describe('the browser shell’s socket', () => {
    it('answers calls by id, in whatever order they finish', async () => {
      const socket = new WebSocket(socketUrl(shell));
      await opened(socket);
      const answers: { id: number; envelope: Envelope<unknown> }[] = [];
      socket.onmessage = (event: MessageEvent) => answers.push(JSON.parse(String(event.data)) as (typeof answers)[number]);
      socket.send(JSON.stringify({ id: 1, name: 'test.hang', input: {} }));
      socket.send(JSON.stringify({ id: 2, name: 'shop.info', input: {} }));
      socket.send(JSON.stringify({ id: 3, name: 'customers.search', input: { query: 'x', includeArchived: 'no' } }));
      await until(() => answers.length === 2);
      expect(answers[0]).toMatchObject({ id: 2, envelope: { ok: true } });
      // The same gate as HTTP: bad input is refused by dispatch with a code, nothing thrown.
      expect(answers[1]).toMatchObject({ id: 3, envelope: { ok: false, error: { code: 'VALIDATION' } } });
      socket.close();
    });

    it('opens only with the token, from the page’s own origin, at its path', async () => {
      const path = `${SOCKET_PATH}?${SOCKET_TOKEN_PARAM}=${shell.token}`;
      expect(await upgradeStatus(shell, path, `http://127.0.0.1:${shell.port}`)).toBe(101);
      expect(await upgradeStatus(shell, path, `http://localhost:${shell.port}`)).toBe(101);
      expect(await upgradeStatus(shell, path, 'http://evil.example')).toBe(403);
      expect(await upgradeStatus(shell, path, `http://127.0.0.1:${shell.port + 1}`)).toBe(403);
      expect(await upgradeStatus(shell, `${SOCKET_PATH}?${SOCKET_TOKEN_PARAM}=wrong`, `http://127.0.0.1:${shell.port}`)).toBe(403);
      expect(await upgradeStatus(shell, SOCKET_PATH, `http://127.0.0.1:${shell.port}`)).toBe(403);
      expect(await upgradeStatus(shell, `/api/other?${SOCKET_TOKEN_PARAM}=${shell.token}`, `http://127.0.0.1:${shell.port}`)).toBe(400);
    });

    it('closes (1009) on a message over its limit, and keeps serving', async () => {
      const socket = new WebSocket(socketUrl(shell));
      await opened(socket);
      const closed = new Promise<number>((done) => (socket.onclose = (event) => done(event.code)));
      socket.send(JSON.stringify({ id: 1, name: 'shop.info', input: { pad: 'x'.repeat(SOCKET_MAX_MESSAGE_BYTES) } }));
      expect(await closed).toBe(1009);
      const again = new WebSocket(socketUrl(shell));
      await opened(again);
      const answer = new Promise<string>((done) => (again.onmessage = (event: MessageEvent) => done(String(event.data))));
      again.send(JSON.stringify({ id: 7, name: 'shop.info', input: {} }));
      expect(JSON.parse(await answer)).toMatchObject({ id: 7, envelope: { ok: true } });
      again.close();
    });

    it('closes (1008) on a message that is not a call', async () => {
      const socket = new WebSocket(socketUrl(shell));
      await opened(socket);
      const closed = new Promise<number>((done) => (socket.onclose = (event) => done(event.code)));
      socket.send(JSON.stringify({ name: 'shop.info' }));
      expect(await closed).toBe(1008);
    });
  });

  describe('the renderer’s socket transport', () => {
    /** The HTTP transport to the same shell, counting the calls it carried. */
    function countingHttp() {
      const http = httpTransport(shell.token, (url, init) => fetch(new URL(String(url), shell.url), init));
      const names: string[] = [];
      const transport: Transport = (name, input) => {
        names.push(name);
        return http(name, input);
      };
      return { transport, names };
    }

    it('uses HTTP until the socket is open, then the socket; a call too big for it goes over HTTP', async () => {
      const http = countingHttp();
      const sockets: WebSocket[] = [];
      const transport = socketTransport(socketUrl(shell), http.transport, (url) => {
        const socket = new WebSocket(url);
        sockets.push(socket);
        return socket;
      });
      expect(await transport('shop.info', {})).toMatchObject({ ok: true });
      expect(http.names).toEqual(['shop.info']);
      await until(() => sockets[0]!.readyState === WebSocket.OPEN);
      const found = await transport('customers.search', { query: '', includeArchived: false });
      expect(found).toMatchObject({ ok: true, data: { items: [] } });
      expect(await transport('customers.search', { query: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(http.names).toEqual(['shop.info']);
      const big = await transport('customers.search', { query: 'x'.repeat(SOCKET_MAX_CALL_CHARS), includeArchived: false });
      expect(big).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(http.names).toEqual(['shop.info', 'customers.search']);
      expect(sockets).toHaveLength(1);
    });

    it('answers TRANSPORT to a call under way when the socket closes, then goes over HTTP and opens a new socket later', async () => {
      const http = countingHttp();
      let now = 0;
      const sockets: WebSocket[] = [];
      const transport = socketTransport(
        socketUrl(shell),
        http.transport,
        (url) => {
          const socket = new WebSocket(url);
          sockets.push(socket);
          return socket;
        },
        () => now,
      );
      await until(() => sockets[0]?.readyState === WebSocket.OPEN);
      const hanging = transport('test.hang' as never, {});
      sockets[0]!.close();
      expect(await hanging).toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
      expect(await transport('shop.info', {})).toMatchObject({ ok: true });
      expect(http.names).toEqual(['shop.info']);
      expect(sockets).toHaveLength(1);
      // A while later the next call opens a new socket (that call still goes over HTTP).
      now += 10_000;
      await transport('shop.info', {});
      expect(sockets).toHaveLength(2);
      await until(() => sockets[1]!.readyState === WebSocket.OPEN);
      await transport('shop.info', {});
      expect(http.names).toEqual(['shop.info', 'shop.info']);
    });
  });
});
