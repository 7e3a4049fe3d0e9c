/**
 * Restore on real files: a round trip (back up, change things, restore -> every table as backed up;
 * undo -> the changes are back), an older backup migrated on restore, and refusals that change
 * nothing: truncated, corrupted in the middle, another app's SQLite, a PNG renamed .sqlite, a newer
 * schema, a missing file, the book open in another program.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/backend/db/open.ts';
import { APPLICATION_ID } from '../../electron/backend/db/migrate.ts';
import type { BackupStatus, RestoreStatus } from '../../shared/contract.ts';
import { draft, makeBackend, makeTempDir, migrationsDirWith, type TestBackend } from './helpers.ts';
import { applyRestore, dumpTables, files, inspectBackup, misdefineIndex, restoreJob, waitForJob } from './dataHelpers.ts';

let b: TestBackend;
let stick: string;
let backupFile: string;

function allTables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  db.close();
  return names;
}

/** Every row of every table of the live book (read through a second connection to the file). */
function liveState() {
  b.context.db.pragma('wal_checkpoint(TRUNCATE)');
  return dumpTables(b.context.databaseFile, allTables(b.context.databaseFile));
}

beforeAll(async () => {
  b = makeBackend();
  b.call('shop.createDemo', { shopName: '幸福米店', language: 'zh-CN' });
  stick = makeTempDir('huitou-stick-');
  const { jobId } = b.call('data.startBackup', { folder: stick });
  const status = await waitForJob<BackupStatus>(b, 'data.backupStatus', jobId);
  backupFile = status.file!;
});
afterAll(() => {
  b.dispose();
  rmSync(stick, { recursive: true, force: true });
});

