/** Timing, percentiles and the report table shared by every benchmark module. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (p in 0..100) of already sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Milliseconds, with sub-microsecond resolution. */
export function now(): number {
  return performance.now();
}

/** Times one synchronous call in milliseconds. */
export function timeIt(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** One row of the report. Times in ms; `goal` is a p95 ceiling, `floor` the matching bare-SQLite figure. */
export interface Result {
  /** Stable id for the JSON ("search.surname1.limit200"). */
  id: string;
  /** What the table shows. */
  label: string;
  /** Which part of the report it belongs to ("search", "sale", "open", ...). */
  group: string;
  stats: Summary;
  goalMs: number | null;
  floor?: { label: string; stats: Summary } | undefined;
  note?: string | undefined;
}

export function ratio(result: Result): number | null {
  if (!result.floor || !(result.floor.stats.p95 > 0)) return null;
  return result.stats.p95 / result.floor.stats.p95;
}

export function passed(result: Result): boolean | null {
  return result.goalMs === null ? null : result.stats.p95 < result.goalMs;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 0.1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function formatRatio(value: number | null): string {
  if (value === null) return '-';
  return value >= 100 ? `${value.toFixed(0)}x` : `${value.toFixed(1)}x`;
}

/** East Asian wide characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export function renderTable(headers: string[], rows: string[][], rightAligned: Set<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, rightAligned.has(i))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderResults(results: readonly Result[]): string {
  const headers = ['metric', 'n', 'p50', 'p95', 'goal p95', 'floor p95', 'ratio', 'result'];
  const rows = results.map((r) => {
    const ok = passed(r);
    return [
      r.label,
      String(r.stats.n),
      formatMs(r.stats.p50),
      formatMs(r.stats.p95),
      r.goalMs === null ? '-' : `< ${formatMs(r.goalMs)}`,
      r.floor ? formatMs(r.floor.stats.p95) : '-',
      formatRatio(ratio(r)),
      ok === null ? 'info' : ok ? 'PASS' : 'MISS',
    ];
  });
  return renderTable(headers, rows, new Set([1, 2, 3, 4, 5, 6]));
}

const round = (ms: number) => Math.round(ms * 10_000) / 10_000;

function summaryJson(s: Summary) {
  return { n: s.n, p50: round(s.p50), p95: round(s.p95), max: round(s.max), mean: round(s.mean) };
}

export function resultJson(r: Result) {
  const value = ratio(r);
  return {
    id: r.id,
    group: r.group,
    label: r.label,
    ...summaryJson(r.stats),
    goalP95: r.goalMs,
    pass: passed(r),
    floor: r.floor ? { label: r.floor.label, ...summaryJson(r.floor.stats) } : null,
    ratioP95: value === null ? null : Math.round(value * 10) / 10,
    note: r.note ?? null,
  };
}
