import type { Contact, Customer, CustomerDraft, PhoneMatch } from '../../../../shared/contract.ts';
import type { Payday } from '../../../../shared/domain/household.ts';
import { phoneDigits } from '../../../../shared/domain/phone.ts';
import { packedSearchKeysByName, type PackedSearchKeys } from '../../../../shared/domain/packedSearchKeys.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import { createCustomerSearch, type SortedGrams } from './customerSearch.ts';
import { batchInsert } from '../../db/batchInsert.ts';
import { withIndexesBuiltAfter } from '../../db/indexes.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { CreditService } from '../credit/credit.ts';
import type { ContactLog } from './contactLog.ts';
import type { AreaHandlers } from '../../dispatch.ts';

interface CustomerRow {
  id: number;
  name: string;
  address: string;
  area: string;
  adults: number;
  children: number;
  seniors: number;
  payday: number | null;
  tags: string;
  notes: string;
  credit_limit_fen: number | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What the search indexes are made from. */
type IndexedFields = Pick<CustomerDraft, 'name' | 'phones' | 'address' | 'area'>;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

const MONTH_END = 0;

function paydayToColumn(payday: Payday): number | null {
  return payday === 'end' ? MONTH_END : payday;
}

function paydayFromColumn(value: number | null): Payday {
  return value === MONTH_END ? 'end' : value;
}

/** The columns a draft sets, in the order draftValues gives them. */
const draftColumns = ['name', 'address', 'area', 'adults', 'children', 'seniors', 'payday', 'tags', 'notes', 'credit_limit_fen'] as const;

function draftValues(draft: CustomerDraft): (string | number | null)[] {
  return [
    draft.name,
    draft.address,
    draft.area,
    draft.adults,
    draft.children,
    draft.seniors,
    paydayToColumn(draft.payday),
    JSON.stringify(draft.tags),
    draft.notes,
    draft.creditLimitFen,
  ];
}

export function createCustomersService(ctx: BackendContext, deps: { forecasts: ForecastsService; credit: CreditService; contacts: ContactLog }) {
  const { db } = ctx;
  const search = createCustomerSearch(ctx);

  const selectById = db.prepare<[number], CustomerRow>('SELECT * FROM customers WHERE id = ?');
  const selectPhones = db.prepare<[number], { phone: string }>('SELECT phone FROM customer_phones WHERE customer_id = ? ORDER BY position');
  // Positional parameters, in the order of draftColumns / draftValues: binding an object by name costs
  // measurably more per row, and an import writes 100k rows. New rows go a hundred a statement, with
  // the ids given: the ones SQLite would pick (one above the largest), known before the rows are
  // written. 100k customers and their phones: 1.0 s -> 0.9 s of CPU, phones alone 0.34 -> 0.17 s.
  const insertCustomers = batchInsert(db, 'customers', ['id', ...draftColumns, 'sort_key', 'created_at', 'updated_at']);
  const largestId = db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM customers');
  const insertPhoneRows = batchInsert(db, 'customer_phones', ['customer_id', 'position', 'phone']);
  const updateCustomer = db.prepare(`UPDATE customers SET ${draftColumns.map((c) => `${c} = ?`).join(', ')}, sort_key = ?, updated_at = ? WHERE id = ?`);
  const setSortKey = db.prepare('UPDATE customers SET sort_key = ? WHERE id = ?');
  const setArchived = db.prepare('UPDATE customers SET archived_at = ?, updated_at = ? WHERE id = ?');
  const deletePhones = db.prepare('DELETE FROM customer_phones WHERE customer_id = ?');
  const selectByPhone = db.prepare<[string], { id: number; name: string; phone: string; archived: number }>(
    `SELECT c.id, c.name, p.phone, c.archived_at IS NOT NULL AS archived
     FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.phone = ? ORDER BY c.id`,
  );

  const selectExists = db.prepare<[number], { id: number }>('SELECT id FROM customers WHERE id = ?');
  const notFound = (id: number) => new AppError('NOT_FOUND', `customer ${id} not found`, { details: { entity: 'customer', id } });

  /** For writes that only need the customer to exist (a sale on the hot path): no row to build, no phones. */
  function requireExists(id: number): void {
    if (!selectExists.get(id)) throw notFound(id);
  }

  function get(id: number): Customer {
    const row = selectById.get(id);
    if (!row) throw notFound(id);
    return {
      id: row.id,
      name: row.name,
      phones: selectPhones.all(id).map((p) => p.phone),
      address: row.address,
      area: row.area,
      adults: row.adults,
      children: row.children,
      seniors: row.seniors,
      payday: paydayFromColumn(row.payday),
      tags: JSON.parse(row.tags) as string[],
      notes: row.notes,
      creditLimitFen: row.credit_limit_fen,
      archivedAt: row.archived_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Customers already holding any of these phones (normalised first), except `excludeId`. */
  function findByPhone(phones: string[], excludeId?: number): PhoneMatch[] {
    const digits = [...new Set(phones.map(phoneDigits).filter((d) => d.length >= 5))];
    const matches = digits.flatMap((d) => selectByPhone.all(d));
    const seen = new Set<number>();
    return matches.filter((m) => m.id !== excludeId && !seen.has(m.id) && seen.add(m.id)).map((m) => ({ ...m, archived: m.archived === 1 }));
  }

  function refuseDuplicatePhones(draft: CustomerDraft, allowDuplicatePhone: boolean, excludeId?: number) {
    if (allowDuplicatePhone) return;
    const existing = findByPhone(draft.phones, excludeId);
    if (existing.length > 0) {
      throw new AppError('DUPLICATE_PHONE', `phone already belongs to ${existing.map((e) => e.name).join(', ')}`, {
        details: { existing },
      });
    }
  }

  const indexable = (id: number, draft: IndexedFields) => ({ id, name: draft.name, phones: draft.phones, address: draft.address, area: draft.area });

  const countCustomers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
  /**
   * A batch that at least doubles the book (an import into a new shop) is written with the customers'
   * and phones' indexes built after it in one sorted pass: 100k customers into an empty book, 0.5 s less.
   * Below a thousand rows the difference is nothing, and a single create does not count the book.
   */
  const doublesTheBook = (rows: number) => rows >= 1000 && rows >= countCustomers.get()!.n;

  /**
   * Inserts customers in the caller's transaction and returns their ids, in order. One table at a time
   * (customers, phones, then the search indexes), with the sort key known before the row is written:
   * an import of 100k customers is this function. No savepoint per customer, because FTS5 flushes its
   * pending index at every savepoint, which made 100k customers ten times slower.
   * Phones are not checked for duplicates: the caller has decided about them.
   * `options.keysOf`: the search keys by name, when computed ahead (an import's job thread);
   * `options.grams`: the grams already in key order (the same).
   */
  function createMany(drafts: readonly CustomerDraft[], options: { keysOf?: (name: string) => PackedSearchKeys; grams?: SortedGrams } = {}): number[] {
    if (!db.inTransaction) throw new Error('createMany must run inside a transaction');
    const now = isoNow(ctx);
    const keysOf = options.keysOf ?? packedSearchKeysByName();
    // Every key first, then every row: pinyin's dictionaries and SQLite's pages do not take turns in
    // the CPU caches (apply of 100k rows: about 1 s less than computing each key beside its insert).
    const firstId = largestId.get()!.id + 1;
    const created = drafts.map((draft, i) => ({ ...indexable(firstId + i, draft), keys: keysOf(draft.name) }));
    withIndexesBuiltAfter(db, ['customers', 'customer_phones'], doublesTheBook(drafts.length), () => {
      drafts.forEach((draft, i) => insertCustomers.add(firstId + i, ...draftValues(draft), created[i]!.keys.sortKey, now, now));
      insertCustomers.flush();
      for (const { id, phones } of created) phones.forEach((phone, position) => insertPhoneRows.add(id, position, phone));
      insertPhoneRows.flush();
    });
    search.indexNew(created, options.grams);
    return created.map((c) => c.id);
  }

  const create = db.transaction((draft: CustomerDraft, allowDuplicatePhone: boolean): Customer => {
    refuseDuplicatePhones(draft, allowDuplicatePhone);
    return get(createMany([draft])[0]!);
  });

  /**
   * Writes new drafts over customers of the book in the caller's transaction, without a savepoint each
   * (an import's merges are this function: FTS5 flushes at every savepoint). `before` is what is
   * stored now: phones and search rows are rewritten only where they change. Derived data
   * (forecasts, balances) is the caller's to refresh, once. `keysByName`: the keys an import computed
   * ahead for its file's names (the names the customers take).
   */
  function rewriteMany(changes: readonly { id: number; before: IndexedFields; after: CustomerDraft }[], keysByName?: (name: string) => PackedSearchKeys): void {
    if (!db.inTransaction) throw new Error('rewriteMany must run inside a transaction');
    const now = isoNow(ctx);
    const keysOf = keysByName ?? packedSearchKeysByName();
    const indexed = changes.map(({ id, before, after }) => {
      const afterKeys = keysOf(after.name);
      updateCustomer.run(...draftValues(after), afterKeys.sortKey, now, id);
      return { before: indexable(id, before), after: indexable(id, after), beforeKeys: keysOf(before.name), afterKeys };
    });
    // Phones where they changed: every old list out, then the new ones a hundred rows a statement.
    const newPhones = changes.filter(({ before, after }) => !sameList(before.phones, after.phones));
    for (const { id } of newPhones) deletePhones.run(id);
    for (const { id, after } of newPhones) after.phones.forEach((phone, position) => insertPhoneRows.add(id, position, phone));
    insertPhoneRows.flush();
    search.reindex(indexed);
  }

  const update = db.transaction((id: number, draft: CustomerDraft, allowDuplicatePhone: boolean): Customer => {
    const before = get(id);
    refuseDuplicatePhones(draft, allowDuplicatePhone, id);
    rewriteMany([{ id, before, after: draft }]);
    // A household edit (a baby, a lodger) changes the prior: re-forecast in the same transaction.
    deps.forecasts.refreshCustomers([id]);
    // ...and a new payday moves when the debt is collected.
    deps.credit.refreshBalance(id);
    return get(id);
  });

  const archive = db.transaction((id: number): Customer => {
    const customer = get(id);
    if (customer.archivedAt) return customer;
    const now = isoNow(ctx);
    setArchived.run(now, now, id);
    return get(id);
  });

  const restore = db.transaction((id: number): Customer => {
    get(id);
    setArchived.run(null, isoNow(ctx), id);
    return get(id);
  });

  const selectAllForIndex = db.prepare<[], { id: number; name: string; address: string; area: string }>(
    'SELECT id, name, address, area FROM customers ORDER BY id',
  );
  /**
   * Rebuilds both search indexes, e.g. after the search keys' rules changed (SEARCH_KEYS_VERSION): the
   * stored grams were made by other rules, so they are all removed rather than computed again to be deleted.
   */
  const reindexAll = db.transaction((): number => {
    const keysOf = packedSearchKeysByName();
    // Every book's phones in one read (this runs at the first start after the rules change).
    const phonesOf = search.phonesByCustomer();
    const rows = selectAllForIndex.all().map((row) => ({ ...row, phones: phonesOf.get(row.id) ?? [], keys: keysOf(row.name) }));
    search.reindexEveryone(rows);
    for (const row of rows) setSortKey.run(row.keys.sortKey, row.id);
    return rows.length;
  });

  /** The household's contact history (calls, collection calls), newest first. */
  function contacts(customerId: number, limit: number): Contact[] {
    requireExists(customerId);
    return deps.contacts.listForCustomer(customerId, limit);
  }

  return {
    get,
    requireExists,
    contacts,
    findByPhone,
    reindexAll,
    create,
    createMany,
    update,
    rewriteMany,
    archive,
    restore,
    search: search.search,
    searchEntries: search.entries,
  };
}
export type CustomersService = ReturnType<typeof createCustomersService>;

export function customersHandlers({ customers }: { customers: CustomersService }): AreaHandlers<'customers'> {
  return {
    'customers.search': ({ query, includeArchived, limit }) => customers.search(query, includeArchived, limit),
    'customers.searchIndex': () => ({ entries: customers.searchEntries() }),
    'customers.get': ({ id }) => customers.get(id),
    'customers.findByPhone': ({ phones, excludeId }) => customers.findByPhone(phones, excludeId),
    'customers.create': ({ draft, allowDuplicatePhone }) => customers.create(draft, allowDuplicatePhone),
    'customers.update': ({ id, draft, allowDuplicatePhone }) => customers.update(id, draft, allowDuplicatePhone),
    'customers.archive': ({ id }) => customers.archive(id),
    'customers.restore': ({ id }) => customers.restore(id),
    'customers.contacts': ({ customerId, limit }) => customers.contacts(customerId, limit),
  };
}
