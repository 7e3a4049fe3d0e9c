import type Database from 'better-sqlite3';

/**
 * Runs `write` with the secondary indexes of `tables` dropped, then builds them again from their stored
 * SQL, when `bulk`: once a write touches a large share of a table, moving each row through each index
 * one at a time costs more than one sorted pass over the whole table (a full forecast recompute's
 * reminders: 8.8 s -> 3.7 s at 254k; an import of 100k customers into an empty book: 0.5 s less).
 * Only inside a transaction, so that a failed write rolls the drop back with it. Primary keys and
 * UNIQUE constraints are not touched (SQLite stores no SQL for their indexes).
 */
export function withIndexesBuiltAfter<T>(db: Database.Database, tables: readonly string[], bulk: boolean, write: () => T): T {
  if (!bulk) return write();
  const buildAgain = dropIndexesUntilBuilt(db, tables);
  const result = write();
  buildAgain();
  return result;
}

/**
 * The first half of withIndexesBuiltAfter, for a write that comes in parts: drops the tables' secondary
 * indexes and returns what builds them again. Inside a transaction only, like the whole.
 */
export function dropIndexesUntilBuilt(db: Database.Database, tables: readonly string[]): () => void {
  if (!db.inTransaction) throw new Error('indexes are dropped for a write only inside a transaction');
  const indexes = db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY rowid",
    )
    .all(JSON.stringify(tables));
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}
