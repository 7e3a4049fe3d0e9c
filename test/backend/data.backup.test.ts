/**
 * Backups to a folder (a USB stick) on real files: made with the online backup API while the app
 * works, verified before reported done, and refused loudly and harmlessly when the target is
 * missing, read-only (a tmpfs mounted read-only: root ignores permission bits), full (a 64 KB tmpfs),
 * or vanishes mid-way (the stick pulled out).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase, copyConnectionCacheKiB, estimatedSize } from '../../electron/backend/services/data/backupEngine.ts';
import { APPLICATION_ID, loadMigrations } from '../../electron/backend/db/migrate.ts';
import { countRows } from '../../electron/backend/services/data/verify.ts';
import { runJobInWorker } from '../../electron/backend/jobs/jobWorker.ts';
import { openReadSnapshot, SNAPSHOT_CACHE_KIB } from '../../electron/backend/book/readSnapshot.ts';
import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import type { BackupStatus } from '../../shared/contract.ts';
import { draft, makeBackend, type TestBackend } from './helpers.ts';
import { files, integrity, misdefineIndex, mountTmpfs, readOnlyFolder, useDemoShopAndStick, waitForJob } from './dataHelpers.ts';

const latestVersion = loadMigrations().length;
const shop = useDemoShopAndStick();

async function backUp(folder: string): Promise<BackupStatus> {
  const { jobId } = shop.b.call('data.startBackup', { folder });
  const running = shop.b.call('data.backupStatus', { jobId });
  expect(['running', 'done']).toContain(running.state);
  return waitForJob<BackupStatus>(shop.b, 'data.backupStatus', jobId);
}

function liveUntouched(before: Record<string, number>) {
  expect(shop.b.snapshot()).toEqual(before);
  expect(shop.b.context.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('backup.start to a folder', () => {
  it('writes one verified plain SQLite file named with the shop and date-time, stamped as ours', async () => {
    const started = performance.now();
    const status = await backUp(shop.target);
    const ms = performance.now() - started;
    expect(status.error).toBeNull();
    expect(status.state).toBe('done');
    expect(status.progress).toBe(1);
    expect(files(shop.target)).toEqual([expect.stringMatching(/^幸福米店-回头客备份-\d{8}-\d{6}\.sqlite$/)]);
    const file = join(shop.target, files(shop.target)[0]!);
    expect(status.file).toBe(file);
    expect(status.sizeBytes).toBe(statSync(file).size);
    // What stock sqlite3 sees: a rollback-journal database (no -wal/-shm needed), ours, sound, complete.
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(copy.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(countRows(copy)).toEqual(countRows(shop.b.context.db));
    copy.close();
    console.log(
      `[backup] demo shop (${shop.b.count('customers')} customers, ${shop.b.count('sales')} sales, ${(status.sizeBytes! / 1024).toFixed(0)} KB): ${ms.toFixed(0)} ms including verification`,
    );
  });

  it('a second backup in the same second gets its own name', async () => {
    await backUp(shop.target);
    await backUp(shop.target);
    expect(files(shop.target)).toHaveLength(2);
  });

  /**
   * Backs up with 5 pages a step (many turns of the event loop), running `between` after each step of
   * the copy; fails at once if the copy starts over (more steps than the book has pages for). The copy
   * is flushed every 5 pages too: the flushes on the libuv pool run beside the writes.
   */
  async function backUpWhile(between: () => void, name: string) {
    const maxSteps = Math.ceil((shop.b.context.db.pragma('page_count', { simple: true }) as number) / 5) + 2;
    let duringCopy = 0;
    let steps = 0;
    const result = await backupDatabase(shop.b.context.db, join(shop.target, name), {
      latestVersion,
      pagesPerStep: 5,
      flushEveryPages: 5,
      onProgress: (p) => {
        // 0.9 is reported once the copy is complete
        if (p >= 0.9) return;
        if (++steps > maxSteps) throw new Error(`the copy started over: more than ${maxSteps} steps of 5 pages`);
        setImmediate(() => {
          between();
          duringCopy++;
        });
      },
    });
    return { result, duringCopy };
  }

  function salesOf(file: string, customerId: number): number {
    const copy = new Database(file, { readonly: true });
    try {
      return (copy.prepare('SELECT count(*) AS n FROM sales WHERE customer_id = ?').get(customerId) as { n: number }).n;
    } finally {
      copy.close();
    }
  }

  /**
   * Backs up while `writer` (this shell or another one on the same book) records sales for a new
   * customer: the copy holds the book as it was when it started, and says so in its counts.
   */
  async function backUpWhileSelling(writer: TestBackend, name: string, phone: string, file: string) {
    const customer = writer.call('customers.create', { draft: draft({ name, phones: [phone] }) });
    const product = writer.call('products.list', {})[0]!;
    const before = shop.b.snapshot();
    const { result, duringCopy } = await backUpWhile(
      () => writer.call('sales.record', { customerId: customer.id, productId: product.id, quantity: 1, paid: true }),
      file,
    );
    expect(duringCopy).toBeGreaterThan(10);
    expect(salesOf(result.file, customer.id)).toBe(0);
    expect(result.counts.sales).toBe(before.sales);
    expect(shop.b.count('sales')).toBe(before.sales! + duringCopy);
    return result;
  }

  it('copies the book as it was when it started while sales go on being recorded (the app keeps working); counts of that state', async () => {
    const result = await backUpWhileSelling(shop.b, '边备份边卖', '13900000001', 'during.sqlite');
    expect(integrity(result.file)).toBe('ok');
  });

  it('the other shell writing while it copies neither restarts nor fails it (the backup API starts over on writes it did not make)', async () => {
    const other = makeBackend({ dataDir: shop.b.dataDir });
    try {
      await backUpWhileSelling(other, '另一个窗口', '13900000002', 'other-shell.sqlite');
    } finally {
      other.close();
    }
  });

  it("reads the book through a snapshot with a 1 MB page cache, not better-sqlite3's 16 MB (the backend stays under 200 MB)", () => {
    const snapshot = openReadSnapshot(shop.b.context.db)!;
    try {
      expect(snapshot.pragma('cache_size', { simple: true })).toBe(-SNAPSHOT_CACHE_KIB);
      expect(SNAPSHOT_CACHE_KIB).toBe(1024);
    } finally {
      snapshot.close();
    }
  });

  it("lends the copy's page cache out of the app's connection's while it copies, and gives it back, failed or not", async () => {
    const db = shop.b.context.db;
    const own = db.pragma('cache_size', { simple: true }) as number;
    expect(own).toBe(-65536);
    // better-sqlite3 opens the copy's connection with 16 MB of cache, out of reach of any pragma.
    expect(copyConnectionCacheKiB()).toBe(16000);
    // The demo book is smaller than that: it lends its own size.
    const lent = Math.min(16000, Math.ceil(estimatedSize(db) / 1024));
    const during: number[] = [];
    await backupDatabase(db, join(shop.target, 'lent.sqlite'), {
      latestVersion,
      pagesPerStep: 5,
      onProgress: (p) => {
        if (p < 0.9) during.push(db.pragma('cache_size', { simple: true }) as number);
      },
    });
    expect(during.length).toBeGreaterThan(1);
    expect(new Set(during)).toEqual(new Set([own + lent]));
    expect(db.pragma('cache_size', { simple: true })).toBe(own);
    // A copy that fails (its folder is gone) gives the cache back too.
    await expect(backupDatabase(db, join(shop.target, 'gone', 'x.sqlite'), { latestVersion })).rejects.toThrow();
    expect(db.pragma('cache_size', { simple: true })).toBe(own);
  });
});

