/**
 * Checks a database file is a whole, sound Huitou book, without changing it: the SQLite header, the
 * size the header promises, integrity_check's verdict (run as a job on a thread of its own), our
 * application_id, a schema version this app knows. Used on every backup before it is reported done, and
 * on every file before it is restored.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError, type ErrorCode } from '../../../../shared/errors.ts';
import { APPLICATION_ID } from '../../db/migrate.ts';

export const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Every table of the book whose rows a backup must carry over. */
export const BOOK_TABLES = [
  'settings',
  'customers',
  'customer_phones',
  'products',
  'sales',
  'forecasts',
  'reminders',
  'contacts',
  'payments',
  'balances',
] as const;

export interface BookFacts extends CheckedBook {
  shopName: string;
  customers: number;
  sales: number;
  newestSaleDate: string | null;
}

export interface VerifyCodes {
  notSqlite: ErrorCode;
  corrupt: ErrorCode;
  foreign: ErrorCode;
}

export const RESTORE_CODES: VerifyCodes = { notSqlite: 'RESTORE_NOT_SQLITE', corrupt: 'RESTORE_CORRUPT', foreign: 'RESTORE_FOREIGN' };
export const BACKUP_CODES: VerifyCodes = { notSqlite: 'BACKUP_FAILED', corrupt: 'BACKUP_FAILED', foreign: 'BACKUP_FAILED' };

/** Reads the first 100 bytes: the SQLite header, and whether the file is as long as the header says. */
export function checkHeader(file: string, codes: VerifyCodes): void {
  const size = statSync(file).size;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER) {
    throw new AppError(codes.notSqlite, 'not a SQLite database file', { details: { reason: 'header', sizeBytes: size } });
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  if (!validPageSize) throw new AppError(codes.corrupt, 'the SQLite header is damaged', { details: { reason: 'page_size' } });
  const pages = header.readUInt32BE(28);
  const changeCounter = header.readUInt32BE(24);
  const versionValidFor = header.readUInt32BE(92);
  // The in-header size is trusted only when "version-valid-for" matches the change counter (SQLite's rule).
  if (pages > 0 && versionValidFor === changeCounter && size < pages * pageSize) {
    throw new AppError(codes.corrupt, `the file is truncated: ${size} bytes of ${pages * pageSize}`, {
      details: { reason: 'truncated', sizeBytes: size, expectedBytes: pages * pageSize },
    });
  }
  if (size % pageSize !== 0) throw new AppError(codes.corrupt, 'the file is not a whole number of pages', { details: { reason: 'truncated' } });
}

function sqliteCode(error: unknown): string {
  return String((error as { code?: unknown }).code ?? '');
}

/** The book's tables that exist in this file (older schemas lack some), and whether each has rowids. */
function bookTablesIn(db: Database.Database): { name: string; rowid: boolean }[] {
  const present = new Map(
    (db.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table'").all() as { name: string; wr: number }[]).map((r) => [
      r.name,
      r.wr === 0,
    ]),
  );
  return BOOK_TABLES.filter((t) => present.has(t)).map((name) => ({ name, rowid: present.get(name)! }));
}

/** Row counts of the book's tables that exist in this file (older schemas lack some). */
export function countRows(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { name } of bookTablesIn(db)) counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  return counts;
}

/**
 * countRows a rowid range at a time, the event loop turning between steps: the big shop's 2 million
 * sales took 300 ms in one count, which every keystroke of a backup's start waited for. `db` must hold a
 * read transaction (a backup's snapshot) for the steps to count one state.
 */
export async function countRowsInSteps(db: Database.Database, rowsPerStep = 50_000): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const turn = () => new Promise<void>((done) => setImmediate(done));
  for (const { name, rowid } of bookTablesIn(db)) {
    if (!rowid) {
      counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
      await turn();
      continue;
    }
    const last = (db.prepare(`SELECT max(rowid) AS m FROM "${name}"`).get() as { m: number | null }).m ?? 0;
    const first = (db.prepare(`SELECT min(rowid) AS m FROM "${name}"`).get() as { m: number | null }).m ?? 1;
    const range = db.prepare(`SELECT count(*) AS n FROM "${name}" WHERE rowid >= ? AND rowid < ?`);
    let n = 0;
    for (let from = first; from <= last; from += rowsPerStep) {
      n += (range.get(from, from + rowsPerStep) as { n: number }).n;
      await turn();
    }
    counts[name] = n;
  }
  return counts;
}

/** Maps SQLite's errors about a damaged file to `codes` (anything else is rethrown as is). */
export function asFileError(error: unknown, codes: VerifyCodes): unknown {
  if (error instanceof AppError) return error;
  const code = sqliteCode(error);
  if (code === 'SQLITE_NOTADB') return new AppError(codes.notSqlite, 'not a SQLite database file', { details: { reason: 'not_a_database' } });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_ERROR' || code.startsWith('SQLITE_IOERR')) {
    return new AppError(codes.corrupt, `the file is damaged: ${(error as Error).message}`, { details: { reason: 'sqlite', sqlite: code } });
  }
  return error;
}

