import type Database from 'better-sqlite3';

/**
 * Runs `work` with SQLite's foreign-key checks off, for bulk writes whose every key was just read or
 * inserted in the same transaction (a full recompute, an import), where checking each row again cost
 * seconds. Back on afterwards, also when `work` throws. The pragma only takes effect outside a
 * transaction: inside a caller's one the checks simply stay on.
 */
export function withoutForeignKeyChecks<T>(db: Database.Database, work: () => T): T {
  const checksWereOn = !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
  if (checksWereOn) db.pragma('foreign_keys = OFF');
  try {
    return work();
  } finally {
    if (checksWereOn) db.pragma('foreign_keys = ON');
  }
}
