/**
 * Importing customers (and optionally one sale per row) from a .csv or .xlsx file.
 * preview: read the file, guess the columns (or take the user's mapping), validate every row with the
 * contract's customerDraftSchema, find duplicates by phone (in the book and within the file).
 * apply: the same checks again on a fresh read (or the preview's, when the file and everything the checks
 * read are unchanged), then every row in one transaction, or nothing.
 * Reading and checking the file, and (for the apply) the names' search keys, are a job on the job
 * thread (importJob.ts); this thread reads the book for the duplicates, and writes.
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
  type ImportResult,
  type ImportRowChoice,
  type MergeDifference,
  type MergeField,
} from '../../../../shared/contract.ts';
import { mergeDifferences, mergeDraft } from '../../../../shared/domain/importRows.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { CreditService } from '../credit/credit.ts';
import { createPreviewCache } from './importPreviewCache.ts';
import { keysOfNames, unpackAnalysis, type Analysis, type ImportKeys, type ImportProduct, type Prepared } from './importJob.ts';
import { runJobInWorker, type WorkerJobOptions } from '../../jobs/jobWorker.ts';
import { withoutForeignKeyChecks } from '../../db/foreignKeys.ts';
import { packedSearchKeysByName, type PackedSearchKeys } from '../../../../shared/domain/packedSearchKeys.ts';
import { fromColumns } from '../../jobs/columns.ts';

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

export function createImportService(ctx: BackendContext, deps: Deps, jobOptions: WorkerJobOptions = {}) {
  const { db } = ctx;
  // Only the file's phones, looked up in the phone index in one query: 200 rows into a book of 100k
  // customers read 200 index entries (under 1 ms) where reading every phone of the book took 330 ms.
  const ownersOfPhones = db.prepare<[string], { phone: string; id: number; name: string }>(
    `SELECT p.phone, c.id, c.name FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.phone IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
  );
  const allProducts = db.prepare<[], ImportProduct>('SELECT id, name, price_fen FROM products ORDER BY archived_at IS NOT NULL, id');
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

  // The last preview's analysis, for the apply that follows it.
  const previews = createPreviewCache<Analysis>();

  /**
   * The file read and checked on the job thread (importJob.ts), or the kept preview's analysis when
   * the file and what the checks read of the book are unchanged (`reuse`); with the search keys of its
   * rows' names for an apply (`keys`).
   */
  async function analysed(
    file: string,
    mapping: ImportMapping | undefined,
    { reuse, keys }: { reuse: boolean; keys: boolean },
    report: (p: number) => void = () => {},
  ): Promise<{ key: string; analysis: Analysis; keys: ImportKeys | null }> {
    const kept = reuse ? previews.peek() : undefined;
    const input = {
      file,
      mapping,
      products: allProducts.all(),
      today: ctx.today(),
      kept: kept?.key ?? null,
      keys,
      keptNames: kept && kept.value.preview.problemsTotal === 0 ? kept.value.prepared.map((row) => row.draft.name) : undefined,
    };
    const read = await runJobInWorker('readImport', input, report, jobOptions);
    const analysis = read.analysis ? await unpackAnalysis(read.analysis) : previews.take(read.key);
    // Kept when the job began, replaced by another preview since (the keys were of its names): read again.
    if (!analysis || (read.analysis === null && analysis !== kept?.value)) return analysed(file, mapping, { reuse: false, keys }, report);
    return { key: read.key, analysis, keys: read.keys };
  }

  async function preview(file: string, mapping?: ImportMapping): Promise<ImportPreview> {
    previews.clear();
    const { key, analysis } = await analysed(file, mapping, { reuse: false, keys: false });
    previews.keep(key, analysis);
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
    const listed = merges.slice(0, IMPORT_LISTED);
    const last = listed.length === 0 ? -1 : steps.indexOf(listed[listed.length - 1]!);
    const { differences } = foldMerges(
      steps.filter((step) => !step.merge),
      steps.slice(0, last + 1),
    );
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

  /**
   * The search keys the job computed for the file's names (the book's names, of customers merged into,
   * are keyed here), and the new customers' grams in the order it put them: the rows created under
   * their own row's name (a later row of the file may rename one).
   */
  function keysFor(analysis: Analysis, keys: ImportKeys, creates: readonly Step[], drafts: ReadonlyMap<CustomerRef, CustomerDraft>) {
    const byName = fromColumns<PackedSearchKeys>(keys.byName);
    const known = new Map(analysis.prepared.map((row, at) => [row.draft.name, byName[at]!]));
    const here = packedSearchKeysByName();
    const entry = new Map(analysis.prepared.map((row, at) => [row, at]));
    const batchIndex = new Int32Array(analysis.prepared.length).fill(-1);
    creates.forEach((c, position) => {
      if (drafts.get(c.ref)!.name === c.row.draft.name) batchIndex[entry.get(c.row)!] = position;
    });
    return { keysOf: (name: string) => known.get(name) ?? here(name), grams: { rows: keys.grams, batchIndex } };
  }

  const write = db.transaction((analysis: Analysis, keys: ImportKeys, duplicates: DuplicateChoice): Omit<ImportResult, 'ms'> => {
    const { creates, steps, skipped } = plan(analysis.prepared, duplicates);
    const { drafts, books } = foldMerges(creates, steps);
    const { keysOf, grams } = keysFor(analysis, keys, creates, drafts);
    // The book's customers first: their search rows have lower ids than the new ones, and FTS5 writes
    // in ascending rowids without flushing.
    const rewrites = [...books].map(([ref, before]) => ({ id: ref.id, before, after: drafts.get(ref)! }));
    deps.customers.rewriteMany(rewrites, keysOf);
    const ids = deps.customers.createMany(
      creates.map((c) => drafts.get(c.ref)!),
      { keysOf, grams },
    );
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
  const writeWithoutKeyChecks = (analysis: Analysis, keys: ImportKeys, duplicates: DuplicateChoice) =>
    withoutForeignKeyChecks(db, () => write(analysis, keys, duplicates));

  async function apply(file: string, mapping: ImportMapping, duplicates: DuplicateChoice, report: (p: number) => void = () => {}): Promise<ImportResult> {
    const started = performance.now();
    const { analysis, keys } = await analysed(file, mapping, { reuse: true, keys: true }, (p) => report(p * 0.3));
    const { problems, problemsTotal, totalRows } = analysis.preview;
    if (problemsTotal > 0) {
      throw new AppError('IMPORT_INVALID_ROWS', `${problemsTotal} problems in ${file}; nothing was imported`, {
        details: { problems, problemsTotal, totalRows },
      });
    }
    report(0.3);
    // The job keys the rows of a file without problems: else computed here (never seen).
    const result = writeWithoutKeyChecks(analysis, keys ?? keysOfNames(analysis.prepared.map((row) => row.draft.name)), duplicates);
    return { ...result, ms: Math.round(performance.now() - started) };
  }

  /** Drops the kept preview (the book is closing). */
  const discardPreview = () => previews.clear();

  return { preview, apply, discardPreview };
}
export type ImportService = ReturnType<typeof createImportService>;
