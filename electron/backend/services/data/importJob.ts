/**
 * The 'readImport' job (jobThread.ts), on the job thread: everything of an import that does not need
 * the book. It reads and decodes the file and checks every row; for the apply (`keys`), it also computes
 * the search keys of the names and the order of their grams in the search table, so that the backend's
 * thread, which writes the rows in one transaction (import.ts), only plans the duplicates and writes.
 * The preview needs no keys: computing them there made a 50k-row preview ~1 s slower for nothing.
 * The rows go back as columns (jobs/columns.ts): as objects they cost the backend's thread ~0.5 s per 50k.
 * It reads nothing of the book: the products and today's date come with its input.
 */
import {
  customerDraftSchema,
  IMPORT_LISTED,
  type CustomerDraft,
  type ImportMapping,
  type ImportPreview,
  type ImportProblem,
} from '../../../../shared/contract.ts';
import {
  guessMapping,
  hasSaleColumns,
  isBlankRow,
  isTotalRow,
  parseRow,
  problemValue,
  rowPhoneKeys,
  type ImportSale,
} from '../../../../shared/domain/importRows.ts';
import { lineAmountFen, MAX_FEN } from '../../../../shared/domain/money.ts';
import { gramRowsInKeyOrder, packedSearchKeysByName, type GramRows, type PackedSearchKeys } from '../../../../shared/domain/packedSearchKeys.ts';
import { inChunks, rowReader, toColumns, type Columns } from '../../jobs/columns.ts';
import { AppError } from '../../../../shared/errors.ts';
import { issuesOf } from '../../dispatch.ts';
import { parseTable, readImportBytes, type ReadTable } from './importFile.ts';
import { analysisKey } from './importPreviewCache.ts';

export const PREVIEW_ROWS = 20;
/** Problem values are cut here: a cell may hold a whole paragraph. */
const VALUE_CHARS = 60;

export interface Prepared {
  line: number;
  draft: CustomerDraft;
  given: Set<string>;
  sale: (ImportSale & { productId: number; unitPriceFen: number }) | null;
  phones: string[];
}

export interface Analysis {
  /** Without the duplicates: they depend on the book, which the backend's thread reads. */
  preview: Omit<ImportPreview, 'file' | 'duplicates' | 'duplicatesTotal'>;
  /** The rows without problems (all of them are written only when no row has one). */
  prepared: Prepared[];
}

/** An Analysis as it crosses threads: its rows as columns, their drafts apart (the same field names). */
export interface PackedAnalysis {
  preview: Analysis['preview'];
  rows: Columns<Omit<Prepared, 'draft' | 'given'> & { given: string[] }>;
  drafts: Columns<CustomerDraft>;
}

/** The search keys of some names, as columns (row k: the k-th name's), and all their grams in key order (`at`: k). */
export interface ImportKeys {
  byName: Columns<PackedSearchKeys>;
  grams: GramRows;
}

export interface ImportProduct {
  id: number;
  name: string;
  price_fen: number;
}

export interface ReadImportInput {
  file: string;
  /** The user's mapping; none: guessed from the header row. */
  mapping?: ImportMapping;
  /** Every product of the book, the ones still sold first (a name's first product is the one a row sells). */
  products: ImportProduct[];
  today: string;
  /** The key of the analysis the backend keeps (the preview's): when the file still matches it, it is not read again. */
  kept?: string | null;
  /** The search keys wanted (an apply): of the rows' names, for a file whose rows have no problem. */
  keys?: boolean;
  /** The names of the kept analysis' rows, in order: keyed when it is the one (an apply after its preview). */
  keptNames?: string[];
}

/**
 * `key`: what the analysis depends on (importPreviewCache.ts); `analysis`: null when it is the kept one's;
 * `keys`: those of its rows' names (or of `keptNames`), when asked for and the rows have no problem.
 */
export interface ReadImportOutput {
  key: string;
  analysis: PackedAnalysis | null;
  keys: ImportKeys | null;
}

export function packAnalysis({ preview, prepared }: Analysis): PackedAnalysis {
  return {
    preview,
    rows: toColumns(prepared.map(({ draft: _draft, given, ...row }) => ({ ...row, given: [...given] }))),
    drafts: toColumns(prepared.map((row) => row.draft)),
  };
}

