/**
 * Reads a customer list as rows of text, whatever made it:
 *   .csv  bytes -> encoding detected (a UTF-8 BOM; else valid UTF-8, checked with a fatal decoder;
 *         else GB18030, the superset of the GBK that Chinese Excel saves) -> papaparse (delimiter guessed)
 *   .xlsx exceljs: the first worksheet with data; dates as YYYY-MM-DD, numbers as typed, formulas' results
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute } from 'node:path';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../../../shared/errors.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface ReadTable {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | 'xlsx';
  sheet: string | null;
  /** Every row including the header row (row 0 = spreadsheet line 1). */
  rows: string[][];
}

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
  }
}

/** ="0755123456": the form that keeps a number as text in Excel (our exports write phones so): the text. */
const textFormula = (cell: string) => (cell.startsWith('="') && cell.endsWith('"') && cell.length >= 3 ? cell.slice(2, -1) : cell);

export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const rows = parsed.data.map((row) => row.map((c) => textFormula((c ?? '').toString())));
  // A trailing newline gives one empty last row: not a row of the sheet.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c.trim() === '')) rows.pop();
  return rows;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A cell's value as text, the way the sheet shows it (dates as YYYY-MM-DD). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates have no time zone: exceljs gives them as UTC midnight.
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const { default: Excel } = await import('exceljs'); // loaded on first use: it takes ~0.4 s, the app starts without it
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) return { sheet: '', rows: [] };
  const rows: string[][] = [];
  const width = sheet.actualColumnCount || sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c.trim() === '')) rows.pop();
  return { sheet: sheet.name, rows };
}

const isZip = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The file's bytes, or the reason it cannot be imported (not an absolute path, missing, too large). */
export function readImportBytes(file: string): Buffer {
  if (!isAbsolute(file)) throw new AppError('IMPORT_FILE_MISSING', `not an absolute file path: ${file}`, { details: { file } });
  try {
    if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    if (statSync(file).size > MAX_IMPORT_BYTES)
      throw new AppError('IMPORT_UNREADABLE', 'the file is too large to import', { details: { reason: 'too_large' } });
    return readFileSync(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_FILE_MISSING', `cannot read ${file}`, { details: { file } });
  }
}

/** The rows of a file already read: `file` only tells its kind by its extension. */
export async function parseTable(file: string, bytes: Buffer): Promise<ReadTable> {
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx' || isZip(bytes)) {
    try {
      const { sheet, rows } = await readXlsx(bytes);
      return { format: 'xlsx', encoding: 'xlsx', sheet, rows };
    } catch (error) {
      throw new AppError('IMPORT_UNREADABLE', `not a readable .xlsx file: ${(error as Error).message}`, { details: { reason: 'xlsx' } });
    }
  }
  if (extension === '.xls' || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new AppError('IMPORT_UNREADABLE', 'old .xls files are not supported: save as .xlsx', { details: { reason: 'xls' } });
  }
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000')) throw new AppError('IMPORT_UNREADABLE', 'this is not a text file', { details: { reason: 'binary' } });
  return { format: 'csv', encoding, sheet: null, rows: parseCsv(text) };
}
