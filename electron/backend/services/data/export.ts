/**
 * Exports for Excel: customers, sales, payments and the current call list, each as CSV (UTF-8 with a
 * BOM, CRLF, so Excel on a Chinese Windows opens it right) and/or .xlsx. Headers follow the shop's
 * language and are the ones import recognises, so an export can be imported again.
 *
 * The whole export is the 'export' job (jobThread.ts), on a thread of its own: the backend's thread only
 * starts it (with the settings it needs) and answers its status. Read and written on the backend's
 * thread, the customers' .xlsx of a 100k-household shop held it still 0.5-1.2 s at a time (exceljs
 * builds and zips each row there). The job reads the rows from one read transaction on a read-only
 * connection of its own (a consistent picture while the shop goes on selling, WAL lets it), a chunk at
 * a time, each chunk written before the next is read: read whole, 2M sales took their size several
 * times over in memory. That picture is taken once the thread has started (0.1-0.4 s after the click),
 * so the rows are also bounded by the last ids the backend's thread saw when asked (LastIds): a sale of
 * meanwhile is not in the file. Each file is written under a temporary name, flushed, and renamed when
 * complete.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { exportFormats, exportTables, LIMITS, type Settings } from '../../../../shared/contract.ts';
import { labelOf, PAYMENT_METHOD_LABELS, UNIT_LABELS } from '../../../../shared/domain/labels.ts';
import { csvLines } from '../../../../shared/domain/csv.ts';
import { formatYuan } from '../../../../shared/domain/money.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, jobContext, type BackendContext } from '../../context.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { localStamp, sanitizeFileName, uniquePath } from './backupFiles.ts';
import { targetErrorCode } from './backupEngine.ts';
import { flushFile, writeAll } from './fileCopy.ts';
import { createCallListService } from '../callList/callList.ts';
import { createContactLog } from '../customers/contactLog.ts';
import { createForecastsService } from '../forecasts/forecasts.ts';
import { createSettingsService, type SettingsService } from '../shop/settings.ts';

const { SqliteError } = Database;

export type ExportTable = (typeof exportTables)[number];
export type ExportFormat = (typeof exportFormats)[number];

type Cell = string | number | null;
interface Column {
  zh: string;
  en: string;
  /** Text that must stay text in Excel (phones: never 1.38E+10). */
  text?: boolean;
  money?: boolean;
}
/** A table to export: its columns, how many rows, and the rows a chunk at a time. */
interface Sheet {
  columns: Column[];
  count: number;
  chunks(): Iterable<Cell[][]>;
}

/** The rows of the table queries below, as SQLite gives them (0/1 for flags, JSON text for tags). */
interface CustomerRow {
  id: number;
  name: string;
  address: string | null;
  area: string | null;
  adults: number;
  children: number;
  seniors: number;
  payday: number | null;
  tags: string;
  notes: string | null;
  credit_limit_fen: number | null;
  balance_fen: number;
  archived_at: string | null;
  created_at: string;
  phones: string | null;
}
interface SaleRow {
  id: number;
  date: string;
  customer_id: number;
  name: string;
  phone: string | null;
  product: string;
  quantity: number;
  unit: string;
  unit_price_fen: number;
  amount_fen: number;
  paid: number;
  voided_at: string | null;
  void_reason: string | null;
}
interface PaymentRow {
  id: number;
  date: string;
  customer_id: number;
  name: string;
  amount_fen: number;
  method: string;
  note: string | null;
  voided_at: string | null;
}

/** Rows read and written per turn of the event loop: a few ms of work each. */
const CHUNK_ROWS = 2000;

const TITLES: Record<ExportTable, { zh: string; en: string }> = {
  customers: { zh: '客户', en: 'customers' },
  sales: { zh: '销售', en: 'sales' },
  payments: { zh: '收款', en: 'payments' },
  callList: { zh: '提醒名单', en: 'call-list' },
};

/** Excel rows per sheet, minus the header. */
export const XLSX_MAX_ROWS = 1_048_575;

const yuan = (fen: number | null) => (fen === null ? null : Number(formatYuan(fen)));
const pad2 = (n: number) => String(n).padStart(2, '0');
/** A stored UTC time as the shop's clock showed it, to the minute: 2026-11-22 10:00. */
export function localMinute(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}
const paydayText = (payday: number | null, en: boolean) => (payday === null ? '' : payday === 0 ? (en ? 'end' : '月底') : String(payday));