/** The rows rebuilt a few thousand at a time (the backend's thread answers between them). */
export async function unpackAnalysis(packed: PackedAnalysis): Promise<Analysis> {
  const draftAt = rowReader(packed.drafts);
  const rowAt = rowReader(packed.rows);
  const prepared = new Array<Prepared>(packed.rows.length);
  await inChunks(prepared.length, (i) => {
    const row = rowAt(i);
    prepared[i] = { ...row, draft: draftAt(i), given: new Set(row.given) };
  });
  return { preview: packed.preview, prepared };
}

/** The search keys of `names`, each distinct name read once, and their grams in the search table's order. */
export function keysOfNames(names: readonly string[]): ImportKeys {
  const keysOf = packedSearchKeysByName();
  const byName = names.map(keysOf);
  return { byName: toColumns(byName), grams: gramRowsInKeyOrder(byName) };
}

/** What the analysis read of the book besides the file (part of its key): the products, when the rows carry sales. */
export const productsRead = (mapping: ImportMapping, products: readonly ImportProduct[]) => (hasSaleColumns(mapping) ? JSON.stringify(products) : '');

function productsByName(products: readonly ImportProduct[]): Map<string, { id: number; priceFen: number }> {
  const byName = new Map<string, { id: number; priceFen: number }>();
  for (const p of products) {
    const key = p.name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, { id: p.id, priceFen: p.price_fen });
  }
  return byName;
}

/** Every check, on rows already read. */
export function analyse(table: ReadTable, chosen: ImportMapping | undefined, products: readonly ImportProduct[], today: string): Analysis {
  const headers = (table.rows[0] ?? []).map((h) => h.trim());
  const mapping = chosen ?? guessMapping(headers);
  if (mapping.name === undefined) {
    throw new AppError('IMPORT_NO_NAME_COLUMN', 'no column is mapped to the name', { details: { headers } });
  }
  const byName = hasSaleColumns(mapping) ? productsByName(products) : new Map<string, { id: number; priceFen: number }>();
  const problems: ImportProblem[] = [];
  const prepared: Prepared[] = [];
  const totalLines: number[] = [];
  let totalRows = 0;
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
      const product = byName.get(parsed.sale.productName.trim().toLowerCase());
      if (!product && parsed.sale.productName !== '') rowProblems.push(problemOf('product', 'product_unknown', parsed.sale.productName));
      if (product) {
        sale = { ...parsed.sale, productId: product.id, unitPriceFen: product.priceFen };
        const amountFen = sale.amountFen ?? lineAmountFen(sale.quantity, sale.unitPriceFen);
        if (amountFen > MAX_FEN)
          rowProblems.push(
            problemOf(sale.amountFen === null ? 'quantity' : 'amount', 'amount_too_big', String(sale.amountFen === null ? sale.quantity : amountFen / 100)),
          );
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
    problems: problems.slice(0, IMPORT_LISTED),
    problemsTotal: problems.length,
    totalLines: totalLines.slice(0, IMPORT_LISTED),
    hasSales: hasSaleColumns(mapping),
  };
  return { preview, prepared };
}

/** The job: the file read and analysed, unless it is still the one the backend keeps the analysis of. */
export async function readImportJob(input: ReadImportInput, report: (progress: number) => void): Promise<ReadImportOutput> {
  const bytes = readImportBytes(input.file);
  if (input.kept && input.mapping && input.kept === analysisKey(input.file, bytes, input.mapping, productsRead(input.mapping, input.products))) {
    return { key: input.kept, analysis: null, keys: input.keys && input.keptNames ? keysOfNames(input.keptNames) : null };
  }
  const table = await parseTable(input.file, bytes);
  report(0.2);
  const analysis = analyse(table, input.mapping, input.products, input.today);
  const { mapping, problemsTotal } = analysis.preview;
  report(0.6);
  // A file with problems is never written: no need to key its names.
  const keys = input.keys && problemsTotal === 0 ? keysOfNames(analysis.prepared.map((row) => row.draft.name)) : null;
  return { key: analysisKey(input.file, bytes, mapping, productsRead(mapping, input.products)), analysis: packAnalysis(analysis), keys };
}
