/** CSV for Excel on a Chinese Windows: UTF-8 with a BOM, CRLF, no cell Excel would run as a formula. */
import Papa from 'papaparse';

export type CsvCell = string | number | null;

/**
 * A CSV cell Excel would run as a formula (=, +, @, or - not starting a number) gets a leading apostrophe.
 * A phone is written as the formula ="13812345678": Excel and WPS read a CSV's digits as a number and
 * show an 11-digit mobile as 1.38E+10 (and 0755... loses its 0); the formula gives the text. The import
 * reads the form back. (A leading tab did the same but stayed in the cell, copied along with the number.)
 */
export function csvSafe(value: CsvCell, column: { text?: boolean }): string {
  if (value === null) return '';
  const text = String(value);
  if (column.text && /^\d{6,}$/.test(text)) return `="${text}"`;
  if (/^[=+@]/.test(text) || /^-(?![\d.])/.test(text)) return `'${text}`;
  return text;
}

/** CSV lines, each ended by CRLF; `columns[i].text` keeps a column's digits text. */
export function csvLines(rows: readonly CsvCell[][], columns: readonly { text?: boolean }[] = []): string {
  const data = rows.map((row) => row.map((v, i) => csvSafe(v, columns[i] ?? {})));
  return `${Papa.unparse(data, { newline: '\r\n', quotes: false })}\r\n`;
}

/** A whole file: the BOM Excel needs to read UTF-8, then the lines. */
export function csvFile(rows: readonly CsvCell[][]): string {
  return `\uFEFF${csvLines(rows)}`;
}
