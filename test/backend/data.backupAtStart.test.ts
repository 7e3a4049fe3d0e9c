/**
 * The automatic backup a book gets when the host opens it waits for the first screen: the renderer's
 * first calls answered, then a quiet moment (host.ts, quietGate). The host is served in this process
 * (serveBackend) over a port of our own, on a real book in a temp folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serveBackend, type ServedBackend } from '../../electron/backend/host.ts';
import type { ChildMessage, ParentMessage } from '../../electron/backend/hostProtocol.ts';
import { draft, makeBackend, type TestBackend } from './helpers.ts';

const served: { backend: TestBackend; host: ServedBackend }[] = [];
afterEach(async () => {
  for (const { backend, host } of served.splice(0)) {
    await host.closeWhenIdle();
    backend.dispose();
  }
});

const autoBackups = (dataDir: string) =>
  existsSync(join(dataDir, 'backups')) ? readdirSync(join(dataDir, 'backups')).filter((f) => /^auto-.*\.sqlite$/.test(f)) : [];

/** A book with a household (so a backup is due: it has none yet), served with `quiet`; `call` posts a call as a shell would. */
function servedBook(quiet: { quietMs: number; maxWaitMs: number }) {
  const book = makeBackend();
  book.call('shop.startEmpty', { language: 'zh-CN' });
  book.call('customers.create', { draft: draft() });
  const replies: ChildMessage[] = [];
  let listener: (message: unknown) => void = () => {};
  const host = serveBackend(
    { post: (message) => replies.push(message), onMessage: (l) => (listener = l) },
    () => book,
    () => {},
    quiet,
  );
  served.push({ backend: book, host });
  let id = 0;
  const call = () => listener({ type: 'call', id: ++id, name: 'shop.info', input: {} } satisfies ParentMessage);
  return { book, replies, call };
}

describe('the automatic backup at start', () => {
  it('waits for the first screen: nothing while no call came, then once the first calls are followed by quiet', async () => {
    const { book, replies, call } = servedBook({ quietMs: 100, maxWaitMs: 60_000 });
    expect(replies).toEqual([{ type: 'ready' }]);
    await sleep(400);
    expect(book.book.jobs.running(['auto-backup'])).toEqual([]);
    expect(autoBackups(book.dataDir)).toEqual([]);

    // The renderer's first calls, as fast as it makes them: no backup while they come.
    for (let i = 0; i < 8; i++) {
      call();
      await sleep(40);
      expect(book.book.jobs.running(['auto-backup'])).toEqual([]);
    }
    expect(replies.filter((r) => r.type === 'reply')).toHaveLength(8);
    await vi.waitFor(() => expect(autoBackups(book.dataDir)).toHaveLength(1), { timeout: 10_000 });
  });

  it('starts after the longest wait when nobody calls at all', async () => {
    const { book } = servedBook({ quietMs: 100, maxWaitMs: 300 });
    await vi.waitFor(() => expect(autoBackups(book.dataDir)).toHaveLength(1), { timeout: 10_000 });
  });
});
