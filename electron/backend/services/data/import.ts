/**
 * Importing customers (and optionally one sale per row) from a .csv or .xlsx file.
 * preview: read the file, guess the columns (or take the user's mapping), validate every row with the
 * contract's customerDraftSchema, find duplicates by phone (in the book and within the file).
 * apply: the same checks again on a fresh read (or the preview's, when the file and everything the checks
 * read are unchanged), then every row in one transaction, or nothing.
 * A big file (IMPORT_THREADS_FROM rows) has its search keys computed on worker threads from the moment
 * it is read, and its new customers' grams written by a worker during the write (importThreads.ts).
 */
import {
  customerDraftSchema,
  IMPORT_LISTED,
  mergeFields,
  type CustomerDraft,
  type ImportDuplicate,
  type ImportDuplicateAction,
  type ImportMapping,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
  type ImportRowChoice,
  type MergeDifference,
  type MergeField,
} from '../../../../shared/contract.ts';
import { guessMapping, hasSaleColumns, isBlankRow, isTotalRow, mergeDifferences, mergeDraft, parseRow, problemValue, rowPhoneKeys, type ImportSale } from '../../../../shared/domain/importRows.ts';
import { lineAmountFen, MAX_FEN } from '../../../../shared/domain/money.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import { issuesOf } from '../../dispatch.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { CreditService } from '../credit/credit.ts';
import { parseTable, readImportBytes, type ReadTable } from './importFile.ts';
import { analysisKey, createPreviewCache } from './importPreviewCache.ts';
import { IMPORT_THREADS_FROM, keysAhead, withGramsOffThread, type GramsOffThread, type ImportThreadOptions, type KeysAhead } from '../importThreads.ts';
import { withoutForeignKeyChecks } from '../../db/foreignKeys.ts';
import type { PackedSearchKeys } from '../../../../shared/domain/packedSearchKeys.ts';

export const PREVIEW_ROWS = 20;
export const LISTED_PROBLEMS = IMPORT_LISTED;
/** Problem values are cut here: a cell may hold a whole paragraph. */
const VALUE_CHARS = 60;

interface Prepared {
  line: number;
  draft: CustomerDraft;
  given: Set<string>;
  sale: (ImportSale & { productId: number; unitPriceFen: number }) | null;
  phones: string[];
}

export interface Analysis {
  /** Without the duplicates: apply finds them itself as it plans (one lookup of the book's phones). */
  preview: Omit<ImportPreview, 'file' | 'duplicates' | 'duplicatesTotal'>;
  prepared: Prepared[];
  problems: ImportProblem[];
  /** The search keys of the file's names, being computed on worker threads (a big file); else null. */
  keys: KeysAhead | null;
}

/** A customer a row goes to: one of the book's (named), or one this import creates (its id known once inserted). */
interface CustomerRef {
  id: number;
  name?: string;
}

/** What the shopkeeper chose for the rows whose phone is taken: for all of them, and row by row. */
export interface DuplicateChoice {
  duplicates: ImportDuplicateAction;
  differing: 'book' | 'file';
  choices: readonly ImportRowChoice[];
}

/** One row's part in the write: a household created, or a merge into one (taking `fromFile` where they differ). */
interface Step {
  row: Prepared;
  ref: CustomerRef;
  merge: boolean;
  fromFile: ReadonlySet<MergeField>;
  /** A duplicate's: the phone that is taken, and the earlier line of the file that took it (null: the book has it). */
  taken: { phone: string; line: number | null } | null;
}

const ALL_FIELDS: ReadonlySet<MergeField> = new Set(mergeFields);
const NO_FIELDS: ReadonlySet<MergeField> = new Set();

interface Deps {
  customers: CustomersService;
  forecasts: ForecastsService;
  credit: CreditService;
}