/** `rows` mapped by `map`, CHUNK_ROWS at a time, from an iterator opened on the first chunk and left open between chunks. */
function* inChunks<T>(rows: () => Iterable<unknown>, map: (row: T) => Cell[]): Generator<Cell[][]> {
  let chunk: Cell[][] = [];
  for (const row of rows()) {
    chunk.push(map(row as T));
    if (chunk.length === CHUNK_ROWS) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** How wide text shows in Excel: a Chinese character takes two digits' room. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/** Each column as wide as its header and the cells of `sample` need (the first chunk: the widths go before the rows in a streamed sheet). */
export function columnWidths(headers: readonly string[], sample: readonly Cell[][], columns: readonly Column[]): number[] {
  return headers.map((header, i) => {
    let widest = displayWidth(header);
    for (const row of sample) {
      const v = row[i];
      if (v !== null && v !== undefined) widest = Math.max(widest, displayWidth(columns[i]!.money && typeof v === 'number' ? v.toFixed(2) : String(v)));
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
  });
}

const queries = {
  customers: `SELECT c.id, c.name, c.address, c.area, c.adults, c.children, c.seniors, c.payday, c.tags, c.notes, c.credit_limit_fen,
     coalesce(b.balance_fen, 0) AS balance_fen, c.archived_at, c.created_at,
     (SELECT group_concat(phone, '|') FROM (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position)) AS phones
   FROM customers c LEFT JOIN balances b ON b.customer_id = c.id WHERE c.id <= ? ORDER BY c.id`,
  // In the order they were entered: ORDER BY date made SQLite sort 2M sales before the first row (4.8 s
  // on the app's thread); Excel sorts by the date column in a click.
  sales: `SELECT s.id, s.date, s.customer_id, c.name, (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position LIMIT 1) AS phone,
     p.name AS product, s.quantity, p.unit, s.unit_price_fen, s.amount_fen, s.paid, s.voided_at, s.void_reason
   FROM sales s JOIN customers c ON c.id = s.customer_id JOIN products p ON p.id = s.product_id WHERE s.id <= ? ORDER BY s.id`,
  payments: `SELECT y.id, y.date, y.customer_id, c.name, y.amount_fen, y.method, y.note, y.voided_at
   FROM payments y JOIN customers c ON c.id = y.customer_id WHERE y.id <= ? ORDER BY y.id`,
};
const countOf = (table: ExportedTable) => `SELECT count(*) FROM ${table} WHERE id <= ?`;
type ExportedTable = keyof typeof queries;
/** The last row of each table when the export was asked for: rows added since (a sale meanwhile) are not exported. */
export type LastIds = Record<ExportedTable, number>;

/** LastIds of the book open on `db` (each the end of its primary key: a few µs). */
export function lastIds(db: Database.Database): LastIds {
  const last = (table: ExportedTable) => db.prepare<[], number | null>(`SELECT max(id) FROM ${table}`).pluck().get() ?? 0;
  return { customers: last('customers'), sales: last('sales'), payments: last('payments') };
}

/** A table's sheet read on `reader`, a chunk at a time (an iterator on the job's own connection, left open between chunks). */
function tableSheet<T>(reader: Database.Database, upTo: LastIds, table: ExportedTable, columns: Column[], map: (row: T) => Cell[]): Sheet {
  const statement = reader.prepare(queries[table]);
  const count = reader.prepare(countOf(table)).pluck().get(upTo[table]) as number;
  return { columns, count, chunks: () => inChunks<T>(() => statement.iterate(upTo[table]), map) };
}

function customersSheet(reader: Database.Database, upTo: LastIds, en: boolean): Sheet {
  const columns: Column[] = [
    { zh: '编号', en: 'id' },
    { zh: '姓名', en: 'name' },
    { zh: '电话', en: 'phone', text: true },
    { zh: '电话2', en: 'phone2', text: true },
    { zh: '电话3', en: 'phone3', text: true },
    { zh: '地址', en: 'address' },
    { zh: '片区', en: 'area' },
    { zh: '大人', en: 'adults' },
    { zh: '小孩', en: 'children' },
    { zh: '老人', en: 'seniors' },
    { zh: '发薪日', en: 'payday' },
    { zh: '标签', en: 'tags' },
    { zh: '备注', en: 'notes' },
    { zh: '赊账额度(元)', en: 'credit limit (yuan)', money: true },
    { zh: '欠款(元)', en: 'owed (yuan)', money: true },
    { zh: '已归档', en: 'archived' },
    { zh: '建档时间', en: 'created' },
  ];
  return tableSheet<CustomerRow>(reader, upTo, 'customers', columns, (c) => {
    const phones = c.phones ? String(c.phones).split('|') : [];
    return [
      c.id,
      c.name,
      phones[0] ?? '',
      phones[1] ?? '',
      phones[2] ?? '',
      c.address,
      c.area,
      c.adults,
      c.children,
      c.seniors,
      paydayText(c.payday, en),
      (JSON.parse(c.tags) as string[]).join(','),
      c.notes,
      yuan(c.credit_limit_fen),
      yuan(c.balance_fen),
      c.archived_at ? (en ? 'yes' : '是') : '',
      localMinute(c.created_at),
    ];
  });
}

function salesSheet(reader: Database.Database, upTo: LastIds, en: boolean): Sheet {
  const units = UNIT_LABELS[en ? 'en' : 'zh-CN'];
  const columns: Column[] = [
    { zh: '编号', en: 'id' },
    { zh: '日期', en: 'date' },
    { zh: '客户编号', en: 'customer id' },
    { zh: '姓名', en: 'name' },
    { zh: '电话', en: 'phone', text: true },
    { zh: '商品', en: 'product' },
    { zh: '数量', en: 'quantity' },
    { zh: '单位', en: 'unit' },
    { zh: '单价(元)', en: 'unit price (yuan)', money: true },
    { zh: '金额(元)', en: 'amount (yuan)', money: true },
    { zh: '已付', en: 'paid' },
    { zh: '作废时间', en: 'voided' },
    { zh: '作废原因', en: 'void reason' },
  ];
  return tableSheet<SaleRow>(reader, upTo, 'sales', columns, (s) => [
    s.id,
    s.date,
    s.customer_id,
    s.name,
    s.phone ?? '',
    s.product,
    s.quantity,
    labelOf(units, s.unit),
    yuan(s.unit_price_fen),
    yuan(s.amount_fen),
    s.paid ? (en ? 'yes' : '是') : en ? 'no' : '否',
    localMinute(s.voided_at),
    s.void_reason ?? '',
  ]);
}

function paymentsSheet(reader: Database.Database, upTo: LastIds, en: boolean): Sheet {
  const columns: Column[] = [
    { zh: '编号', en: 'id' },
    { zh: '日期', en: 'date' },
    { zh: '客户编号', en: 'customer id' },
    { zh: '姓名', en: 'name' },
    { zh: '金额(元)', en: 'amount (yuan)', money: true },
    { zh: '方式', en: 'method' },
    { zh: '备注', en: 'notes' },
    { zh: '作废时间', en: 'voided' },
  ];
  const methods = PAYMENT_METHOD_LABELS[en ? 'en' : 'zh-CN'];
  return tableSheet<PaymentRow>(reader, upTo, 'payments', columns, (p) => [
    p.id,
    p.date,
    p.customer_id,
    p.name,
    yuan(p.amount_fen),
    labelOf(methods, p.method),
    p.note,
    localMinute(p.voided_at),
  ]);
}

/**
 * The call list as the app shows it (at most LIMITS.listRows rows: read at once), by the call list's own
 * service on the job's connection, its "today" the one the export was started on.
 */
function callListSheet(ctx: BackendContext, en: boolean): Sheet {
  const contacts = createContactLog(ctx);
  const callList = createCallListService(ctx, { forecasts: createForecastsService(ctx), contacts, settings: createSettingsService(ctx) });
  const list = callList.callList(7, undefined, LIMITS.listRows);
  const columns: Column[] = [
    { zh: '状态', en: 'status' },
    { zh: '提醒日期', en: 'due' },
    { zh: '姓名', en: 'name' },
    { zh: '电话', en: 'phone', text: true },
    { zh: '片区', en: 'area' },
    { zh: '地址', en: 'address' },
    { zh: '大人', en: 'adults' },
    { zh: '小孩', en: 'children' },
    { zh: '老人', en: 'seniors' },
    { zh: '商品', en: 'product' },
    { zh: '上次购买', en: 'last purchase' },
    { zh: '上次数量', en: 'last quantity' },
    { zh: '预计用完', en: 'runs out' },
    { zh: '欠款(元)', en: 'owed (yuan)', money: true },
  ];
  const row = (status: string) => (r: (typeof list.due)[number]) =>
    [
      status,
      r.dueDate,
      r.name,
      r.phone,
      r.area,
      r.address,
      r.adults,
      r.children,
      r.seniors,
      r.productName,
      r.lastPurchaseDate,
      r.lastQuantity,
      r.runOutDate,
      yuan(r.owedFen),
    ] as Cell[];
  const rows = [...list.due.map(row(en ? 'due' : '今天要联系')), ...list.upcoming.map(row(en ? 'upcoming' : '接下来'))];
  return {
    columns,
    count: rows.length,
    chunks: () =>
      inChunks<Cell[]>(
        () => rows,
        (r) => r,
      ),
  };
}

function sheetOf(table: ExportTable, ctx: BackendContext, upTo: LastIds, en: boolean): Sheet {
  if (table === 'callList') return callListSheet(ctx, en);
  const sheet = table === 'customers' ? customersSheet : table === 'sales' ? salesSheet : paymentsSheet;
  return sheet(ctx.db, upTo, en);
}

async function writeCsv(path: string, sheet: Sheet, en: boolean, onRows: (n: number) => void) {
  const file = await open(path, 'wx');
  try {
    let at = 0;
    const append = async (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      await writeAll(file, bytes, bytes.length, at);
      at += bytes.length;
    };
    await append(`\uFEFF${csvLines([sheet.columns.map((c) => (en ? c.en : c.zh))], sheet.columns)}`);
    for (const chunk of sheet.chunks()) {
      await append(csvLines(chunk, sheet.columns));
      onRows(chunk.length);
    }
    await file.sync();
  } finally {
    await file.close();
  }
}

async function writeXlsx(path: string, title: string, sheet: Sheet, en: boolean, onRows: (n: number) => void) {
  const { default: Excel } = await import('exceljs'); // loaded on first use: it takes ~0.4 s, the app starts without it
  // Our own stream, watched from the start: exceljs only listens for its errors once it finishes, so a
  // stick that filled up or was pulled out mid-way left its commit waiting forever (and the export's
  // job running, which refuses every backup and restore).
  const file = createWriteStream(path, { flags: 'wx' });
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) => file.once('error', (error) => reject((failure = error))));
  failed.catch(() => {});
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
  // Stepped by hand (the first chunk sizes the columns), so ended by hand on failure: a generator left paused
  // keeps its statement open, and the connection then refuses to close.
  const chunks = sheet.chunks()[Symbol.iterator]();
  try {
    const parts = Math.max(1, Math.ceil(sheet.count / XLSX_MAX_ROWS));
    let next = chunks.next();
    const headers = sheet.columns.map((c) => (en ? c.en : c.zh));
    const widths = columnWidths(headers, next.done ? [] : next.value, sheet.columns);
    const addPart = (part: number) => {
      // The header row stays in view as the shopkeeper scrolls.
      const ws = workbook.addWorksheet(parts === 1 ? title : `${title} ${part + 1}`, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((c, i) => ({ header: headers[i], width: widths[i], ...(c.money ? { style: { numFmt: '0.00' } } : {}) }));
      ws.getRow(1).font = { bold: true };
      return ws;
    };
    let part = 0;
    let ws = addPart(part);
    let inPart = 0;
    for (; !next.done; next = chunks.next()) {
      const chunk = next.value;
      for (const row of chunk) {
        if (inPart === XLSX_MAX_ROWS) {
          ws.commit();
          ws = addPart(++part);
          inPart = 0;
        }
        ws.addRow(row.map((v, i) => (sheet.columns[i]!.text && v !== null ? String(v) : v))).commit();
        inPart++;
      }
      onRows(chunk.length);
      await nextTurn(); // the zip stream writes what was committed before more rows are built
      if (failure) throw failure;
    }
    ws.commit();
    await Promise.race([workbook.commit(), failed]);
    await closed;
  } catch (error) {
    chunks.return?.(undefined);
    // Closed before the caller removes it: Windows cannot remove a file still open.
    file.destroy();
    await closed;
    throw error;
  }
  await flushFile(path);
}

/** What the 'export' job is given: what to write where, and what it needs of the shop's settings. */
export interface ExportJobInput {
  /** The book. */
  file: string;
  folder: string;
  tables: readonly ExportTable[];
  formats: readonly ExportFormat[];
  /** The shop's: headers, units and methods are in English for 'en' only. */
  language: Settings['language'];
  shopName: string;
  /** When the export was asked for: the files' time stamp, and the call list's today. */
  now: string;
  upTo: LastIds;
}

/**
 * The 'export' job (jobThread.ts): every file written, or none (a half-finished export would look like a
 * complete one in the folder). Its failures are said as the folder's (full, read-only, gone) or as
 * EXPORT_FAILED.
 */
export async function exportJob(input: ExportJobInput, report: (progress: number) => void): Promise<string[]> {
  const { folder, tables, formats } = input;
  const en = input.language === 'en';
  const shop = sanitizeFileName(input.shopName, en ? 'Huitou' : '回头客');
  const stamp = localStamp(new Date(input.now));
  const written: string[] = [];
  let snapshot: Database.Database | null = null;
  try {
    snapshot = new Database(input.file, { readonly: true, fileMustExist: true });
    snapshot.pragma('busy_timeout = 5000');
    // One read transaction for the whole export: every table and format read from the same picture of the book.
    snapshot.exec('BEGIN');
    const ctx = jobContext(snapshot, input.now);
    // Every table's sheet is made once, before anything is written, and each format reads it again.
    const sheets = new Map(tables.map((t) => [t, sheetOf(t, ctx, input.upTo, en)]));
    const total = Math.max(1, formats.length * [...sheets.values()].reduce((sum, sheet) => sum + sheet.count, 0));
    let rowsDone = 0;
    const onRows = (n: number) => report(Math.min(0.99, (rowsDone += n) / total));
    for (const table of tables) {
      const title = en ? TITLES[table].en : TITLES[table].zh;
      for (const format of formats) {
        const file = uniquePath(folder, `${shop}-${title}-${stamp}`, `.${format}`);
        const temp = `${file}.tmp`;
        try {
          if (format === 'csv') await writeCsv(temp, sheets.get(table)!, en, onRows);
          else await writeXlsx(temp, title, sheets.get(table)!, en, onRows);
          renameSync(temp, file);
        } catch (error) {
          // EEXIST: another export of the same second made that temp file; it is not ours to remove.
          if ((error as { code?: string }).code !== 'EEXIST') rmSync(temp, { force: true });
          throw error;
        }
        written.push(file);
      }
    }
    report(1);
    return written;
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    // SQLite only reads the book here: its errors are never the folder's (SQLITE_FULL would blame the stick).
    const code = error instanceof SqliteError ? 'EXPORT_FAILED' : targetErrorCode(error, folder);
    throw new AppError(code === 'BACKUP_FAILED' ? 'EXPORT_FAILED' : code, `export to ${folder} failed: ${(error as Error).message}`, { details: { folder } });
  } finally {
    // Never in place of the error being thrown: the shopkeeper is told the stick is full, not that a close failed.
    try {
      snapshot?.close();
    } catch {
      /* the connection goes with the job's thread */
    }
  }
}

/** The backend's side of an export: the job started with the settings it needs. */
export function createExportService(ctx: BackendContext, deps: { settings: SettingsService; jobs: Jobs }) {
  function start(folder: string, tables: readonly ExportTable[], formats: readonly ExportFormat[]) {
    const { language, shopName } = deps.settings.get();
    const input: ExportJobInput = { file: ctx.db.name, folder, tables, formats, language, shopName, now: isoNow(ctx), upTo: lastIds(ctx.db) };
    return deps.jobs.startInWorker('export', 'export', input, 'EXPORT_FAILED');
  }
  return { start };
}
export type ExportService = ReturnType<typeof createExportService>;
