/**
 * Recording a sale including its forecast update, as the counter does it: dispatch('sales.record') for
 * a household and product it already buys (so the update replays a real purchase history), one
 * commit per sale, with synchronous=FULL (as shipped: one WAL fsync per commit) and NORMAL.
 * Beside it, the forecast update's own cost (services.forecasts.refresh for the same pair, in its own
 * transaction on a NORMAL connection, so no fsync) and the floor: a bare autocommit INSERT timed right
 * next to each sale.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { createRandom } from '../../shared/domain/random.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 2;
const MODES = [
  { pragma: 'FULL', value: 2, label: 'synchronous=FULL, as shipped' },
  { pragma: 'NORMAL', value: 1, label: 'synchronous=NORMAL' },
] as const;

function saleWithForecast(ctx: BenchContext): Result[] {
  const count = envInt('BENCH_SALE_RECORDS', ctx.quick ? 100 : 400);
  const warmup = Math.min(50, count);
  const backend = openBackend({ dataDir: ctx.work.dataDir, now: () => new Date(`${ctx.shop.endDate}T10:00:00`) });
  try {
    const { db } = backend.context;
    if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('expected synchronous=FULL as shipped');
    const pairs = db
      .prepare<[], { customer_id: number; product_id: number; n: number }>(
        `SELECT f.customer_id, f.product_id, (SELECT count(*) FROM sales s WHERE s.customer_id = f.customer_id AND s.product_id = f.product_id) AS n
         FROM forecasts f JOIN customers c ON c.id = f.customer_id WHERE c.archived_at IS NULL`,
      )
      .all();
    if (pairs.length === 0) throw new Error('the big shop has no forecasts: shop.load should have run recomputeAll');
    const history = summarize(pairs.map((p) => p.n));
    db.exec(`CREATE TABLE IF NOT EXISTS bench_scratch (
      id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity REAL NOT NULL,
      amount_fen INTEGER NOT NULL, paid INTEGER NOT NULL, date TEXT NOT NULL, created_at TEXT NOT NULL)`);
    const bareInsert = db.prepare(
      'INSERT INTO bench_scratch (customer_id, product_id, quantity, amount_fen, paid, date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const refreshInTransaction = db.transaction((customerId: number, productId: number) => backend.services.forecasts.refresh(customerId, productId));
    const random = createRandom(ctx.seed + 2);
    const today = backend.context.today();

    const results: Result[] = [];
    for (const mode of MODES) {
      db.pragma(`synchronous = ${mode.pragma}`);
      if (db.pragma('synchronous', { simple: true }) !== mode.value) throw new Error(`could not set synchronous=${mode.pragma}`);
      const times: number[] = [];
      const floor: number[] = [];
      const refresh: number[] = [];
      for (let i = 0; i < warmup + count; i++) {
        const pair = random.pick(pairs);
        const quantity = random.pick([1, 2, 5, 10]);
        let t = performance.now();
        bareInsert.run(pair.customer_id, pair.product_id, quantity, quantity * 100, 1, today, new Date().toISOString());
        const floorMs = performance.now() - t;

        t = performance.now();
        const envelope = backend.dispatch('sales.record', { customerId: pair.customer_id, productId: pair.product_id, quantity, paid: random.chance(0.85) });
        const ms = performance.now() - t;
        if (!envelope.ok) throw new Error(`sales.record failed: ${JSON.stringify(envelope.error)}`);

        let refreshMs = 0;
        if (mode.pragma === 'NORMAL') {
          const other = random.pick(pairs);
          t = performance.now();
          refreshInTransaction(other.customer_id, other.product_id);
          refreshMs = performance.now() - t;
        }
        if (i >= warmup) {
          times.push(ms);
          floor.push(floorMs);
          if (mode.pragma === 'NORMAL') refresh.push(refreshMs);
        }
      }
      const key = mode.pragma.toLowerCase();
      results.push({
        id: `saleForecast.record.${key}`,
        label: `record a sale + forecast update (${mode.label})`,
        group: 'saleForecast',
        stats: summarize(times),
        goalMs: GOAL_MS,
        floor: { label: `bare autocommit INSERT, synchronous=${mode.pragma}`, stats: summarize(floor) },
        note:
          mode.pragma === 'FULL'
            ? `an existing household-product pair each time (purchases per pair: median ${history.p50}, p95 ${history.p95}, max ${history.max}); one WAL fsync per commit`
            : 'no fsync on commit; auto-checkpoints included',
      });
      if (mode.pragma === 'NORMAL') {
        results.push({
          id: 'saleForecast.refreshOnly',
          label: 'forecast update alone (forecasts.refresh in a transaction, NORMAL)',
          group: 'saleForecast',
          stats: summarize(refresh),
          goalMs: null,
          floor: { label: 'bare autocommit INSERT, synchronous=NORMAL', stats: summarize(floor) },
        });
      }
      results.push({
        id: `floor.saleForecast.insert.${key}`,
        label: `floor: bare autocommit INSERT, synchronous=${mode.pragma}`,
        group: 'saleForecast',
        stats: summarize(floor),
        goalMs: null,
      });
    }
    return results;
  } finally {
    backend.close();
  }
}

export const saleForecastBench: Bench = { name: 'saleForecast', run: saleWithForecast };
