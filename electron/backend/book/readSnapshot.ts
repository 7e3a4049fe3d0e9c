import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';

/** The snapshot connection's page cache. */
export const SNAPSHOT_CACHE_KIB = 1024;

/**
 * The live book read in one transaction on a second, read-only connection, for a backup that reads the
 * book over many turns of the event loop while the app goes on writing (WAL lets it): the backup takes
 * its live row counts in it, so they are the counts of exactly the state copied, and it keeps the copy
 * from starting over (the backup API goes back to the first page whenever its source is written
 * through another connection, so with the other shell in use a big book's copy could never finish).
 * Null for a book not in WAL mode (or in memory), where a held read transaction would block the app's
 * writes: the caller then reads on the app's connection in one go.
 */
export function openReadSnapshot(db: Database.Database): Database.Database | null {
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  let snapshot: Database.Database | null = null;
  try {
    snapshot = new Database(db.name, { readonly: true, fileMustExist: true });
    // better-sqlite3 gives every connection a 16 MB page cache; the copy reads each page once, and the
    // counts' range steps descend the same few interior pages: 1 MB serves both as fast.
    snapshot.pragma(`cache_size = -${SNAPSHOT_CACHE_KIB}`);
    snapshot.exec('BEGIN');
    return snapshot;
  } catch (error) {
    snapshot?.close();
    // Said as a failure to read the book: left to the target's error mapping, SQLITE_CANTOPEN would blame the stick.
    throw new AppError('BACKUP_FAILED', `could not read the book: ${(error as Error).message}`, { details: { reason: 'source' } });
  }
}