export function createImportService(ctx: BackendContext, deps: Deps) {
  const { db } = ctx;
  // Only the file's phones, looked up in the phone index in one query: 200 rows into a book of 100k
  // customers read 200 index entries (under 1 ms) where reading every phone of the book took 330 ms.
  const ownersOfPhones = db.prepare<[string], { phone: string; id: number; name: string }>(
    `SELECT p.phone, c.id, c.name FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.phone IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
  );
  const allProducts = db.prepare<[], { id: number; name: string; price_fen: number; archived_at: string | null }>('SELECT id, name, price_fen, archived_at FROM products ORDER BY archived_at IS NOT NULL, id');
  const insertSale = db.prepare(
    `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  /**
   * The book's customer holding each of these rows' phones (the first one, when several do). One object
   * per customer, whichever phone led to it: merges are folded per object, so two rows reaching the
   * same customer through two of its phones must meet on the same one (else the second overwrote the first).
   */
  function phoneOwners(rows: readonly Prepared[]): Map<string, { id: number; name: string }> {
    const phones = [...new Set(rows.flatMap((row) => row.phones))];
    const owners = new Map<string, { id: number; name: string }>();
    const byId = new Map<number, { id: number; name: string }>();
    for (const row of ownersOfPhones.iterate(JSON.stringify(phones))) {
      if (owners.has(row.phone)) continue;
      let owner = byId.get(row.id);
      if (!owner) byId.set(row.id, (owner = { id: row.id, name: row.name }));
      owners.set(row.phone, owner);
    }
    return owners;
  }

  /** What the analysis read of the book besides the file: the products, when the rows carry sales. */
  const productsRead = (mapping: ImportMapping) => (hasSaleColumns(mapping) ? JSON.stringify(allProducts.all()) : '');
  // A preview given up (replaced, or the file changed) stops its key workers.
  const previews = createPreviewCache<Analysis>((analysis) => analysis.keys?.cancel());

  function productsByName(): Map<string, { id: number; priceFen: number }> {
    const byName = new Map<string, { id: number; priceFen: number }>();
    for (const p of allProducts.all()) {
      const key = p.name.trim().toLowerCase();
      if (!byName.has(key)) byName.set(key, { id: p.id, priceFen: p.price_fen });
    }
    return byName;
  }

  /**
   * Every check, on rows already read; nothing is written. A big file's search keys are started on
   * worker threads first, from the name cells as read (trimmed, as the draft's name is), so that they
   * are computed while the rows are validated here.
   */
  function analyse(table: ReadTable, chosen: ImportMapping | undefined, threads: ImportThreadOptions = {}): Analysis {
    const headers = (table.rows[0] ?? []).map((h) => h.trim());
    const mapping = chosen ?? guessMapping(headers);
    if (mapping.name === undefined) {
      throw new AppError('IMPORT_NO_NAME_COLUMN', 'no column is mapped to the name', { details: { headers } });
    }
    const nameColumn = mapping.name;
    const keys = table.rows.length - 1 >= (threads.threadsFrom ?? IMPORT_THREADS_FROM)
      ? keysAhead([...new Set(table.rows.slice(1).map((row) => (row[nameColumn] ?? '').trim()))].filter(Boolean), threads)
      : null;
    const products = hasSaleColumns(mapping) ? productsByName() : new Map<string, { id: number; priceFen: number }>();
    const problems: ImportProblem[] = [];
    const prepared: Prepared[] = [];
    const totalLines: number[] = [];
    let totalRows = 0;
    const today = ctx.today();
    for (let index = 1; index < table.rows.length; index++) {
      const row = table.rows[index]!;
      if (isBlankRow(row)) continue;
      const line = index + 1;
      // The 合计 line of sums: said in the preview, never a customer.
      if (isTotalRow(row, mapping)) {
        totalLines.push(line);
        continue;
      }
      totalRows++;
      const parsed = parseRow(row, mapping, today);
      const name = parsed.draft.name.slice(0, VALUE_CHARS);
      const problemOf = (field: string, issue: string, value: string): ImportProblem => ({ line, name, field, value: value.slice(0, VALUE_CHARS), issue });
      const rowProblems: ImportProblem[] = parsed.problems.map((p) => problemOf(p.field, p.issue, p.value));
      const checked = customerDraftSchema.safeParse(parsed.draft);
      if (!checked.success) {
        const alreadySaid = new Set(parsed.problems.map((p) => (['people', 'children', 'seniors'].includes(p.field) ? 'adults' : p.field)));
        for (const issue of issuesOf(checked.error)) {
          if (alreadySaid.has(String(issue.path[0] ?? ''))) continue; // "两个" is not a number: no need to add "household empty"
          const problem = problemOf(String(issue.path[0] ?? ''), issue.issue, problemValue(row, mapping, parsed.draft, issue.path));
          if (issue.limit !== undefined) problem.limit = issue.limit;
          rowProblems.push(problem);
        }
      }
      let sale: Prepared['sale'] = null;
      if (parsed.sale) {
        const product = products.get(parsed.sale.productName.trim().toLowerCase());
        if (!product && parsed.sale.productName !== '') rowProblems.push(problemOf('product', 'product_unknown', parsed.sale.productName));
        if (product) {
          sale = { ...parsed.sale, productId: product.id, unitPriceFen: product.priceFen };
          const amountFen = sale.amountFen ?? lineAmountFen(sale.quantity, sale.unitPriceFen);
          if (amountFen > MAX_FEN) rowProblems.push(problemOf(sale.amountFen === null ? 'quantity' : 'amount', 'amount_too_big', String(sale.amountFen === null ? sale.quantity : amountFen / 100)));
        }
      }
      if (rowProblems.length > 0 || !checked.success) {
        problems.push(...rowProblems);
        continue;
      }
      prepared.push({ line, draft: checked.data, given: parsed.given, sale, phones: rowPhoneKeys(checked.data) });
    }
    const preview: Analysis['preview'] = {
      format: table.format,
      encoding: table.encoding,
      sheet: table.sheet,
      headers,
      mapping,
      rows: table.rows.slice(1, 1 + PREVIEW_ROWS),
      totalRows,
      validRows: prepared.length,
      problems: problems.slice(0, LISTED_PROBLEMS),
      problemsTotal: problems.length,
      totalLines: totalLines.slice(0, LISTED_PROBLEMS),
      hasSales: hasSaleColumns(mapping),
    };
    return { preview, prepared, problems, keys };
  }

  async function preview(file: string, mapping?: ImportMapping, threads: ImportThreadOptions = {}): Promise<ImportPreview> {
    previews.clear();
    const bytes = readImportBytes(file);
    const analysis = analyse(await parseTable(file, bytes), mapping, threads);
    previews.keep(analysisKey(file, bytes, analysis.preview.mapping, productsRead(analysis.preview.mapping)), analysis);
    const { preview: checked, prepared } = analysis;
    const { duplicates, duplicatesTotal } = duplicatesOf(prepared);
    return { file, ...checked, duplicates, duplicatesTotal };
  }

  /**
   * Rows whose phone is already in the book, or on an earlier row of the file, each with the fields that
   * differ from the household it would be merged into (as it stands after the merges before it, each
   * keeping the book's values). Only the listed ones are folded: the rows after them cannot change them.
   */
  function duplicatesOf(prepared: readonly Prepared[]): { duplicates: ImportDuplicate[]; duplicatesTotal: number } {
    const { steps } = plan(prepared, { duplicates: 'merge', differing: 'book', choices: [] });
    const merges = steps.filter((step) => step.taken !== null);
    const listed = merges.slice(0, LISTED_PROBLEMS);
    const last = listed.length === 0 ? -1 : steps.indexOf(listed[listed.length - 1]!);
    const { differences } = foldMerges(steps.filter((step) => !step.merge), steps.slice(0, last + 1));
    const duplicates = listed.map((step): ImportDuplicate => ({
      line: step.row.line,
      name: step.row.draft.name,
      phone: step.taken!.phone,
      existing: step.ref.name === undefined ? null : { id: step.ref.id, name: step.ref.name },
      sameAsLine: step.taken!.line,
      differences: differences.get(step) ?? [],
    }));
    return { duplicates, duplicatesTotal: merges.length };
  }

  function draftOf(id: number): CustomerDraft {
    const c = deps.customers.get(id);
    return {
      name: c.name,
      phones: c.phones,
      address: c.address,
      area: c.area,
      adults: c.adults,
      children: c.children,
      seniors: c.seniors,
      payday: c.payday,
      tags: c.tags,
      notes: c.notes,
      creditLimitFen: c.creditLimitFen,
    };
  }

  /**
   * Where each row goes, decided before anything is written so that every new customer can be inserted
   * in one batch: a row with no phone seen before creates; a row sharing a phone with the book or an
   * earlier row is skipped, merged into that customer, or kept as a customer of its own, as chosen for
   * it or for all. A phone leads where the first row having it went (or to the book's customer having
   * it). `ref.id` of a customer this import creates is filled in once the batch is inserted.
   */
  function plan(prepared: readonly Prepared[], choice: DuplicateChoice) {
    const owners = phoneOwners(prepared);
    const own = new Map(choice.choices.map((c) => [c.line, c]));
    /** phone -> the customer the file's first row with it went to, and that row's line. */
    const resolved = new Map<string, { ref: CustomerRef; line: number }>();
    const creates: Step[] = [];
    const steps: Step[] = [];
    let skipped = 0;
    for (const row of prepared) {
      let target: CustomerRef | undefined;
      let taken: Step['taken'] = null;
      for (const phone of row.phones) {
        const earlier = resolved.get(phone);
        target = earlier?.ref ?? owners.get(phone);
        if (target === undefined) continue;
        taken = { phone, line: earlier?.line ?? null };
        break;
      }
      const chosen = own.get(row.line);
      const action = target === undefined ? 'create' : (chosen?.duplicates ?? choice.duplicates);
      let ref = target;
      if (action === 'skip') skipped++;
      else if (action === 'merge') {
        const fromFile = chosen?.fromFile ? new Set(chosen.fromFile) : choice.differing === 'file' ? ALL_FIELDS : NO_FIELDS;
        steps.push({ row, ref: target!, merge: true, fromFile, taken });
      } else {
        ref = { id: 0 };
        const step: Step = { row, ref, merge: false, fromFile: NO_FIELDS, taken };
        creates.push(step);
        steps.push(step);
      }
      for (const phone of row.phones) if (!resolved.has(phone) && !owners.has(phone)) resolved.set(phone, { ref: ref!, line: row.line });
    }
    return { creates, steps, skipped };
  }

  /**
   * Each customer's draft once every merge of the file is applied, in file order. A customer this
   * import creates is created with its merges already in; a customer of the book is read once.
   * Each step is validated as it was when every merge was an update of its own.
   */
  function foldMerges(creates: readonly Step[], steps: readonly Step[]) {
    const drafts = new Map<CustomerRef, CustomerDraft>(creates.map((c) => [c.ref, c.row.draft]));
    /** Customers of the book merged into, first merge first, with what they were before. */
    const books = new Map<CustomerRef, CustomerDraft>();
    /** What each merge found different. */
    const differences = new Map<Step, MergeDifference[]>();
    for (const step of steps) {
      if (!step.merge) continue;
      const { row, ref, fromFile } = step;
      let current = drafts.get(ref);
      if (current === undefined) {
        current = draftOf(ref.id);
        books.set(ref, current);
      }
      differences.set(step, mergeDifferences(current, row.draft, row.given));
      drafts.set(ref, customerDraftSchema.parse(mergeDraft(current, row.draft, row.given, fromFile)));
    }
    return { drafts, books, differences };
  }

  /**
   * Forecasts read the household's people (the area is no input: the trigger customers_area_to_reminders
   * carries it to the reminders); a balance's collection day, the payday.
   */
  const householdChanged = (a: CustomerDraft, b: CustomerDraft) => a.adults !== b.adults || a.children !== b.children || a.seniors !== b.seniors;

  /** What a big import brings to the write: its names' keys, computed ahead, and a thread for its grams. */
  type Bulk = { keysOf?: (name: string) => PackedSearchKeys; grams?: GramsOffThread | null };

  const write = db.transaction((prepared: Prepared[], duplicates: DuplicateChoice, bulk: Bulk): Omit<ImportResult, 'ms'> => {
    const { creates, steps, skipped } = plan(prepared, duplicates);
    const { drafts, books } = foldMerges(creates, steps);
    // The book's customers first: their search rows have lower ids than the new ones, and FTS5 writes
    // in ascending rowids without flushing.
    const rewrites = [...books].map(([ref, before]) => ({ id: ref.id, before, after: drafts.get(ref)! }));
    deps.customers.rewriteMany(rewrites, bulk.keysOf);
    const ids = deps.customers.createMany(creates.map((c) => drafts.get(c.ref)!), bulk);
    creates.forEach((c, i) => (c.ref.id = ids[i]!));
    const now = isoNow(ctx);
    const sold = new Set<number>();
    const forecastAll = new Set<number>(rewrites.filter((r) => householdChanged(r.before, r.after)).map((r) => r.id));
    const balances = new Set<number>(rewrites.filter((r) => r.before.payday !== r.after.payday).map((r) => r.id));
    const mergedIds = new Set<number>();
    let sales = 0;
    // Sales in file order, once every customer exists: a row may sell to a customer an earlier row created.
    for (const { row, ref, merge } of steps) {
      const customerId = ref.id;
      if (merge) mergedIds.add(customerId);
      if (row.sale) {
        const amountFen = row.sale.amountFen ?? lineAmountFen(row.sale.quantity, row.sale.unitPriceFen);
        insertSale.run(customerId, row.sale.productId, row.sale.quantity, row.sale.unitPriceFen, amountFen, row.sale.paid ? 1 : 0, row.sale.date, now);
        sold.add(customerId);
        if (!row.sale.paid) balances.add(customerId);
        sales++;
      }
    }
    // Derived data once, after every write: the pairs of every household changed or sold to (those whose
    // inputs did not change are planned, not written).
    deps.forecasts.refreshCustomers([...forecastAll, ...sold]);
    for (const c of balances) deps.credit.refreshBalance(c);
    return { created: creates.length, merged: mergedIds.size, skipped, sales };
  });

  /**
   * The write with foreign-key checks off: every customer id it writes was inserted or read in its own
   * transaction, and every product id read from products, which nothing deletes from (archived only).
   * Checking each of 750k search grams and 100k phones against customers again cost 1.5 s of an
   * import of 100k customers. Inside a caller's transaction the pragma does nothing: the checks stay on.
   */
  function writeWithoutKeyChecks(prepared: Prepared[], duplicates: DuplicateChoice, bulk: Bulk): Omit<ImportResult, 'ms'> {
    // BEGIN IMMEDIATE would also lock the attached scratch file the grams' thread writes into (it
    // locks every attached database), so with that thread the write begins DEFERRED.
    return withoutForeignKeyChecks(db, () => (bulk.grams ? write.deferred(prepared, duplicates, bulk) : write(prepared, duplicates, bulk)));
  }

  async function apply(
    file: string,
    mapping: ImportMapping,
    duplicates: DuplicateChoice,
    report: (p: number) => void = () => {},
    threads: ImportThreadOptions = {},
  ): Promise<ImportResult> {
    const started = performance.now();
    const bytes = readImportBytes(file);
    const kept = previews.take(analysisKey(file, bytes, mapping, productsRead(mapping)));
    const { prepared, problems, preview: summary, keys } = kept ?? analyse(await parseTable(file, bytes), mapping, threads);
    try {
      if (problems.length > 0) {
        throw new AppError('IMPORT_INVALID_ROWS', `${problems.length} problems in ${file}; nothing was imported`, {
          details: { problems: problems.slice(0, LISTED_PROBLEMS), problemsTotal: problems.length, totalRows: summary.totalRows },
        });
      }
      const keysOf = await keys?.lookup();
      report(0.3);
      const manyRows = prepared.length >= (threads.threadsFrom ?? IMPORT_THREADS_FROM);
      const result = withGramsOffThread(db, manyRows, (grams) => writeWithoutKeyChecks(prepared, duplicates, { keysOf, grams }), threads);
      return { ...result, ms: Math.round(performance.now() - started) };
    } finally {
      keys?.cancel();
    }
  }

  /** Drops the kept preview, stopping its key workers (the book is closing). */
  const discardPreview = () => previews.clear();

  return { preview, apply, discardPreview };
}
export type ImportService = ReturnType<typeof createImportService>;