/** Eight pages in the middle of a database file overwritten with noise. */
function scrambleMiddle(file: string) {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const middle = Math.floor(bytes.length / pageSize / 2) * pageSize;
  for (let i = middle; i < middle + pageSize * 8; i++) bytes[i] = (i * 7919) & 0xff;
  writeFileSync(file, bytes);
}

describe('verification', () => {
  it('integrity_check runs as a job on a thread of its own: the event loop keeps turning while it runs', async () => {
    const file = (await backUp(shop.target)).file!;
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const { rows } = await runJobInWorker('integrityCheck', { file });
    done = true;
    expect(rows).toEqual(['ok']);
    expect(turns).toBeGreaterThan(3);
  });

  it("reports a damaged copy (problems, or SQLite's corruption error) like the main-thread check", async () => {
    const file = join(shop.target, 'damaged.sqlite');
    copyFileSync((await backUp(shop.target)).file!, file);
    scrambleMiddle(file);
    const outcome = await runJobInWorker('integrityCheck', { file }).then(
      ({ rows }) => rows,
      (error: { code?: string }) => error.code,
    );
    expect(outcome === 'SQLITE_CORRUPT' || (Array.isArray(outcome) && outcome[0] !== 'ok')).toBe(true);
  });

  it.each([
    ['overwritten in the middle', scrambleMiddle, ['integrity', 'sqlite']],
    ['cut short', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2)), ['integrity', 'sqlite', 'truncated']],
    // An index not matching its rows: integrity_check sees it, quick_check would not.
    [
      'with the customers-by-area index not matching its rows',
      (file: string) => misdefineIndex(file, 'customers_by_area', 'CREATE INDEX customers_by_area ON customers (name, sort_key, id)'),
      ['integrity'],
    ],
  ])('a copy %s between the copy and its check: BACKUP_FAILED, nothing left under any name', async (_, damage, reasons) => {
    const final = join(shop.target, 'damaged.sqlite');
    const error = await backupDatabase(shop.b.context.db, final, {
      latestVersion,
      onProgress: (p) => {
        if (p === 0.9) damage(`${final}.tmp`);
      },
    }).then(
      () => null,
      (e: { code: string; details?: { reason?: string } }) => e,
    );
    expect(error?.code).toBe('BACKUP_FAILED');
    expect(reasons).toContain(error?.details?.reason);
    expect(files(shop.target)).toEqual([]);
  });
});

