/** Keeps the two search indexes in step with customers, and answers queries from them. */
import type { CustomerSummary } from '../../../shared/contract.ts';
import { buildSearchKeys, ftsPhrase, normalizeQuery } from '../../../shared/domain/searchKeys.ts';
import type { BackendContext } from '../context.ts';

export interface IndexableCustomer {
  id: number;
  name: string;
  phones: string[];
  address: string;
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
  const byTrigram = db.prepare<{ phrase: string; q: string; includeArchived: number; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM customer_fts f JOIN customers c ON c.id = f.rowid
     WHERE customer_fts MATCH :phrase AND ${archivedFilter}
     ORDER BY CASE
       WHEN lower(f.name) = :q THEN 0
       WHEN lower(f.name) LIKE :q || '%' THEN 1
       WHEN ' ' || f.initials LIKE '% ' || :q || '%' OR ' ' || f.pinyin LIKE '% ' || :q || '%' THEN 2
       WHEN instr(lower(f.name), :q) > 0 THEN 3
       WHEN instr(f.phones, :q) > 0 THEN 4
       ELSE 5 END, c.sort_key, c.id
     LIMIT :limit`,
  );

  function index(customer: IndexableCustomer): string {
    const keys = buildSearchKeys(customer);
    deleteFts.run(customer.id);
    insertFts.run(customer.id, customer.name, keys.pinyin.join(' '), keys.initials.join(' '), customer.phones.join(' '), customer.address);
    deleteGrams.run(customer.id);
    for (const { gram, rank } of keys.grams) insertGram.run(gram, rank, keys.sortKey, customer.id);
    return keys.sortKey;
  }

  function search(query: string, includeArchived: boolean, limit: number): { items: CustomerSummary[]; more: boolean } {
    const q = normalizeQuery(query);
    const params = { includeArchived: includeArchived ? 1 : 0, limit: limit + 1 };
    let rows: SummaryRow[];
    if (q.kind === 'empty') rows = listAll.all(params);
    else if (q.length < 3) rows = byGram.all({ ...params, gram: q.text });
    else rows = byTrigram.all({ ...params, phrase: ftsPhrase(q.text), q: q.text });
    return { items: rows.slice(0, limit).map(toSummary), more: rows.length > limit };
  }

  return { index, search };
}
export type CustomerSearch = ReturnType<typeof createCustomerSearch>;
