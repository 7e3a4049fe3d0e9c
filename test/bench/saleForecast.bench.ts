/**
 * Recording a sale including its forecast update, as the counter does it: dispatch('sales.record') for
 * a household and product it already buys (so the update replays a real purchase history), one
 * commit per sale, with synchronous=FULL (as shipped: one WAL fsync per commit) and NORMAL.
 * Beside it, the forecast update's own cost (services.forecasts.refresh for another pair, in its own
 * transaction on a NORMAL connection, so no fsync) and the floor: a bare autocommit INSERT timed right
 * next to each sale (saleTiming.ts).
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { createRandom } from '../../shared/domain/random.ts';
import type { Bench, BenchContext } from './context.ts';
import { floorLabel, floorResult, timeSalesPerMode } from './saleTiming.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 2;

function saleWithForecast(ctx: BenchContext): Result[] {
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
    const refreshInTransaction = db.transaction((customerId: number, productId: number) => backend.services.forecasts.refresh(customerId, productId));
    const random = createRandom(ctx.seed + 2);
    const perMode = timeSalesPerMode(
      ctx,
      backend,
      () => {
        const pair = random.pick(pairs);
        const quantity = random.pick([1, 2, 5, 10]);
        return { customerId: pair.customer_id, productId: pair.product_id, quantity, amountFen: quantity * 100, paid: random.chance(0.85) };
      },
      (mode) => {
        if (mode.pragma !== 'NORMAL') return undefined;
        const other = random.pick(pairs);
        const t = performance.now();
        refreshInTransaction(other.customer_id, other.product_id);
        return performance.now() - t;
      },
    );

    return perMode.flatMap((measured): Result[] => {
      const { mode } = measured;
      const sale: Result = {
        id: `saleForecast.record.${mode.pragma.toLowerCase()}`,
        label: `record a sale + forecast update (${mode.label})`,
        group: 'saleForecast',
        stats: summarize(measured.times),
        goalMs: GOAL_MS,
        floor: { label: floorLabel(mode), stats: summarize(measured.floor) },
        note:
          mode.pragma === 'FULL'
            ? `an existing household-product pair each time (purchases per pair: median ${history.p50}, p95 ${history.p95}, max ${history.max}); one WAL fsync per commit`
            : 'no fsync on commit; auto-checkpoints included',
      };
      const refreshOnly: Result[] =
        mode.pragma === 'NORMAL'
          ? [
              {
                id: 'saleForecast.refreshOnly',
                label: 'forecast update alone (forecasts.refresh in a transaction, NORMAL)',
                group: 'saleForecast',
                stats: summarize(measured.extra),
                goalMs: null,
                floor: { label: floorLabel(mode), stats: summarize(measured.floor) },
              },
            ]
          : [];
      return [sale, ...refreshOnly, floorResult('saleForecast', measured)];
    });
  } finally {
    backend.close();
  }
}

export const saleForecastBench: Bench = { name: 'saleForecast', run: saleWithForecast };