describe('restore round trip', () => {
  it('inspect -> preview; apply -> every table equal to the backup; the same dispatch keeps working; undo brings the changes back', async () => {
    const backedUp = dumpTables(backupFile, allTables(backupFile));
    const dispatch = b.dispatch;

    const preview = await inspectBackup(b, backupFile);
    expect(preview).toMatchObject({ file: backupFile, shopName: '幸福米店', customers: 150, schemaVersion: expect.any(Number), needsMigration: false });
    expect(preview.sales).toBeGreaterThan(1000);
    expect(preview.newestSaleDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Change things after the backup: a new customer, a sale, a payment, an archived customer, a renamed shop.
    const added = b.call('customers.create', { draft: draft({ name: '备份之后', phones: ['13700000001'] }) });
    const product = b.call('products.list', {})[0]!;
    b.call('sales.record', { customerId: added.id, productId: product.id, quantity: 2, paid: false });
    b.call('credit.recordPayment', { customerId: added.id, amountFen: 100, method: 'cash' });
    b.call('customers.archive', { id: 1 });
    b.call('shop.updateSettings', { shopName: '改过名的店' });
    const changed = liveState();
    expect(changed).not.toEqual(backedUp);

    const result = await applyRestore(b, backupFile);
    expect(result.restoredFrom).toBe(backupFile);
    expect(result.preview.customers).toBe(150);
    expect(existsSync(result.safetyBackup)).toBe(true);
    expect(result.safetyBackup).toMatch(/backups[/\\]before-restore-\d{8}-\d{6}(-\d+)?\.sqlite$/);
    // a plain rollback-journal file like every backup: stock sqlite3 opens it read-only, e.g. from a stick
    const safetyCopy = new Database(result.safetyBackup, { readonly: true, fileMustExist: true });
    expect(safetyCopy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(safetyCopy.pragma('integrity_check', { simple: true })).toBe('ok');
    safetyCopy.close();
    expect(liveState()).toEqual(backedUp);
    expect(b.dispatch).toBe(dispatch);
    expect(b.call('shop.info', {}).settings.shopName).toBe('幸福米店');
    expect(b.call('customers.search', { query: '备份之后' }).items).toEqual([]);
    expect(b.context.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(b.call('data.localBackups', {}).map((x) => x.kind)).toContain('before-restore');
    expect(files(b.dataDir).filter((f) => f.includes('restoring') || f.startsWith('.inspect'))).toEqual([]);

    // Undo: restore the safety backup.
    const undo = await applyRestore(b, result.safetyBackup);
    expect(liveState()).toEqual(changed);
    expect(b.call('customers.search', { query: '备份之后' }).items).toHaveLength(1);
    expect(b.call('shop.info', {}).settings.shopName).toBe('改过名的店');
    expect(undo.safetyBackup).not.toBe(result.safetyBackup);
  });

  it("restore.status of each kind of job: an inspection's preview, an apply's result; a job is only found under its own call", async () => {
    const inspecting = b.call('data.startRestoreInspect', { file: backupFile });
    const inspected = await waitForJob<RestoreStatus>(b, 'data.restoreStatus', inspecting.jobId);
    expect(inspected).toMatchObject({ state: 'done', progress: 1, result: null, error: null, preview: { file: backupFile, customers: 150 } });
    const applying = b.call('data.startRestore', { file: backupFile });
    const applied = await waitForJob<RestoreStatus>(b, 'data.restoreStatus', applying.jobId);
    expect(applied).toMatchObject({ state: 'done', progress: 1, preview: null, error: null, result: { restoredFrom: backupFile } });
    expect(b.callError('data.restoreStatus', { jobId: inspecting.jobId.replace('restore-inspect', 'backup') }).code).toBe('JOB_NOT_FOUND');
  });

  it("an older app's backup is migrated on restore (and says so in the preview)", async () => {
    const dir = makeTempDir();
    const file = join(dir, 'old.sqlite');
    const { db } = openDatabase(file, { migrationsDir: migrationsDirWith(1) });
    db.prepare("INSERT INTO settings (key, value) VALUES ('shopName', '\"老店\"')").run();
    db.close();
    const preview = await inspectBackup(b, file);
    expect(preview).toMatchObject({ schemaVersion: 1, needsMigration: true, shopName: '老店', customers: 0, sales: 0, newestSaleDate: null });
    const result = await applyRestore(b, file);
    expect(result.migratedFrom).toBe(1);
    expect(b.call('shop.info', {}).schemaVersion).toBeGreaterThan(1);
    expect(b.call('shop.info', {}).settings.shopName).toBe('老店');
    await applyRestore(b, result.safetyBackup);
    expect(b.count('customers')).toBeGreaterThan(100);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('restore refusals change nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('huitou-bad-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Refused the same way by inspect and apply, and nothing changed; the apply's error. */
  async function refused(file: string, code: string) {
    const before = b.snapshot();
    const backupsBefore = b.call('data.localBackups', {}).length;
    const bytes = readFileSync(file);
    expect((await restoreJob(b, 'data.startRestoreInspect', file)).error?.code).toBe(code);
    const error = (await restoreJob(b, 'data.startRestore', file)).error!;
    expect(error.code).toBe(code);
    expect(b.snapshot()).toEqual(before);
    expect(b.call('data.localBackups', {}).length).toBe(backupsBefore); // no safety backup for a refused file
    expect(readFileSync(file).equals(bytes)).toBe(true); // the user's file is only ever read
    expect(files(b.dataDir).filter((f) => f.includes('restoring') || f.startsWith('.inspect'))).toEqual([]);
    expect(b.context.db.pragma('integrity_check', { simple: true })).toBe('ok');
    return error;
  }

  it('a truncated backup (a copy cut short)', async () => {
    const file = join(dir, 'cut.sqlite');
    copyFileSync(backupFile, file);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect((await refused(file, 'RESTORE_CORRUPT')).details).toMatchObject({ reason: 'truncated' });
  });

  it('a truncated header (a few bytes)', async () => {
    const file = join(dir, 'tiny.sqlite');
    writeFileSync(file, readFileSync(backupFile).subarray(0, 50));
    await refused(file, 'RESTORE_NOT_SQLITE');
  });

  it('a backup with bytes overwritten in the middle', async () => {
    const file = join(dir, 'bitrot.sqlite');
    const bytes = readFileSync(backupFile);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite whole pages in the middle (b-tree pages of the data), leaving the header intact.
    const middle = Math.floor(bytes.length / pageSize / 2) * pageSize;
    for (let i = middle; i < middle + pageSize * 8 && i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    await refused(file, 'RESTORE_CORRUPT');
  });

  it('a backup whose customers-by-area index does not match its rows (only a check of every index sees it)', async () => {
    const file = join(dir, 'misindexed.sqlite');
    copyFileSync(backupFile, file);
    misdefineIndex(file, 'customers_by_area', 'CREATE INDEX customers_by_area ON customers (name, sort_key, id)');
    expect((await refused(file, 'RESTORE_CORRUPT')).details).toMatchObject({ reason: 'integrity' });
  });

  it("another app's SQLite database", async () => {
    const file = join(dir, 'other.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')");
    db.close();
    await refused(file, 'RESTORE_FOREIGN');
  });

  it('a photo renamed .sqlite', async () => {
    const file = join(dir, 'photo.sqlite');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 7)]);
    writeFileSync(file, png);
    await refused(file, 'RESTORE_NOT_SQLITE');
  });

  it('a backup from a newer app: "update the app first"', async () => {
    const file = join(dir, 'newer.sqlite');
    copyFileSync(backupFile, file);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect((await refused(file, 'DB_NEWER_THAN_APP')).details).toMatchObject({ found: 99 });
  });

  it('an empty SQLite file with our id but no schema, and a missing file', async () => {
    const file = join(dir, 'blank.sqlite');
    const db = new Database(file);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('CREATE TABLE x (a, b)');
    db.close();
    await refused(file, 'RESTORE_FOREIGN');
    expect((await restoreJob(b, 'data.startRestoreInspect', join(dir, 'gone.sqlite'))).error?.code).toBe('RESTORE_FILE_MISSING');
    expect((await restoreJob(b, 'data.startRestore', 'relative.sqlite')).error?.code).toBe('RESTORE_FILE_MISSING');
  });

  it('the book open in another program (the other shell): refused, and this backend keeps working', async () => {
    const other = new Database(b.context.databaseFile);
    other.prepare('SELECT count(*) FROM customers').get();
    try {
      const before = b.snapshot();
      const backupsBefore = b.call('data.localBackups', {}).length;
      b.call('customers.create', { draft: draft({ name: '另一个窗口', phones: ['13600000001'] }) });
      const error = (await restoreJob(b, 'data.startRestore', backupFile)).error!;
      expect(error.code).toBe('RESTORE_BOOK_IN_USE');
      expect(b.call('data.localBackups', {}).length).toBe(backupsBefore); // refused before the safety backup
      expect(files(b.dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
      expect(b.snapshot().customers).toBe(before.customers! + 1);
      expect(b.call('customers.search', { query: '另一个窗口' }).items).toHaveLength(1);
    } finally {
      other.close();
    }
  });

  it('no safety backup can be made (its folder is a file): refused, the book as it was and open', async () => {
    const local = join(b.dataDir, 'backups');
    const moved = `${local}.aside`;
    const before = liveState();
    renameSync(local, moved);
    writeFileSync(local, 'not a folder');
    try {
      const error = (await restoreJob(b, 'data.startRestore', backupFile)).error;
      expect(error).toMatchObject({ code: 'RESTORE_FAILED', details: { reason: 'safety_backup' } });
      expect(liveState()).toEqual(before);
      expect(files(b.dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
      b.call('customers.create', { draft: draft({ name: '照常营业', phones: ['13600000002'] }) });
      expect(b.call('customers.search', { query: '照常营业' }).items).toHaveLength(1);
    } finally {
      rmSync(local, { force: true });
      renameSync(moved, local);
    }
  });

  it('a restore while a backup is running is refused', async () => {
    const { jobId } = b.call('data.startBackup', { folder: stick });
    expect((await restoreJob(b, 'data.startRestore', backupFile)).error?.code).toBe('BACKUP_IN_PROGRESS');
    await waitForJob(b, 'data.backupStatus', jobId);
  });
});
