/**
 * The full recompute (after a bulk change of products' rates or lead days, or a new forecast method):
 * dispatch('forecasts.recomputeAll') on the big shop, every household-product pair from its sales.
 * Floor: reading the same input bare (every non-voided sale in pair order, slice by slice as the
 * service does), timed next to each run; the ratio is what forecasting and writing add to reading.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 3000;

function recompute(ctx: BenchContext): Result[] {
  const runs = envInt('BENCH_RECOMPUTE_RUNS', ctx.quick ? 2 : 3);
  const backend = openBackend({ dataDir: ctx.work.dataDir, now: () => new Date(`${ctx.shop.endDate}T11:00:00`) });
  try {
    const { db } = backend.context;
    const slice = db.prepare<[number, number], { customer_id: number; product_id: number; date: string; quantity: number; stock_left: number | null }>(
      `SELECT customer_id, product_id, id, date, quantity, stock_left FROM sales
       WHERE customer_id >= ? AND customer_id < ? AND voided_at IS NULL ORDER BY customer_id, product_id, date, id`,
    );
    const maxId = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM customers').get()!.id;
    const readAll = () => {
      let n = 0;
      for (let from = 0; from <= maxId; from += 2000) n += slice.all(from, from + 2000).length;
      return n;
    };
    const times: number[] = [];
    const floor: number[] = [];
    let pairs = 0;
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      rows = readAll();
      floor.push(performance.now() - t);
      t = performance.now();
      const envelope = backend.dispatch('forecasts.recomputeAll', {});
      times.push(performance.now() - t);
      if (!envelope.ok) throw new Error(`forecasts.recomputeAll failed: ${JSON.stringify(envelope.error)}`);
      pairs = (envelope.data as { pairs: number }).pairs;
    }
    return [
      {
        id: 'recompute.all',
        label: `full recompute (${pairs} pairs)`,
        group: 'recompute',
        stats: summarize(times),
        goalMs: GOAL_MS,
        floor: { label: `bare read of ${rows} sales in pair order`, stats: summarize(floor) },
        note: `synchronous=FULL as shipped; one transaction; ${runs} runs`,
      },
      { id: 'floor.recompute.read', label: `floor: bare read of ${rows} sales in pair order`, group: 'recompute', stats: summarize(floor), goalMs: null },
    ];
  } finally {
    backend.close();
  }
}

export const recomputeBench: Bench = { name: 'recompute', run: recompute };
