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

/** Row i of `columns`, rebuilt as an object (the JSON columns parsed once, when the reader is made). */
export function rowReader<T extends object>(columns: Columns<T>): (i: number) => T {
  const fields: [string, unknown[]][] = [
    ...Object.entries(columns.plain as Record<string, unknown[]>),
    ...Object.entries(columns.json as Record<string, string>).map(([field, json]): [string, unknown[]] => [field, JSON.parse(json) as unknown[]]),
  ];
  return (i) => {
    const row: Record<string, unknown> = {};
    for (const [field, values] of fields) row[field] = values[i];
    return row as T;
  };
}

export function fromColumns<T extends object>(columns: Columns<T>): T[] {
  const rowAt = rowReader(columns);
  return Array.from({ length: columns.length }, (_, i) => rowAt(i));
}

/**
 * Calls `each` for 0..count-1, giving the thread back every `chunk` calls: rebuilding 100k rows took
 * the backend's thread 250-380 ms in one piece, longer than a search or a sale may wait (200 ms).
 */
export async function inChunks(count: number, each: (i: number) => void, chunk = 5000): Promise<void> {
  for (let start = 0; start < count; start += chunk) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = start; i < Math.min(count, start + chunk); i++) each(i);
  }
}
