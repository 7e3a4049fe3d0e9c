/**
 * Backups to a folder (a USB stick) on real files: made with the online backup API while the app
 * works, verified before reported done, and refused loudly and harmlessly when the target is
 * missing, read-only (a tmpfs mounted read-only: root ignores permission bits), full (a 64 KB tmpfs),
 * or vanishes mid-way (the stick pulled out).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase } from '../../electron/backend/book/backupEngine.ts';
import { APPLICATION_ID, loadMigrations } from '../../electron/backend/db/migrate.ts';
import { countRows } from '../../electron/backend/book/verify.ts';
import { integrityCheckOffThread } from '../../electron/backend/book/integrityWorker.ts';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import type { BackupStatus } from '../../shared/contract.ts';
import { draft, makeBackend, makeTempDir, type TestBackend } from './helpers.ts';
import { files, integrity, mountTmpfs, waitForJob } from './backupHelpers.ts';

const latestVersion = loadMigrations().length;
let b: TestBackend;
let target: string;

beforeAll(() => {
  b = makeBackend();
  b.call('shop.createDemo', { shopName: '幸福米店', language: 'zh-CN' });
});
afterAll(() => b.dispose());
beforeEach(() => {
  target = makeTempDir('huitou-stick-');
});
afterEach(() => rmSync(target, { recursive: true, force: true }));

async function backUp(folder: string): Promise<BackupStatus> {
  const { jobId } = b.call('backup.start', { folder });
  const running = b.call('backup.status', { jobId });
  expect(['running', 'done']).toContain(running.state);
  return waitForJob<BackupStatus>(b, 'backup.status', jobId);
}

function liveUntouched(before: Record<string, number>) {
  expect(b.snapshot()).toEqual(before);
  expect(b.context.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('backup.start to a folder', () => {
  it('writes one verified plain SQLite file named with the shop and date-time, stamped as ours', async () => {
    const started = performance.now();
    const status = await backUp(target);
    const ms = performance.now() - started;
    expect(status.error).toBeNull();
    expect(status.state).toBe('done');
    expect(status.progress).toBe(1);
    expect(files(target)).toEqual([expect.stringMatching(/^幸福米店-回头客备份-\d{8}-\d{6}\.sqlite$/)]);
    const file = join(target, files(target)[0]!);
    expect(status.file).toBe(file);
    expect(status.sizeBytes).toBe(statSync(file).size);
    // What stock sqlite3 sees: a rollback-journal database (no -wal/-shm needed), ours, sound, complete.
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(copy.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(countRows(copy)).toEqual(countRows(b.context.db));
    copy.close();
    console.log(`[backup] demo shop (${b.count('customers')} customers, ${b.count('sales')} sales, ${(status.sizeBytes! / 1024).toFixed(0)} KB): ${ms.toFixed(0)} ms including verification`);
  });

  it('a second backup in the same second gets its own name', async () => {
    await backUp(target);
    await backUp(target);
    expect(files(target)).toHaveLength(2);
  });

  it('carries the writes made while it runs (the app keeps working) and verifies counts at the end', async () => {
    const db = b.context.db;
    const customer = b.call('customers.create', { draft: draft({ name: '边备份边卖', phones: ['13900000001'] }) });
    const product = b.call('products.list', {})[0]!;
    const salesBefore = b.count('sales');
    let writes = 0;
    let writesWhenCopied = -1;
    let finished = false;
    // 5 pages a step: the copy takes many turns of the event loop, and a sale is recorded after each;
    // sales go on being recorded while the copy is verified (progress 0.9 and later).
    const result = await backupDatabase(db, join(target, 'during.sqlite'), {
      latestVersion,
      pagesPerStep: 5,
      onProgress: (p) => {
        // 0.9 is reported in the same turn as the copy completed and the live counts were taken.
        if (p >= 0.9 && writesWhenCopied < 0) writesWhenCopied = writes;
        setImmediate(() => {
          if (finished) return;
          b.call('sales.record', { customerId: customer.id, productId: product.id, quantity: 1, paid: true });
          writes++;
        });
      },
    });
    finished = true;
    expect(writesWhenCopied).toBeGreaterThan(10);
    const copy = new Database(result.file, { readonly: true });
    const copied = (copy.prepare('SELECT count(*) AS n FROM sales WHERE customer_id = ?').get(customer.id) as { n: number }).n;
    copy.close();
    // Every sale recorded while the copy ran is in it, none recorded after; the counts matched the live book then.
    expect(copied).toBe(writesWhenCopied);
    expect(result.counts.sales).toBe(salesBefore + writesWhenCopied);
    expect(b.count('sales')).toBe(salesBefore + writes);
    expect(integrity(result.file)).toBe('ok');
  });
});

describe('verification off the main thread', () => {
  it('integrity_check runs on a worker thread: the event loop keeps turning while it runs', async () => {
    const file = (await backUp(target)).file!;
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const rows = await integrityCheckOffThread(file);
    done = true;
    expect(rows).toEqual(['ok']);
    expect(turns).toBeGreaterThan(3);
  });

  it("reports a damaged copy (problems, or SQLite's corruption error) like the main-thread check", async () => {
    const file = join(target, 'damaged.sqlite');
    copyFileSync((await backUp(target)).file!, file);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const middle = Math.floor(bytes.length / pageSize / 2) * pageSize;
    for (let i = middle; i < middle + pageSize * 8; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    const outcome = await integrityCheckOffThread(file).then(
      (rows) => rows,
      (error: { code?: string }) => error.code,
    );
    expect(outcome === 'SQLITE_CORRUPT' || (Array.isArray(outcome) && outcome[0] !== 'ok')).toBe(true);
  });
});

describe('backup refusals: loud, harmless, no file with the final name', () => {
  it('a missing folder, a file instead of a folder, a relative path', () => {
    const before = b.snapshot();
    expect(b.callError('backup.start', { folder: join(target, 'no-such-stick') }).code).toBe('BACKUP_TARGET_MISSING');
    expect(b.callError('backup.start', { folder: 'relative/folder' }).code).toBe('BACKUP_TARGET_MISSING');
    expect(b.callError('backup.start', { folder: b.context.databaseFile }).code).toBe('BACKUP_TARGET_MISSING');
    expect(files(target)).toEqual([]);
    liveUntouched(before);
  });

  it('a read-only stick (tmpfs mounted ro: root ignores permission bits, a read-only mount it cannot)', (ctx) => {
    const stick = mountTmpfs('ro,size=1m');
    if (!stick) return ctx.skip('mount is not permitted here: read-only target not tested on a real mount');
    try {
      const before = b.snapshot();
      const error = b.callError('backup.start', { folder: stick.dir });
      expect(error.code).toBe('BACKUP_TARGET_READONLY');
      expect(files(stick.dir)).toEqual([]);
      liveUntouched(before);
    } finally {
      stick.unmount();
    }
  });

  it('a full stick (a 64 KB tmpfs) is refused before writing', (ctx) => {
    const stick = mountTmpfs('size=64k');
    if (!stick) return ctx.skip('mount is not permitted here: full target not tested on a real mount');
    try {
      const before = b.snapshot();
      const error = b.callError('backup.start', { folder: stick.dir });
      expect(error.code).toBe('BACKUP_TARGET_FULL');
      expect(error.details).toMatchObject({ freeBytes: expect.any(Number), neededBytes: expect.any(Number) });
      expect(files(stick.dir)).toEqual([]);
      liveUntouched(before);
    } finally {
      stick.unmount();
    }
  });

  it('a stick that fills up while writing (free space misreported): BACKUP_TARGET_FULL, temp file removed', async (ctx) => {
    const stick = mountTmpfs('size=256k');
    if (!stick) return ctx.skip('mount is not permitted here: full-while-writing not tested on a real mount');
    try {
      const before = b.snapshot();
      const error = await backupDatabase(b.context.db, join(stick.dir, 'shop.sqlite'), { latestVersion }).then(
        () => null,
        (e: { code: string }) => e,
      );
      expect(error?.code).toBe('BACKUP_TARGET_FULL');
      expect(files(stick.dir)).toEqual([]);
      liveUntouched(before);
    } finally {
      stick.unmount();
    }
  });

  it('a stick pulled out mid-way (its folder gone while the copy runs): BACKUP_TARGET_MISSING, nothing left', async () => {
    const stick = join(target, 'stick');
    mkdirSync(stick);
    const before = b.snapshot();
    let pulled = false;
    const error = await backupDatabase(b.context.db, join(stick, 'shop.sqlite'), {
      latestVersion,
      pagesPerStep: 5,
      onProgress: (p) => {
        if (p > 0.3 && !pulled) {
          pulled = true;
          rmSync(stick, { recursive: true, force: true });
        }
      },
    }).then(
      () => null,
      (e: { code: string }) => e,
    );
    expect(pulled).toBe(true);
    expect(error?.code).toBe('BACKUP_TARGET_MISSING');
    expect(existsSync(stick)).toBe(false);
    liveUntouched(before);
  });

  it('a failing job is reported through backup.status with its code', async () => {
    const stick = join(target, 'stick');
    mkdirSync(stick);
    const { jobId } = b.call('backup.start', { folder: stick });
    rmSync(stick, { recursive: true, force: true }); // pulled out before the first page was copied
    const status = await waitForJob<BackupStatus>(b, 'backup.status', jobId);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('BACKUP_TARGET_MISSING');
    expect(status.file).toBeNull();
  });

  it('an unknown job id', () => {
    expect(b.callError('backup.status', { jobId: 'backup-999-x' }).code).toBe('JOB_NOT_FOUND');
  });
});
