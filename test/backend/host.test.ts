/**
 * The backend in a process of its own: the real host entry (hostProcess.ts) forked as a Node child on
 * a temp data folder, driven through the shells' client (hostClient.ts) and the contract, and killed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forkChild, openFailureSentence, startBackendClient, type BackendClient, type ChildAdapter } from '../../electron/backend/hostClient.ts';
import { HOST_V8_FLAGS, hostArgs, type ChildMessage, type ParentMessage } from '../../electron/backend/hostProtocol.ts';
import { loadMigrations } from '../../electron/backend/db/migrate.ts';
import type { CallName, CallOutput } from '../../shared/contract.ts';
import { AppError, type Envelope } from '../../shared/errors.ts';
import { draft, makeTempDir, migrationsDirWith, PINNED_NOW, startedShop } from './helpers.ts';

const hostEntry = join(import.meta.dirname, '..', '..', 'electron', 'backend', 'hostProcess.ts');
const hostEnv = { ...process.env, HUITOU_NOW: PINNED_NOW };

const cleanup: { clients: BackendClient[]; children: ChildProcess[]; dirs: string[] } = { clients: [], children: [], dirs: [] };

afterEach(async () => {
  await Promise.all(cleanup.clients.splice(0).map((client) => client.close()));
  const children = cleanup.children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => exitOf(child)));
  for (const dir of cleanup.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

function tempDataDir(): string {
  const dir = makeTempDir('huitou-host-');
  cleanup.dirs.push(dir);
  return dir;
}

/** A book made in this process and closed again, for a host to open: a shop with one customer. */
function bookWithCustomer(): { dataDir: string; customerId: number; riceId: number } {
  const dataDir = tempDataDir();
  const { b, rice } = startedShop({ dataDir });
  const customer = b.call('customers.create', { draft: draft() });
  b.close();
  return { dataDir, customerId: customer.id, riceId: rice.id };
}

