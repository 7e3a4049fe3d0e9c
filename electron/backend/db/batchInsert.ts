/**
 * Many rows into one table, `rowsPerStatement` at a time: one statement run per row costs a few
 * microseconds of binding and stepping of its own, which at 750k rows (an import's search grams) was
 * more than the b-tree work (grams in key order: 5.6 s one row at a time, 3.0 s a hundred at a time).
 * `upsert` (an ON CONFLICT clause) makes it a batch of upserts: a full recompute's 254k forecasts,
 * 1.6 s one row at a time, 1.2 s a hundred at a time.
 */
import type Database from 'better-sqlite3';

type Value = string | number | bigint | null;

export interface BatchInsert {
  /** One row's values, in the order of the columns given. */
  add(...values: Value[]): void;
  /** Writes the rows still waiting; call once after the last add. */
  flush(): void;
}

export function batchInsert(db: Database.Database, table: string, columns: readonly string[], rowsPerStatement = 100, upsert = ''): BatchInsert {
  const statement = (rows: number) =>
    db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')} ${upsert}`,
    );
  const many = statement(rowsPerStatement);
  const one = statement(1);
  const width = columns.length;
  const pending: Value[] = new Array<Value>(width * rowsPerStatement);
  let filled = 0;
  return {
    // The buffer is emptied even when a statement fails: rows of a rolled-back transaction must never
    // be written by the next one, and a full buffer left behind would break every later add.
    add(...values) {
      for (let i = 0; i < width; i++) pending[filled++] = values[i] ?? null;
      if (filled === pending.length) {
        try {
          many.run(pending);
        } finally {
          filled = 0;
        }
      }
    },
    flush() {
      try {
        for (let at = 0; at < filled; at += width) one.run(pending.slice(at, at + width));
      } finally {
        filled = 0;
      }
    },
  };
}
