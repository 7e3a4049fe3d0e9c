/** Keeps the two search indexes in step with customers, and answers queries from them. */
import type { CustomerSearchEntry, CustomerSummary } from '../../../../shared/contract.ts';
import {
  forEachGramRowInKeyOrder,
  forEachPackedGram,
  packedSearchKeysByName,
  type GramRows,
  type PackedSearchKeys,
} from '../../../../shared/domain/packedSearchKeys.ts';
import { LOCAL_SEARCH_MAX } from '../../../../shared/domain/searchMatch.ts';
import { ftsPhrase, indexedPhones, normalizeQuery, phoneEndingPhrase, sortKeyRanges } from '../../../../shared/domain/searchKeys.ts';
import type { BackendContext } from '../../context.ts';
import { batchInsert } from '../../db/batchInsert.ts';

/**
 * The gram rows of a batch of new customers, put in key order beforehand (an import's job thread,
 * gramRowsInKeyOrder): `rows.at[k]` is an entry of the caller's list, `batchIndex[entry]` the position in
 * the batch of the customer it became, or -1 (not created, or under another name). Positions must rise
 * with the entries, as ids rise with positions: the rows stay in key order.
 */
export interface SortedGrams {
  rows: GramRows;
  batchIndex: Int32Array;
}

export interface IndexableCustomer {
  id: number;
  name: string;
  phones: string[];
  address: string;
  area: string;
}

interface SummaryRow {
  id: number;
  name: string;
  phone: string | null;
  area: string;
  address: string;
  people: number;
  archived: number;
}

const summaryColumns = `c.id, c.name, c.area, c.address, c.adults + c.children + c.seniors AS people,
  c.archived_at IS NOT NULL AS archived,
  (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position LIMIT 1) AS phone`;

const archivedFilter = '(:includeArchived = 1 OR c.archived_at IS NULL)';

/** The FTS row holds these; the grams only the name. */
function sameIndexedText(a: IndexableCustomer, b: IndexableCustomer): boolean {
  return a.name === b.name && a.address === b.address && a.area === b.area && a.phones.join(' ') === b.phones.join(' ');
}

function toSummary(row: SummaryRow): CustomerSummary {
  return { ...row, phone: row.phone ?? '', archived: row.archived === 1 };
}

/** Every long-query stage takes the same parameters (each uses those it needs). */
type StageParams = { match: string; ending: string; q: string; includeArchived: number; limit: number };