/** What every book file is checked for before it is trusted. */
export interface BookIdentity {
  schemaVersion: number;
  applicationId: number;
}

/** ...and its row counts. */
export interface CheckedBook extends BookIdentity {
  counts: Record<string, number>;
}

/** integrity_check's rows, as `codes` when they are not just 'ok'. */
export function assertIntegrity(check: string[], codes: VerifyCodes): void {
  if (check.length !== 1 || check[0] !== 'ok') {
    throw new AppError(codes.corrupt, 'integrity_check failed', { details: { reason: 'integrity', problems: check.slice(0, 5) } });
  }
}

/**
 * The page cache of the connection that checks a file. integrity_check looks each row of a table up in
 * every index of it: with SQLite's 2 MB default each lookup is a read() from the OS cache. Bounded, not
 * a share of the file: the check of the big shop with half the file as cache took the backend to 480 MB.
 * 4 MB: the big shop's check took the same CPU time with 8, 16 and 32 MB (6.4, 8.1, 8.0 s on a loaded
 * machine: the OS's file cache answers the lookups), and with 4, 8 and 16 MB 7.4-7.5, 7.6-8.0, 8.4-8.5 s;
 * the backend has to stay under 200 MB whole, this cache included.
 * Not mmap instead: reading a mapped file on a stick pulled out kills the process (SIGBUS).
 */
export const CHECK_CACHE_KIB = 4 * 1024;

/**
 * PRAGMA integrity_check of a whole file on a read-only connection of its own (run as the
 * 'integrityCheck' job: seconds on a big book, off the backend's thread). Its rows (['ok'] when sound),
 * the file's row counts when sound (counted here too, for the same reason), and the CPU time the check
 * took on its thread. Rejects with SQLite's error (e.g. SQLITE_CORRUPT).
 */
export function integrityCheck(file: string, cacheKiB: number = CHECK_CACHE_KIB): { rows: string[]; counts: Record<string, number>; cpuMs: number } {
  const cpu = process.threadCpuUsage();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cache_size = -${cacheKiB}`);
    const rows = db.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
    const counts = rows.length === 1 && rows[0] === 'ok' ? countRows(db) : {};
    const used = process.threadCpuUsage(cpu);
    return { rows, counts, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    db.close();
  }
}

/**
 * Opens `file`, checks it (the header, our application_id, a schema version this app knows) and hands
 * the open connection to `read`; SQLite's errors about a damaged file come out as `codes`.
 * integrity_check is the caller's, as a job (integrityCheck above), with assertIntegrity.
 */
function readBookFile<T>(file: string, latestVersion: number, codes: VerifyCodes, read: (db: Database.Database, identity: BookIdentity) => T): T {
  checkHeader(file, codes);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID || schemaVersion < 1) {
      throw new AppError(codes.foreign, 'this SQLite file was not made by Huitou', { details: { reason: 'application_id', applicationId } });
    }
    if (schemaVersion > latestVersion) {
      throw new AppError('DB_NEWER_THAN_APP', `the file's schema ${schemaVersion} is newer than this app (${latestVersion})`, {
        details: { found: schemaVersion, supported: latestVersion },
      });
    }
    return read(db, { schemaVersion, applicationId });
  } catch (error) {
    throw asFileError(error, codes);
  } finally {
    db?.close();
  }
}

/** The checks alone: what a backup needs before it is reported done (its row counts come from the check's job). */
export function checkBookFile(file: string, latestVersion: number, codes: VerifyCodes): BookIdentity {
  return readBookFile(file, latestVersion, codes, (_db, identity) => identity);
}

/**
 * The checks, and what a restore's preview shows. The preview's sales figures scan the whole sales
 * table (half a second on a big book), which a backup does not need.
 */
export function inspectBookFile(file: string, latestVersion: number, codes: VerifyCodes): BookFacts {
  return readBookFile(file, latestVersion, codes, (db, identity) => {
    const counts = countRows(db);
    const shopRow = db.prepare("SELECT value FROM settings WHERE key = 'shopName'").get() as { value: string } | undefined;
    let shopName: string;
    try {
      shopName = shopRow ? String(JSON.parse(shopRow.value)) : '';
    } catch {
      shopName = '';
    }
    const newest = db.prepare('SELECT max(date) AS d FROM sales WHERE voided_at IS NULL').get() as { d: string | null };
    return {
      ...identity,
      counts,
      shopName,
      customers: counts.customers ?? 0,
      sales: (db.prepare('SELECT count(*) AS n FROM sales WHERE voided_at IS NULL').get() as { n: number }).n,
      newestSaleDate: newest.d,
    };
  });
}
