/**
 * What the two sale benches (recordSale, saleForecast) share: recording sales through
 * dispatch('sales.record') under synchronous=FULL (as shipped) and NORMAL, each sale timed right next
 * to its floor, a bare autocommit INSERT of the same row into a scratch table on the same connection.
 */
import type { Backend } from '../../electron/backend/backend.ts';
import { envInt, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

export const SYNC_MODES = [
  { pragma: 'FULL', value: 2, label: 'synchronous=FULL, as shipped' },
  { pragma: 'NORMAL', value: 1, label: 'synchronous=NORMAL' },
] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export interface SaleToTime {
  customerId: number;
  productId: number;
  quantity: number;
  /** Only for the floor's row: any plausible amount. */
  amountFen: number;
  paid: boolean;
}

export interface ModeTimes {
  mode: SyncMode;
  /** Each sale's dispatch, ms. */
  times: number[];
  /** The bare INSERT beside each sale, ms. */
  floor: number[];
  /** What `after` measured after each sale, ms (empty when it measured nothing). */
  extra: number[];
}

/**
 * Per mode, `count` sales (BENCH_SALE_RECORDS, 400 or 100 when quick) after a warm-up (BENCH_SALE_WARMUP, up to 50):
 * `nextSale` says which; `after` runs after each and may return a time of its own to keep.
 */
export function timeSalesPerMode(ctx: BenchContext, backend: Backend, nextSale: () => SaleToTime, after?: (mode: SyncMode) => number | undefined): ModeTimes[] {
  const count = envInt('BENCH_SALE_RECORDS', ctx.quick ? 100 : 400);
  const warmup = envInt('BENCH_SALE_WARMUP', Math.min(50, count));
  const { db } = backend.context;
  db.exec(`CREATE TABLE IF NOT EXISTS bench_scratch (
    id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity REAL NOT NULL,
    amount_fen INTEGER NOT NULL, paid INTEGER NOT NULL, date TEXT NOT NULL, created_at TEXT NOT NULL)`);
  const bareInsert = db.prepare(
    'INSERT INTO bench_scratch (customer_id, product_id, quantity, amount_fen, paid, date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const today = backend.context.today();

  return SYNC_MODES.map((mode) => {
    db.pragma(`synchronous = ${mode.pragma}`);
    if (db.pragma('synchronous', { simple: true }) !== mode.value) throw new Error(`could not set synchronous=${mode.pragma}`);
    const measured: ModeTimes = { mode, times: [], floor: [], extra: [] };
    for (let i = 0; i < warmup + count; i++) {
      const sale = nextSale();
      let t = performance.now();
      bareInsert.run(sale.customerId, sale.productId, sale.quantity, sale.amountFen, sale.paid ? 1 : 0, today, new Date().toISOString());
      const floorMs = performance.now() - t;

      t = performance.now();
      const envelope = backend.dispatch('sales.record', { customerId: sale.customerId, productId: sale.productId, quantity: sale.quantity, paid: sale.paid });
      const ms = performance.now() - t;
      if (!envelope.ok) throw new Error(`sales.record failed: ${JSON.stringify(envelope.error)}`);
      const extraMs = after?.(mode);
      if (i >= warmup) {
        measured.times.push(ms);
        measured.floor.push(floorMs);
        if (extraMs !== undefined) measured.extra.push(extraMs);
      }
    }
    return measured;
  });
}

/** The floor as a result row of its own, and as the label a sale's result shows beside it. */
export function floorLabel(mode: SyncMode): string {
  return `bare autocommit INSERT, synchronous=${mode.pragma}`;
}

export function floorResult(group: string, measured: ModeTimes): Result {
  return {
    id: `floor.${group}.insert.${measured.mode.pragma.toLowerCase()}`,
    label: `floor: ${floorLabel(measured.mode)}`,
    group,
    stats: summarize(measured.floor),
    goalMs: null,
  };
}
