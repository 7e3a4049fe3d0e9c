/**
 * Loaded on worker threads by an import (importThreads.ts; built as its own file, importWorker.cjs,
 * beside main.cjs): the search keys of a share of the file's names, and the new customers' grams
 * written into a scratch database.
 */
import Database from 'better-sqlite3';
import { forEachGramRowInKeyOrder, packedSearchKeysByName } from '../../../shared/domain/packedSearchKeys.ts';
import { batchInsert } from '../db/batchInsert.ts';

/** Each name's PackedSearchKeys as columns: arrays of strings cross threads cheaply, objects do not. */
export interface KeyColumns {
  sortKeys: string[];
  pinyin: string[];
  initials: string[];
  grams: string[];
}

export function searchKeysForWorker({ names }: { names: string[] }): KeyColumns {
  const keysOf = packedSearchKeysByName();
  const columns: KeyColumns = { sortKeys: [], pinyin: [], initials: [], grams: [] };
  for (const name of names) {
    const keys = keysOf(name);
    columns.sortKeys.push(keys.sortKey);
    columns.pinyin.push(keys.pinyin);
    columns.initials.push(keys.initials);
    columns.grams.push(keys.grams);
  }
  return columns;
}

export interface GramsInput {
  /** The scratch database, holding an empty `table` shaped like customer_grams. */
  file: string;
  table: string;
  ids: Int32Array;
  sortKeys: string[];
  /** Packed grams (packGrams), one entry per id. */
  grams: string[];
}

/** Writes every gram row of these customers in key order, in one transaction; answers how many. */
export function writeGramsForWorker(input: GramsInput): number {
  const db = new Database(input.file, { fileMustExist: true });
  try {
    // A scratch file, thrown away after the import: no journal, no flushing. The table's customer ids
    // refer to the book's customers, not to any table here.
    db.pragma('foreign_keys = OFF');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    const customers = Array.from(input.ids, (id, i) => ({ id, keys: { sortKey: input.sortKeys[i]!, grams: input.grams[i]! } }));
    const insert = batchInsert(db, `"${input.table}"`, ['gram', 'rank', 'sort_key', 'customer_id']);
    let rows = 0;
    db.transaction(() => {
      forEachGramRowInKeyOrder(customers, (gram, rank, sortKey, id) => {
        insert.add(gram, rank, sortKey, id);
        rows++;
      });
      insert.flush();
    })();
    return rows;
  } finally {
    db.close();
  }
}
