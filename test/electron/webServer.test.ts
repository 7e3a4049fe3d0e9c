import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startWebShell, type WebShell } from '../../electron/web/server.ts';
import { TOKEN_HEADER } from '../../shared/shellConstants.ts';
import { makeBackend, makeTempDir, type TestBackend } from '../backend/helpers.ts';
import { shellOver } from './webShell.ts';

interface Answer {
  status: number;
  body: string;
}

/** A real HTTP request (node:http, so the path goes out byte for byte as written). */
function send(shell: WebShell, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, method, path, headers: { [TOKEN_HEADER]: shell.token, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser shell’s server', () => {
  let backend: TestBackend;
  let shell: WebShell;
  beforeEach(async () => {
    backend = makeBackend();
    shell = await shellOver(backend);
  });
  afterEach(async () => {
    await shell.close();
    backend.dispose();
  });

  const stillServes = async () => {
    const page = await send(shell, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('app');
    const info = await send(shell, 'POST', '/api/shop.info', '{}');
    expect(JSON.parse(info.body)).toMatchObject({ ok: true });
  };

  it('answers 400 to a path that is not valid percent-encoding, and keeps serving', async () => {
    for (const path of ['/%', '/%E0', '/assets/%zz.js', '/%C0%AF']) {
      const answer = await send(shell, 'GET', path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    await stillServes();
  });

  it('answers 400 to an API name that is not valid percent-encoding, and keeps serving', async () => {
    for (const path of ['/api/%E0', '/api/%', '/api/app.%ZZinfo']) {
      const answer = await send(shell, 'POST', path, '{}');
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    await stillServes();
  });

  it('answers 413 (not a reset connection) to a body over the limit, and keeps serving', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES * 3, 0x20);
    const answer = await send(shell, 'POST', '/api/shop.info', big, { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    // fetch (undici, as a browser would) sends the body in chunks without a length
    const viaFetch = await fetch(`${shell.url}api/shop.info`, { method: 'POST', headers: { [TOKEN_HEADER]: shell.token }, body: big });
    expect(viaFetch.status).toBe(413);
    await stillServes();
  });
});

describe('the renderer folder', () => {
  it('must hold a built index.html', () => {
    const dir = makeTempDir();
    expect(() => startWebShell({ dispatch: async () => ({ ok: true, data: null }), rendererDir: dir })).toThrow(/not built/);
  });
});
