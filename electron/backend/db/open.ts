import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { snapshotDatabase } from '../services/data/backupEngine.ts';
import { BACKUP_EXTENSION, localBackupsDir, uniquePath, utcStamp } from '../services/data/backupFiles.ts';
import { checkCompatible, loadMigrations, migrate, schemaVersion } from './migrate.ts';

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  schemaVersion: number;
  /** Where the pre-migration copy went, when there was one. */
  preMigrationCopy: string | null;
}

/** checkCompatible, with "not a database at all" (random bytes, a truncated header) reported as not ours. */
function checkCompatibleFile(db: Database.Database, latest: number): number {
  try {
    return checkCompatible(db, latest);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new AppError('DB_FOREIGN', 'this file is not a SQLite database', { details: { reason: 'not_sqlite' } });
    }
    throw error;
  }
}

/**
 * Makes every top-level transaction of `db` begin IMMEDIATE (nested ones stay savepoints). The book has
 * other writers (a long job's thread, the other shell): a transaction begun DEFERRED that reads first
 * and then writes while one of them holds the write lock fails at once with "database is locked", busy
 * timeout or not (SQLite will not let a reader wait for a writer it may deadlock with); one that takes
 * the lock at BEGIN waits its turn like any other.
 */
export function immediateTransactions(db: Database.Database): Database.Database {
  const make = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const t = make(fn);
    return Object.assign((...args: never[]) => t.immediate(...args), {
      default: t.immediate,
      deferred: t.deferred,
      immediate: t.immediate,
      exclusive: t.exclusive,
    });
  }) as typeof db.transaction;
  return db;
}

/**
 * Opens (creating if needed) the shop's database: WAL for a responsive UI while writing, foreign
 * keys on, a busy timeout for the second shell, and synchronous=FULL because a shop PC loses power
 * more often than a server does. An existing database is copied aside before it is migrated.
 */
export function openDatabase(file: string, options: { migrationsDir?: string; now?: () => Date } = {}): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = immediateTransactions(new Database(file));
  try {
    db.pragma('busy_timeout = 5000');
    const migrations = loadMigrations(options.migrationsDir);
    // Check before anything is written: switching to WAL rewrites the file header, and a file that is
    // not ours (or newer than this app) must be left exactly as it was.
    const found = checkCompatibleFile(db, migrations.length);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // 64 MB instead of SQLite's 2 MB: a big book's indexes stay in memory, which made the call list of a
    // 100k-household shop 25 % faster; a small shop never fills it.
    db.pragma('cache_size = -65536');
    let preMigrationCopy: string | null = null;
    if (found > 0 && found < migrations.length) {
      const at = (options.now ?? (() => new Date()))();
      // A retry in the same second (after a failed migration) gets its own copy instead of failing.
      preMigrationCopy = uniquePath(localBackupsDir(dirname(file)), `before-migration-v${found}-${utcStamp(at)}`, BACKUP_EXTENSION);
      // Under a temporary name, flushed, then renamed: a power cut mid-copy must not leave a half file
      // that the backups list would offer as the book before the migration.
      snapshotDatabase(db, preMigrationCopy);
    }
    const { from } = migrate(db, migrations);
    return { db, migratedFrom: from, schemaVersion: schemaVersion(db), preMigrationCopy };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A job thread's own connection to the open book (jobWorker.ts): the same waiting and durability as the
 * backend's, a small page cache (a job reads its way through once). Foreign-key checks stay off: a job
 * writes only keys it read in the same transaction.
 */
export function openJobConnection(file: string): Database.Database {
  const db = immediateTransactions(new Database(file, { fileMustExist: true }));
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -16384');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
