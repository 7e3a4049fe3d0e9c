/** Keeps the two search indexes in step with customers, and answers queries from them. */
import type { CustomerSummary } from '../../../shared/contract.ts';
import { buildSearchKeys, ftsPhrase, normalizeQuery, type SearchKeys } from '../../../shared/domain/searchKeys.ts';
import type { BackendContext } from '../context.ts';

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

function toSummary(row: SummaryRow): CustomerSummary {
  return { ...row, phone: row.phone ?? '', archived: row.archived === 1 };
}

export function createCustomerSearch(ctx: BackendContext) {
  const { db } = ctx;
  const deleteFts = db.prepare('DELETE FROM customer_fts WHERE rowid = ?');
  const insertFts = db.prepare('INSERT INTO customer_fts (rowid, name, pinyin, initials, phones, address) VALUES (?, ?, ?, ?, ?, ?)');
  const deleteGrams = db.prepare('DELETE FROM customer_grams WHERE customer_id = ?');
  const insertGram = db.prepare('INSERT INTO customer_grams (gram, rank, sort_key, customer_id) VALUES (?, ?, ?, ?)');

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
  const ftsStage = (columns: string, rankBy?: string) =>
    db.prepare<{ match: string; q: string; includeArchived: number; limit: number }, SummaryRow>(
      `SELECT ${summaryColumns} FROM customer_fts f JOIN customers c ON c.id = f.rowid
       WHERE customer_fts MATCH '{${columns}} : ' || :match AND ${archivedFilter}
       ORDER BY ${rankBy ? `${rankBy}, ` : ''}c.sort_key, c.id LIMIT :limit`,
    );
  const byName = ftsStage('name', `CASE WHEN lower(c.name) = :q THEN 0 WHEN lower(c.name) LIKE :q || '%' THEN 1 ELSE 2 END`);
  const byPinyin = ftsStage('pinyin initials', `CASE WHEN c.sort_key LIKE :q || '%' THEN 0 ELSE 1 END`);
  // Phones ending in the digits first: people give the last four.
  const byPhone = ftsStage(
    'phones',
    `CASE WHEN EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id AND substr(p.phone, -length(:q)) = :q) THEN 0 ELSE 1 END`,
  );
  const byAddress = ftsStage('address');
  const byArea = db.prepare<{ q: string; includeArchived: number; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM customers c WHERE c.area = :q AND ${archivedFilter} ORDER BY c.sort_key, c.id LIMIT :limit`,
  );
  const stagesFor = {
    text: [byName, byArea, byAddress],
    latin: [byPinyin, byName, byAddress],
    digits: [byPhone, byAddress],
  } as const;

  function longQuery(kind: keyof typeof stagesFor, text: string, includeArchived: number, limit: number): SummaryRow[] {
    const found = new Map<number, SummaryRow>();
    for (const stage of stagesFor[kind]) {
      const remaining = limit - found.size;
      if (remaining <= 0) break;
      for (const row of stage.all({ match: ftsPhrase(text), q: text, includeArchived, limit: remaining })) {
        if (!found.has(row.id)) found.set(row.id, row);
      }
    }
    return [...found.values()];
  }

  function writeFts(customer: IndexableCustomer, keys: SearchKeys): void {
    const place = [customer.address, customer.area].filter(Boolean).join(' ');
    insertFts.run(customer.id, customer.name, keys.pinyin.join(' '), keys.initials.join(' '), customer.phones.join(' '), place);
  }

  function writeGrams(id: number, keys: SearchKeys): void {
    for (const { gram, rank } of keys.grams) insertGram.run(gram, rank, keys.sortKey, id);
  }

  /** Replaces a customer's rows in both indexes (an edit, a reindex); returns the sort key. */
  function index(customer: IndexableCustomer, keys: SearchKeys = buildSearchKeys(customer)): string {
    deleteFts.run(customer.id);
    writeFts(customer, keys);
    deleteGrams.run(customer.id);
    writeGrams(customer.id, keys);
    return keys.sortKey;
  }

  /**
   * Index rows for customers just inserted, one table at a time so each b-tree's pages stay in cache.
   * Nothing to delete first: a delete makes FTS5 flush its pending terms (10x slower in bulk).
   * Grams go in customer order, not in primary-key order: new ids append to customer_grams_by_customer,
   * while key order appends to the primary key but scatters that index, and measured slower
   * (3.8 s against 3.2 s of SQLite time for 750k grams, sorting not counted).
   */
  function indexNew(customers: readonly (IndexableCustomer & { keys: SearchKeys })[]): void {
    for (const customer of customers) writeFts(customer, customer.keys);
    for (const customer of customers) writeGrams(customer.id, customer.keys);
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

  return { index, indexNew, search };
}
export type CustomerSearch = ReturnType<typeof createCustomerSearch>;
