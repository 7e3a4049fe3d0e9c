/**
 * Many records of one shape as they cross between threads: one array per field. Copying objects between
 * threads (structured clone) is slow for many small ones: 50,000 import rows took ~0.5 s each way, most
 * of it on the receiving thread, the backend's; as columns ~0.1 s, and JSON-encoding the whole list
 * (one string) ~0.3 s, nearly all of it the parse on the backend's thread. A field whose values are all
 * plain (string, number, boolean, null) stays an array; any other field (arrays, objects) is one JSON
 * string for the whole column, so no small objects cross. Sets and Maps do not survive: convert them.
 */
export interface Columns<T> {
  length: number;
  plain: Partial<Record<keyof T & string, unknown[]>>;
  json: Partial<Record<keyof T & string, string>>;
}

const isPlain = (value: unknown) => value === null || value === undefined || typeof value !== 'object';

export function toColumns<T extends object>(rows: readonly T[]): Columns<T> {
  const fields = new Set<keyof T & string>();
  for (const row of rows) for (const field of Object.keys(row)) fields.add(field as keyof T & string);
  const columns: Columns<T> = { length: rows.length, plain: {}, json: {} };
  for (const field of fields) {
    const values = rows.map((row) => row[field]);
    if (values.every(isPlain)) columns.plain[field] = values;
    else columns.json[field] = JSON.stringify(values);
  }
  return columns;
}

export function fromColumns<T extends object>(columns: Columns<T>): T[] {
  const fields: [string, unknown[]][] = [
    ...Object.entries(columns.plain as Record<string, unknown[]>),
    ...Object.entries(columns.json as Record<string, string>).map(([field, json]): [string, unknown[]] => [field, JSON.parse(json) as unknown[]]),
  ];
  const rows = new Array<T>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const row: Record<string, unknown> = {};
    for (const [field, values] of fields) row[field] = values[i];
    rows[i] = row as T;
  }
  return rows;
}
