/**
 * Loaded on worker threads by an import (importThreads.ts; built as its own file, importWorker.cjs,
 * beside main.cjs): the search keys of the file's names, chunk by chunk, and the new customers' grams
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

export interface KeysInput {
  names: readonly string[];
  /** Names per chunk; chunk k is names[k * chunk, (k + 1) * chunk). */
  chunk: number;
  /** One Int32: the next chunk nobody has claimed, shared with the app's thread and the other workers. */
  claims: SharedArrayBuffer;
}

/** The chunks this worker did, in order, and their names' keys, concatenated in the same order. */
export type KeyChunks = KeyColumns & { chunks: number[] };

/** Claims chunks of names until none are left, and keys them. */
export function searchKeysForWorker({ names, chunk: size, claims }: KeysInput): KeyChunks {
  const counter = new Int32Array(claims);
  const keysOf = packedSearchKeysByName();
  const done: KeyChunks = { chunks: [], sortKeys: [], pinyin: [], initials: [], grams: [] };
  for (let chunk = Atomics.add(counter, 0, 1); chunk * size < names.length; chunk = Atomics.add(counter, 0, 1)) {
    done.chunks.push(chunk);
    for (const name of names.slice(chunk * size, (chunk + 1) * size)) {
      const keys = keysOf(name);
      done.sortKeys.push(keys.sortKey);
      done.pinyin.push(keys.pinyin);
      done.initials.push(keys.initials);
      done.grams.push(keys.grams);
    }
  }
  return done;
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
