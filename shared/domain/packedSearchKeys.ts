/**
 * A customer's search keys (searchKeys.ts) as they are written: four strings. An import computes them on
 * worker threads and passes them between threads, where copying many small objects is slow (68k names'
 * SearchKeys: 2 s of structured clone; the same as strings: 0.05 s). The FTS columns are the readings
 * joined by spaces, as the table holds them; the grams are packed into one string.
 */
import { buildSearchKeys, type SearchKeys } from './searchKeys.ts';
import { forEachPackedGram, packGrams } from './searchText.ts';

export { forEachPackedGram, packGrams, unpackGrams } from './searchText.ts';

export interface PackedSearchKeys {
  sortKey: string;
  /** Every full reading, space-separated (the FTS column `pinyin`). */
  pinyin: string;
  /** Every reading's initials, space-separated (the FTS column `initials`). */
  initials: string;
  /** The grams, see packGrams. */
  grams: string;
}

export function packSearchKeys(keys: SearchKeys): PackedSearchKeys {
  return { sortKey: keys.sortKey, pinyin: keys.pinyin.join(' '), initials: keys.initials.join(' '), grams: packGrams(keys.grams) };
}

/**
 * packSearchKeys(buildSearchKeys(name)) for a batch (an import, a reindex): the keys depend on the name
 * alone, names repeat (张伟, 王芳) and pinyin is most of the cost, so each distinct name is read once.
 * The keys handed out are shared between customers of the same name: read them, never change them.
 */
export function packedSearchKeysByName(): (name: string) => PackedSearchKeys {
  const known = new Map<string, PackedSearchKeys>();
  return (name) => {
    let keys = known.get(name);
    if (keys === undefined) {
      keys = packSearchKeys(buildSearchKeys(name));
      known.set(name, keys);
    }
    return keys;
  };
}

/** Gram rows as columns (arrays of strings and numbers cross threads cheaply, objects do not): row k is
 * (gram[k], rank[k], the sort key of entry at[k], that entry's customer). */
export interface GramRows {
  gram: string[];
  rank: Uint8Array;
  at: Int32Array;
}

/**
 * Every gram row of these entries' keys in the order of the customer_grams table (gram, rank, sort key,
 * then the entry's position, which stands for its customer id: the ids must rise with the positions),
 * so that inserting them visits each page of its b-tree once (100k customers, 750k grams: about 5 s
 * less than customer order).
 */
export function gramRowsInKeyOrder(keys: readonly Pick<PackedSearchKeys, 'sortKey' | 'grams'>[]): GramRows {
  const inOrder = keys.map((_, at) => at).sort((a, b) => (keys[a]!.sortKey < keys[b]!.sortKey ? -1 : keys[a]!.sortKey > keys[b]!.sortKey ? 1 : a - b));
  // gram -> rank -> positions: filled in (sort key, position) order, so nothing more to sort.
  const byGram = new Map<string, number[][]>();
  let count = 0;
  for (const at of inOrder) {
    forEachPackedGram(keys[at]!.grams, (gram, rank) => {
      let ranks = byGram.get(gram);
      if (ranks === undefined) byGram.set(gram, (ranks = []));
      (ranks[rank] ??= []).push(at);
      count++;
    });
  }
  const rows: GramRows = { gram: new Array<string>(count), rank: new Uint8Array(count), at: new Int32Array(count) };
  let k = 0;
  for (const gram of [...byGram.keys()].sort()) {
    for (const [rank, positions] of byGram.get(gram)!.entries()) {
      for (const at of positions ?? []) {
        rows.gram[k] = gram;
        rows.rank[k] = rank;
        rows.at[k++] = at;
      }
    }
  }
  return rows;
}

/** Every gram row of these customers, (gram, rank, sort key, customer id), in the table's key order. */
export function forEachGramRowInKeyOrder(
  customers: readonly { id: number; keys: Pick<PackedSearchKeys, 'sortKey' | 'grams'> }[],
  visit: (gram: string, rank: number, sortKey: string, id: number) => void,
): void {
  const byId = [...customers].sort((a, b) => a.id - b.id);
  const rows = gramRowsInKeyOrder(byId.map((c) => c.keys));
  for (let k = 0; k < rows.gram.length; k++) {
    const { id, keys } = byId[rows.at[k]!]!;
    visit(rows.gram[k]!, rows.rank[k]!, keys.sortKey, id);
  }
}