/** The real host on `dataDir` behind the shells' client; every child it forked is kept in `children`. */
function host(dataDir: string, options: { migrationsDir?: string; onCrash?: (restarting: boolean) => void } = {}) {
  const children: ChildProcess[] = [];
  const crashes: boolean[] = [];
  const client = startBackendClient({
    spawn: () => {
      const child = forkChild(hostEntry, hostArgs({ dataDir, appVersion: '9.9.9', migrationsDir: options.migrationsDir }), hostEnv);
      children.push(child.process);
      cleanup.children.push(child.process);
      return child;
    },
    onCrash: ({ restarting }) => {
      crashes.push(restarting);
      options.onCrash?.(restarting);
    },
  });
  cleanup.clients.push(client);
  const call = async <N extends CallName>(name: N, input: unknown): Promise<CallOutput<N>> => {
    const envelope = await client.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name} failed: ${JSON.stringify(envelope.error)}`);
    return envelope.data as CallOutput<N>;
  };
  return { client, children, crashes, call, current: () => children.at(-1)! };
}

describe('the backend host, a Node child process', () => {
  it('answers the contract: a sale recorded is read back, errors come back as envelopes, replies match their calls', async () => {
    const dataDir = tempDataDir();
    const h = host(dataDir);
    await h.client.ready;
    await h.call('shop.startEmpty', { language: 'zh-CN' });
    const [products, customer] = await Promise.all([h.call('products.list', {}), h.call('customers.create', { draft: draft() })]);
    const rice = products.find((p) => p.name === '大米')!;
    const sale = await h.call('sales.record', { customerId: customer.id, productId: rice.id, quantity: 10, paid: false });
    const [sales, info, bad, unknown] = await Promise.all([
      h.call('sales.listForCustomer', { customerId: customer.id }),
      h.call('shop.info', {}),
      h.client.dispatch('customers.create', { draft: { ...draft(), adults: -1 } }),
      h.client.dispatch('no.such.call', {}),
    ]);
    expect(sales).toEqual([sale]);
    expect(info).toMatchObject({ dataDir, version: '9.9.9', customerCount: 1, today: PINNED_NOW.slice(0, 10) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(h.children).toHaveLength(1);
  });

  it('answers an input that cannot be sent with an error, and keeps serving', async () => {
    const h = host(tempDataDir());
    await h.client.ready;
    expect(await h.client.dispatch('shop.info', { notData: () => 1 })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((await h.client.dispatch('shop.info', {})).ok).toBe(true);
  });

  it.runIf(process.platform === 'linux')('runs with its young generation capped (HOST_V8_FLAGS): a busy host does not keep 32 MB of it', async () => {
    const h = host(tempDataDir());
    await h.client.ready;
    const argv = readFileSync(`/proc/${h.current().pid}/cmdline`, 'utf8').split('\0');
    expect(argv).toEqual(expect.arrayContaining([...HOST_V8_FLAGS]));
    expect(HOST_V8_FLAGS).toEqual(['--max-semi-space-size=2']);
  });

  it('kill -9 mid-way: the calls cut off answer BACKEND_RESTARTED, a new child opens the same book, nothing acknowledged is lost', async () => {
    const { dataDir, customerId, riceId } = bookWithCustomer();
    // Set in the callback, which TypeScript's narrowing does not follow: typed by the cast, not by `null`.
    let duringRestart = null as Promise<Envelope<unknown>> | null;
    const h = host(dataDir, {
      onCrash: () => {
        duringRestart = h.client.dispatch('shop.info', {});
      },
    });
    await h.client.ready;
    const sales = Array.from({ length: 300 }, () => h.client.dispatch('sales.record', { customerId, productId: riceId, quantity: 1, paid: false }));
    await sales[0];
    h.current().kill('SIGKILL');
    const answers = await Promise.all(sales);

    const acknowledged = answers.filter((a) => a.ok).map((a) => (a as { data: { id: number } }).data.id);
    const cutOff = answers.filter((a) => !a.ok);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(cutOff.length).toBeGreaterThan(0);
    for (const answer of cutOff) expect(answer).toMatchObject({ ok: false, error: { code: 'BACKEND_RESTARTED' } });
    // A call made once the death was seen waited for the new child instead of failing.
    expect(await duringRestart).toMatchObject({ ok: true, data: { customerCount: 1 } });
    const stored = (await h.call('sales.listForCustomer', { customerId, limit: 500 })).map((s) => s.id);
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    expect(h.children).toHaveLength(2);
    expect(h.crashes).toEqual([true]);
  });

  it('stops restarting after three deaths within a minute: every call then answers BACKEND_STOPPED', async () => {
    const h = host(tempDataDir());
    for (let death = 1; death <= 3; death++) {
      expect((await h.client.dispatch('shop.info', {})).ok).toBe(true);
      const child = h.current();
      child.kill('SIGKILL');
      await exitOf(child);
    }
    expect(await h.client.dispatch('shop.info', {})).toMatchObject({ ok: false, error: { code: 'BACKEND_STOPPED' } });
    expect(h.crashes).toEqual([true, true, false]);
    expect(h.children).toHaveLength(3);
  });

  it('gives up on a child that dies before it can open the book, and says so from ready', async () => {
    const dir = tempDataDir();
    const dies = join(dir, 'dies.mjs');
    writeFileSync(dies, 'process.exit(3);\n');
    let spawned = 0;
    const client = startBackendClient({
      spawn: () => {
        spawned++;
        const child = forkChild(dies, []);
        cleanup.children.push(child.process);
        return child;
      },
    });
    cleanup.clients.push(client);
    const pending = client.dispatch('shop.info', {});
    await expect(client.ready).rejects.toMatchObject({ code: 'BACKEND_STOPPED' });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'BACKEND_STOPPED' } });
    expect(spawned).toBe(3);
  });

  it('says open-failed for a book newer than the app (DB_NEWER_THAN_APP), in one sentence, and does not restart', async () => {
    const { dataDir } = bookWithCustomer();
    const older = migrationsDirWith(loadMigrations().length - 1);
    cleanup.dirs.push(older);
    const h = host(dataDir, { migrationsDir: older });
    const error = await h.client.ready.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'DB_NEWER_THAN_APP', details: { supported: loadMigrations().length - 1 } });
    expect(openFailureSentence(error)).toContain('请先升级软件');
    expect(await h.client.dispatch('shop.info', {})).toMatchObject({ ok: false, error: { code: 'DB_NEWER_THAN_APP' } });
    await exitOf(h.current());
    expect(h.children).toHaveLength(1);
    expect(h.crashes).toEqual([]);
  });

  it('runs the automatic local backups itself, once the first screen has called and gone quiet', async () => {
    const { dataDir } = bookWithCustomer();
    const h = host(dataDir);
    await h.client.ready;
    await h.call('shop.info', {});
    await vi.waitFor(() => expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1), { timeout: 15_000 });
    await vi.waitFor(async () => expect(await h.call('data.localBackups', {})).toHaveLength(1));
  });

  it('closes the book cleanly when asked: the child exits, no WAL is left, later calls answer that the book is closed', async () => {
    const dataDir = tempDataDir();
    const h = host(dataDir);
    await h.call('shop.startEmpty', { language: 'zh-CN' });
    expect(existsSync(join(dataDir, 'huitou.sqlite-wal'))).toBe(true);
    await h.client.close();
    expect(await exitOf(h.current())).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'huitou.sqlite-wal'))).toBe(false);
    expect(await h.client.dispatch('shop.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'the book is closed' } });
    expect(h.crashes).toEqual([]);
  });
});

describe('the host process on its own channel', () => {
  /** The host entry forked directly, as a parent would, once it said it is ready. */
  async function readyHost(dataDir: string): Promise<ChildProcess> {
    const child = fork(hostEntry, hostArgs({ dataDir, appVersion: '1.0.0' }), { serialization: 'advanced', stdio: 'inherit', env: hostEnv });
    cleanup.children.push(child);
    await new Promise<void>((done) => child.on('message', (m: ChildMessage) => m.type === 'ready' && done()));
    const call: ParentMessage = { type: 'call', id: 1, name: 'shop.startEmpty', input: { language: 'en' } };
    child.send(call);
    await new Promise<void>((done) => child.on('message', (m: ChildMessage) => m.type === 'reply' && done()));
    expect(existsSync(join(dataDir, 'huitou.sqlite-wal'))).toBe(true);
    return child;
  }

  it('closes the book and exits on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const child = await readyHost(dataDir);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'huitou.sqlite-wal'))).toBe(false);
  });

  it('lets a running backup finish before it closes the book on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const child = await readyHost(dataDir);
    const started = new Promise<Envelope<unknown>>((done) => child.on('message', (m: ChildMessage) => m.type === 'reply' && m.id === 2 && done(m.envelope)));
    child.send({ type: 'call', id: 2, name: 'data.startLocalBackup', input: {} } satisfies ParentMessage);
    expect(await started).toMatchObject({ ok: true });
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    const backups = readdirSync(join(dataDir, 'backups'));
    expect(backups.filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    expect(backups.filter((f) => !f.endsWith('.sqlite'))).toEqual([]);
  });

  it('closes the book and exits when its parent goes away (the channel closes)', async () => {
    const dataDir = tempDataDir();
    const child = await readyHost(dataDir);
    child.disconnect();
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'huitou.sqlite-wal'))).toBe(false);
  });
});

describe('the restart rule, with a scripted child', () => {
  /**
   * A child that says ready at once (or, while `openFailures` lasts, that the book could not be opened) and dies
   * when told or killed: no process, for the clock's sake.
   */
  function scripted(openFailures: ChildMessage[] = []) {
    const children: { exit(code: number): void }[] = [];
    const spawn = (): ChildAdapter => {
      let onExit: (code: number | null) => void = () => {};
      let onMessage: (message: unknown) => void = () => {};
      const first = openFailures.shift() ?? ({ type: 'ready' } satisfies ChildMessage);
      queueMicrotask(() => onMessage(first));
      children.push({ exit: (code) => onExit(code) });
      return {
        post: (message) => {
          if (message.type === 'call')
            queueMicrotask(() => onMessage({ type: 'reply', id: message.id, envelope: { ok: true, data: message.name } } satisfies ChildMessage));
        },
        onMessage: (listener) => (onMessage = listener),
        onExit: (listener) => (onExit = listener),
        kill: () => queueMicrotask(() => onExit(null)),
      };
    };
    return { children, spawn };
  }

  it('counts only the deaths within the last minute: spread out, the child is restarted every time', async () => {
    let now = 0;
    const s = scripted();
    const client = startBackendClient({ spawn: s.spawn, clock: () => now });
    for (let death = 0; death < 5; death++) {
      expect(await client.dispatch('shop.info', {})).toEqual({ ok: true, data: 'shop.info' });
      s.children.at(-1)!.exit(1);
      now += 31_000;
    }
    expect(await client.dispatch('shop.info', {})).toEqual({ ok: true, data: 'shop.info' });
    expect(s.children).toHaveLength(6);
    s.children.at(-1)!.exit(1);
    now += 1_000;
    s.children.at(-1)!.exit(1);
    expect(await client.dispatch('shop.info', {})).toMatchObject({ ok: false, error: { code: 'BACKEND_STOPPED' } });
  });

  it('a book that cannot be opened for a passing reason (locked by the other shell) is opened again; a newer one is not', async () => {
    const locked: ChildMessage = { type: 'open-failed', error: { code: 'INTERNAL', message: 'database is locked' } };
    const s = scripted([locked]);
    const client = startBackendClient({ spawn: s.spawn });
    await client.ready;
    expect(await client.dispatch('shop.info', {})).toEqual({ ok: true, data: 'shop.info' });
    expect(s.children).toHaveLength(2);
    await client.close();

    const newer: ChildMessage = { type: 'open-failed', error: { code: 'DB_NEWER_THAN_APP', message: 'newer' } };
    const t = scripted([newer]);
    const stopped = startBackendClient({ spawn: t.spawn });
    await expect(stopped.ready).rejects.toMatchObject({ code: 'DB_NEWER_THAN_APP' });
    expect(t.children).toHaveLength(1);
  });

  it('a child that cannot even be spawned stops at once: BACKEND_STOPPED, and close has nothing to wait for', async () => {
    const client = startBackendClient({
      spawn: () => {
        throw new Error('no such file: backend.cjs');
      },
    });
    await expect(client.ready).rejects.toMatchObject({ code: 'BACKEND_STOPPED' });
    expect(await client.dispatch('shop.info', {})).toMatchObject({
      ok: false,
      error: { code: 'BACKEND_STOPPED', message: expect.stringContaining('backend.cjs') },
    });
    await client.close();
  });

  it('closed before the book is open: ready and the calls waiting for it answer that the book is closed', async () => {
    const s = scripted();
    const client = startBackendClient({ spawn: s.spawn });
    const waiting = client.dispatch('shop.info', {});
    const closing = client.close();
    s.children[0]!.exit(0);
    await closing;
    await expect(client.ready).rejects.toMatchObject({ code: 'INTERNAL', message: 'the book is closed' });
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'the book is closed' } });
  });
});