describe('backup refusals: loud, harmless, no file with the final name', () => {
  it('a missing folder, a file instead of a folder, a relative path', () => {
    const before = shop.b.snapshot();
    expect(shop.b.callError('data.startBackup', { folder: join(shop.target, 'no-such-stick') }).code).toBe('BACKUP_TARGET_MISSING');
    expect(shop.b.callError('data.startBackup', { folder: 'relative/folder' }).code).toBe('BACKUP_TARGET_MISSING');
    expect(shop.b.callError('data.startBackup', { folder: shop.b.context.databaseFile }).code).toBe('BACKUP_TARGET_MISSING');
    expect(files(shop.target)).toEqual([]);
    liveUntouched(before);
  });

  it('a read-only stick (a folder without write bits; for root, who ignores them, a tmpfs mounted ro)', (ctx) => {
    const stick = readOnlyFolder();
    if (!stick) return ctx.skip('mount is not permitted here: read-only shop.target not tested on a real mount');
    try {
      const before = shop.b.snapshot();
      const error = shop.b.callError('data.startBackup', { folder: stick.dir });
      expect(error.code).toBe('BACKUP_TARGET_READONLY');
      expect(files(stick.dir)).toEqual([]);
      liveUntouched(before);
    } finally {
      stick.unmount();
    }
  });

  it('a full stick (a 64 KB tmpfs) is refused before writing', (ctx) => {
    const stick = mountTmpfs('size=64k');
    if (!stick) return ctx.skip('mount is not permitted here: full shop.target not tested on a real mount');
    try {
      const before = shop.b.snapshot();
      const error = shop.b.callError('data.startBackup', { folder: stick.dir });
      expect(error.code).toBe('BACKUP_TARGET_FULL');
      expect(error.details).toMatchObject({ freeBytes: expect.any(Number), neededBytes: expect.any(Number) });
      expect(files(stick.dir)).toEqual([]);
      liveUntouched(before);
    } finally {
      stick.unmount();
    }
  });

  it('a stick that fills up while writing (free space misreported): BACKUP_TARGET_FULL, temp file removed', async (ctx) => {
    const stick = mountTmpfs('size=256k', { sqliteWrites: true });
    if (!stick) return ctx.skip('needs root (a mount SQLite can write to): full-while-writing not tested on a real mount');
    try {
      const before = shop.b.snapshot();
      const error = await backupDatabase(shop.b.context.db, join(stick.dir, 'shop.sqlite'), { latestVersion }).then(
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
    const stick = join(shop.target, 'stick');
    mkdirSync(stick);
    const before = shop.b.snapshot();
    let pulled = false;
    const error = await backupDatabase(shop.b.context.db, join(stick, 'shop.sqlite'), {
      latestVersion,
      pagesPerStep: 5,
      flushEveryPages: 5,
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
    const stick = join(shop.target, 'stick');
    mkdirSync(stick);
    const { jobId } = shop.b.call('data.startBackup', { folder: stick });
    rmSync(stick, { recursive: true, force: true }); // pulled out before the first page was copied
    const status = await waitForJob<BackupStatus>(shop.b, 'data.backupStatus', jobId);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('BACKUP_TARGET_MISSING');
    expect(status.file).toBeNull();
  });

  it('an unknown job id', () => {
    expect(shop.b.callError('data.backupStatus', { jobId: 'backup-999-x' }).code).toBe('JOB_NOT_FOUND');
  });
});
