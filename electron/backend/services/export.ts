/**
 * Exports for Excel: customers, sales, payments and the current call list, each as CSV (UTF-8 with a
 * BOM, CRLF, so Excel on a Chinese Windows opens it right) and/or .xlsx. Headers follow the shop's
 * language and are the ones import recognises, so an export can be imported again.
 * The rows are read in one read transaction (a consistent picture), then written; each file is
 * written under a temporary name and renamed when complete.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { exportFormats, exportTables, LIMITS } from '../../../shared/contract.ts';
import { formatYuan } from '../../../shared/domain/money.ts';
import { AppError } from '../../../shared/errors.ts';
import { type BackendContext } from '../context.ts';
import { localStamp, sanitizeFileName, uniquePath } from '../book/backupFiles.ts';
import { fsyncFile, targetErrorCode } from '../book/backupEngine.ts';
import type { RemindersService } from './reminders.ts';
import type { SettingsService } from './settings.ts';

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
interface Sheet {
  columns: Column[];
  rows: Cell[][];
}

const TITLES: Record<ExportTable, { zh: string; en: string }> = {
  customers: { zh: '客户', en: 'customers' },
  sales: { zh: '销售', en: 'sales' },
  payments: { zh: '收款', en: 'payments' },
  callList: { zh: '提醒名单', en: 'call-list' },
};

/** Excel rows per sheet, minus the header. */
export const XLSX_MAX_ROWS = 1_048_575;

const yuan = (fen: number | null) => (fen === null ? null : Number(formatYuan(fen)));
const paydayText = (payday: number | null, en: boolean) => (payday === null ? '' : payday === 0 ? (en ? 'end' : '月底') : String(payday));

/** A CSV cell Excel would run as a formula (=, +, @, or - not starting a number) gets a leading apostrophe. */
export function csvSafe(value: Cell, column: Column): string {
  if (value === null) return '';
  const text = String(value);
  if (column.text && /^\d{6,}$/.test(text)) return `\t${text}`; // stays text: no 1.38E+10, no lost leading zero
  if (/^[=+@]/.test(text) || /^-(?![\d.])/.test(text)) return `'${text}`;
  return text;
}

export function toCsv(sheet: Sheet, en: boolean): string {
  const fields = sheet.columns.map((c) => (en ? c.en : c.zh));
  const data = sheet.rows.map((row) => row.map((v, i) => csvSafe(v, sheet.columns[i]!)));
  return `\uFEFF${Papa.unparse({ fields, data }, { newline: '\r\n', quotes: false })}\r\n`;
}