export function createCustomerSearch(ctx: BackendContext) {
  const { db } = ctx;
  const deleteFts = db.prepare('DELETE FROM customer_fts WHERE rowid = ?');
  const insertFts = db.prepare('INSERT INTO customer_fts (rowid, name, pinyin, initials, phones, address) VALUES (?, ?, ?, ?, ?, ?)');
  // A customer's grams are deleted by their whole key, computed from the name they were made from:
  // there is no index by customer (migration 0005). When fewer rows than expected go, the stored grams
  // were not made by today's rules, and the table is scanned for the customer's rows instead.
  const deleteGram = db.prepare('DELETE FROM customer_grams WHERE gram = ? AND rank = ? AND sort_key = ? AND customer_id = ?');
  const scanDeleteGrams = db.prepare('DELETE FROM customer_grams WHERE customer_id = ?');
  const deleteEveryGram = db.prepare('DELETE FROM customer_grams');
  const deleteEveryFts = db.prepare('DELETE FROM customer_fts');
  const insertGrams = batchInsert(db, 'customer_grams', ['gram', 'rank', 'sort_key', 'customer_id']);

  const listAll = db.prepare<{ includeArchived: number; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM customers c WHERE ${archivedFilter} ORDER BY c.sort_key, c.id LIMIT :limit`,
  );
  // Grams are stored in rank order, so this walks the index and stops at the limit.
  const byGram = db.prepare<{ gram: string; includeArchived: number; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM customer_grams g JOIN customers c ON c.id = g.customer_id
     WHERE g.gram = :gram AND ${archivedFilter}
     ORDER BY g.rank, g.sort_key, g.customer_id LIMIT :limit`,
  );
  // Long queries (3+ characters) run as stages, one FTS column group at a time, in rank order, each
  // stopping at the limit: ranking across all matches at once read every matched row's FTS content
  // and sorted thousands of rows for a broad query such as an area name (70 ms at 100k customers).
  // Each stage sorts its matches on the ranking keys alone and reads the listed columns (the first phone
  // among them) for the rows it keeps: SQLite computes result columns before it sorts, for every match.
  const ftsStage = (columns: string, rankBy?: string, where?: string, match = ':match') =>
    db.prepare<StageParams, SummaryRow>(
      `SELECT ${summaryColumns} FROM (
         SELECT c.id, ${rankBy ?? '0'} AS r, c.sort_key AS k FROM customer_fts f JOIN customers c ON c.id = f.rowid
         WHERE customer_fts MATCH '{${columns}} : ' || ${match} AND ${archivedFilter}${where ? ` AND ${where}` : ''}
         ORDER BY r, k, c.id LIMIT :limit) AS top
       JOIN customers c ON c.id = top.id ORDER BY top.r, top.k, top.id`,
    );
  const byName = ftsStage('name', `CASE WHEN lower(c.name) = :q THEN 0 WHEN lower(c.name) LIKE :q || '%' THEN 1 ELSE 2 END`);
  // Latin queries: pinyin whose sort key starts with the query first, in list order, then the other
  // pinyin matches. The first stage walks the few short ranges of customers_by_sort_key where such keys
  // can be (sortKeyRanges: sort keys keep syllables apart, so it is the key without spaces that must
  // match) and stops at the limit; ranking every trigram match at once cost 15 ms for "yan" at 100k.
  const pinyinPrefix = `replace(c.sort_key, ' ', '') LIKE :q || '%'`;
  const inSortKeyRange = db.prepare<{ from: string; to: string; q: string; includeArchived: number; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM customers c INDEXED BY customers_by_sort_key
     WHERE c.sort_key >= :from AND c.sort_key < :to AND ${pinyinPrefix} AND ${archivedFilter}
     ORDER BY c.sort_key, c.id LIMIT :limit`,
  );
  const byPinyinPrefix = {
    all({ q, includeArchived, limit }: StageParams): SummaryRow[] {
      const rows: SummaryRow[] = [];
      for (const [from, to] of sortKeyRanges(q)) {
        if (rows.length >= limit) break;
        rows.push(...inSortKeyRange.all({ from, to, q, includeArchived, limit: limit - rows.length }));
      }
      return rows;
    },
  };
  const byPinyinRest = ftsStage('pinyin initials', undefined, `NOT (${pinyinPrefix})`);
  // Phones ending in the digits first (people give the last four), then those containing them.
  const byPhoneEnding = ftsStage('phones', undefined, undefined, ':ending');
  const byPhone = ftsStage('phones');
  const byAddress = ftsStage('address');
  const byArea = db.prepare<{ q: string; includeArchived: number; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM customers c WHERE c.area = :q AND ${archivedFilter} ORDER BY c.sort_key, c.id LIMIT :limit`,
  );
  // Reads at most LOCAL_SEARCH_MAX + 1 rows of an index, where count(*) would read all 100k of a big book.
  const pastLocalMax = db.prepare<[], { one: number }>(`SELECT 1 AS one FROM customers LIMIT 1 OFFSET ${LOCAL_SEARCH_MAX}`);
  const everyoneForEntries = db.prepare<[], SummaryRow & { sort_key: string }>(
    `SELECT c.id, c.name, c.area, c.address, c.adults + c.children + c.seniors AS people,
       c.archived_at IS NOT NULL AS archived, c.sort_key, NULL AS phone FROM customers c`,
  );
  const everyPhone = db.prepare<[], { customer_id: number; phone: string }>('SELECT customer_id, phone FROM customer_phones ORDER BY customer_id, position');
  /** Every household's phones in their order, in one read (not a query a household). */
  function phonesByCustomer(): Map<number, string[]> {
    const phonesOf = new Map<number, string[]>();
    for (const { customer_id, phone } of everyPhone.all()) {
      const list = phonesOf.get(customer_id);
      if (list) list.push(phone);
      else phonesOf.set(customer_id, [phone]);
    }
    return phonesOf;
  }
  // The keys of the names in the last copy: pinyin is most of a copy's cost, and names change rarely.
  // Each copy keeps only its own names, so the map is never larger than the book.
  let keptKeys = new Map<string, PackedSearchKeys>();

  /**
   * The whole book as the renderer's own search reads it (searchMatch.ts), or null when it holds more
   * than LOCAL_SEARCH_MAX households. The keys are the ones the indexes were written from: the same
   * function of the name (the indexes are rebuilt when its rules or the pinyin library change).
   */
  function entries(): CustomerSearchEntry[] | null {
    if (pastLocalMax.get()) return null;
    const phonesOf = phonesByCustomer();
    const newKeys = packedSearchKeysByName();
    const keys = new Map<string, PackedSearchKeys>();
    const answer = everyoneForEntries.all().map((row) => {
      const phones = phonesOf.get(row.id) ?? [];
      let named = keys.get(row.name);
      if (!named) keys.set(row.name, (named = keptKeys.get(row.name) ?? newKeys(row.name)));
      return {
        ...toSummary({ ...row, phone: phones[0] ?? null }),
        sortKey: row.sort_key,
        pinyin: named.pinyin,
        initials: named.initials,
        phones: indexedPhones(phones),
      };
    });
    keptKeys = keys;
    return answer;
  }

  const stagesFor = {
    text: [byName, byArea, byAddress],
    latin: [byPinyinPrefix, byPinyinRest, byName, byAddress],
    digits: [byPhoneEnding, byPhone, byAddress],
  } as const;

  function longQuery(kind: keyof typeof stagesFor, text: string, includeArchived: number, limit: number): SummaryRow[] {
    const found = new Map<number, SummaryRow>();
    const params = { match: ftsPhrase(text), ending: phoneEndingPhrase(text), q: text, includeArchived, limit };
    for (const stage of stagesFor[kind]) {
      if (found.size >= limit) break;
      // A stage may find again what an earlier one found (a phone ending in the digits also contains them):
      // asked for the whole limit, it still fills what is left.
      for (const row of stage.all(params)) {
        if (found.size >= limit) break;
        if (!found.has(row.id)) found.set(row.id, row);
      }
    }
    return [...found.values()];
  }

  function writeFts(customer: IndexableCustomer, keys: PackedSearchKeys): void {
    const place = [customer.address, customer.area].filter(Boolean).join(' ');
    insertFts.run(customer.id, customer.name, keys.pinyin, keys.initials, indexedPhones(customer.phones), place);
  }

  function deleteGrams(id: number, keys: PackedSearchKeys): void {
    let expected = 0;
    let deleted = 0;
    forEachPackedGram(keys.grams, (gram, rank) => {
      expected++;
      deleted += deleteGram.run(gram, rank, keys.sortKey, id).changes;
    });
    if (deleted < expected) scanDeleteGrams.run(id);
  }

  /** Grams of many customers, inserted in the table's key order (forEachGramRowInKeyOrder). */
  function writeGrams(customers: readonly { id: number; keys: PackedSearchKeys }[]): void {
    forEachGramRowInKeyOrder(customers, (gram, rank, sortKey, id) => insertGrams.add(gram, rank, sortKey, id));
    insertGrams.flush();
  }

  /**
   * Index rows for customers just inserted, one table at a time so each b-tree's pages stay in cache.
   * Nothing to delete first: a delete makes FTS5 flush its pending terms (10x slower in bulk).
   * `sorted`: grams already in key order for (most of) them; the others are ordered here.
   */
  function indexNew(customers: readonly (IndexableCustomer & { keys: PackedSearchKeys })[], sorted?: SortedGrams): void {
    for (const customer of customers) writeFts(customer, customer.keys);
    if (!sorted) return writeGrams(customers);
    const covered = new Uint8Array(customers.length);
    for (const position of sorted.batchIndex) if (position >= 0) covered[position] = 1;
    const { gram, rank, at } = sorted.rows;
    for (let k = 0; k < gram.length; k++) {
      const position = sorted.batchIndex[at[k]!]!;
      if (position < 0) continue;
      const { id, keys } = customers[position]!;
      insertGrams.add(gram[k]!, rank[k]!, keys.sortKey, id);
    }
    insertGrams.flush();
    writeGrams(customers.filter((_, position) => covered[position] === 0));
  }

  /**
   * Replaces the index rows of customers already indexed (edits, an import's merges), in the caller's
   * transaction. `before` is what they were indexed from. Only what changed is rewritten: the grams
   * when the name did, the FTS row when a searched field did. FTS rows are replaced in rowid order:
   * FTS5 flushes its pending terms when a write goes to a lower rowid than the one before.
   */
  function reindex(
    changes: readonly { before: IndexableCustomer; after: IndexableCustomer; beforeKeys: PackedSearchKeys; afterKeys: PackedSearchKeys }[],
  ): void {
    const byId = [...changes].sort((a, b) => a.after.id - b.after.id);
    for (const { before, after, afterKeys } of byId) {
      if (!sameIndexedText(before, after)) {
        deleteFts.run(after.id);
        writeFts(after, afterKeys);
      }
    }
    const renamed = byId.filter((c) => c.before.name !== c.after.name);
    for (const { after, beforeKeys } of renamed) deleteGrams(after.id, beforeKeys);
    writeGrams(renamed.map((c) => ({ id: c.after.id, keys: c.afterKeys })));
  }

  /** Both indexes built again for every customer (the rules of the keys changed); ascending ids. */
  function reindexEveryone(customers: readonly (IndexableCustomer & { keys: PackedSearchKeys })[]): void {
    deleteEveryGram.run();
    deleteEveryFts.run();
    indexNew(customers);
  }

  function search(query: string, includeArchived: boolean, limit: number): { items: CustomerSummary[]; more: boolean } {
    const q = normalizeQuery(query);
    const params = { includeArchived: includeArchived ? 1 : 0, limit: limit + 1 };
    let rows: SummaryRow[];
    if (q.kind === 'empty') rows = listAll.all(params);
    else if (q.length < 3) rows = byGram.all({ ...params, gram: q.text });
    else rows = longQuery(q.kind, q.text, params.includeArchived, params.limit);
    return { items: rows.slice(0, limit).map(toSummary), more: rows.length > limit };
  }

  return { indexNew, reindex, reindexEveryone, search, entries, phonesByCustomer };
}
export type CustomerSearch = ReturnType<typeof createCustomerSearch>;