export function createExportService(ctx: BackendContext, deps: { settings: SettingsService; reminders: RemindersService }) {
  const { db } = ctx;

  const customers = db.prepare(
    `SELECT c.id, c.name, c.address, c.area, c.adults, c.children, c.seniors, c.payday, c.tags, c.notes, c.credit_limit_fen,
       coalesce(b.balance_fen, 0) AS balance_fen, c.archived_at, c.created_at,
       (SELECT group_concat(phone, '|') FROM (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position)) AS phones
     FROM customers c LEFT JOIN balances b ON b.customer_id = c.id ORDER BY c.id`,
  );
  const sales = db.prepare(
    `SELECT s.id, s.date, s.customer_id, c.name, (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position LIMIT 1) AS phone,
       p.name AS product, s.quantity, p.unit, s.unit_price_fen, s.amount_fen, s.paid, s.voided_at, s.void_reason
     FROM sales s JOIN customers c ON c.id = s.customer_id JOIN products p ON p.id = s.product_id ORDER BY s.date, s.id`,
  );
  const payments = db.prepare(
    `SELECT y.id, y.date, y.customer_id, c.name, y.amount_fen, y.method, y.note, y.voided_at
     FROM payments y JOIN customers c ON c.id = y.customer_id ORDER BY y.date, y.id`,
  );

  function customersSheet(en: boolean): Sheet {
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
    const rows = (customers.all() as Record<string, any>[]).map((c) => {
      const phones = c.phones ? String(c.phones).split('|') : [];
      return [
        c.id, c.name, phones[0] ?? '', phones[1] ?? '', phones[2] ?? '', c.address, c.area, c.adults, c.children, c.seniors,
        paydayText(c.payday, en), (JSON.parse(c.tags) as string[]).join(','), c.notes, yuan(c.credit_limit_fen), yuan(c.balance_fen),
        c.archived_at ? (en ? 'yes' : '是') : '', c.created_at,
      ] as Cell[];
    });
    return { columns, rows };
  }

  function salesSheet(en: boolean): Sheet {
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
    const rows = (sales.all() as Record<string, any>[]).map(
      (s) =>
        [s.id, s.date, s.customer_id, s.name, s.phone ?? '', s.product, s.quantity, s.unit, yuan(s.unit_price_fen), yuan(s.amount_fen),
          s.paid ? (en ? 'yes' : '是') : (en ? 'no' : '否'), s.voided_at ?? '', s.void_reason ?? ''] as Cell[],
    );
    return { columns, rows };
  }

  function paymentsSheet(en: boolean): Sheet {
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
    const rows = (payments.all() as Record<string, any>[]).map((p) => [p.id, p.date, p.customer_id, p.name, yuan(p.amount_fen), p.method, p.note, p.voided_at ?? ''] as Cell[]);
    return { columns, rows };
  }

  function callListSheet(en: boolean): Sheet {
    const list = deps.reminders.callList(7, undefined, LIMITS.listRows);
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
      [status, r.dueDate, r.name, r.phone, r.area, r.address, r.adults, r.children, r.seniors, r.productName, r.lastPurchaseDate, r.lastQuantity, r.runOutDate, yuan(r.owedFen)] as Cell[];
    return { columns, rows: [...list.due.map(row(en ? 'due' : '今天要联系')), ...list.upcoming.map(row(en ? 'upcoming' : '接下来'))] };
  }

  const read = db.transaction((tables: readonly ExportTable[], en: boolean) => {
    const sheets = {} as Record<ExportTable, Sheet>;
    for (const t of tables) {
      sheets[t] = t === 'customers' ? customersSheet(en) : t === 'sales' ? salesSheet(en) : t === 'payments' ? paymentsSheet(en) : callListSheet(en);
    }
    return sheets;
  });

  async function writeXlsx(file: string, title: string, sheet: Sheet, en: boolean) {
    const { default: Excel } = await import('exceljs'); // loaded on first use: it takes ~0.4 s, the app starts without it
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const parts = Math.max(1, Math.ceil(sheet.rows.length / XLSX_MAX_ROWS));
    for (let part = 0; part < parts; part++) {
      const ws = workbook.addWorksheet(parts === 1 ? title : `${title} ${part + 1}`);
      ws.columns = sheet.columns.map((c) => ({ header: en ? c.en : c.zh, width: Math.max(8, (en ? c.en : c.zh).length * 2 + 2), ...(c.money ? { style: { numFmt: '0.00' } } : {}) }));
      for (const row of sheet.rows.slice(part * XLSX_MAX_ROWS, (part + 1) * XLSX_MAX_ROWS)) {
        ws.addRow(row.map((v, i) => (sheet.columns[i]!.text && v !== null ? String(v) : v))).commit();
      }
      ws.commit();
    }
    await workbook.commit();
  }

  async function exportTo(folder: string, tables: readonly ExportTable[], formats: readonly ExportFormat[], report: (p: number) => void = () => {}): Promise<string[]> {
    const en = deps.settings.get().language === 'en';
    const sheets = read(tables, en);
    const shop = sanitizeFileName(deps.settings.get().shopName, en ? 'Huitou' : '回头客');
    const stamp = localStamp(ctx.now());
    const written: string[] = [];
    const steps = tables.length * formats.length;
    let done = 0;
    try {
      for (const table of tables) {
        const title = en ? TITLES[table].en : TITLES[table].zh;
        for (const format of formats) {
          const file = uniquePath(folder, `${shop}-${title}-${stamp}`, `.${format}`);
          const temp = `${file}.tmp`;
          try {
            if (format === 'csv') writeFileSync(temp, toCsv(sheets[table], en), 'utf8');
            else await writeXlsx(temp, title, sheets[table], en);
            fsyncFile(temp);
            renameSync(temp, file);
          } finally {
            rmSync(temp, { force: true });
          }
          written.push(file);
          report(++done / steps);
        }
      }
      return written;
    } catch (error) {
      // All or nothing: a half-finished export would look like a complete one in the folder.
      for (const file of written) rmSync(file, { force: true });
      const code = targetErrorCode(error, folder);
      throw new AppError(code === 'BACKUP_FAILED' ? 'EXPORT_FAILED' : code, `export to ${folder} failed: ${(error as Error).message}`, { details: { folder } });
    }
  }

  return { exportTo, read };
}
export type ExportService = ReturnType<typeof createExportService>;
