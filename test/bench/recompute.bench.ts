/**
 * The full recompute (after a bulk change of products' rates or lead days, or a new forecast method):
 * dispatch('forecasts.recomputeAll') on the big shop, every household-product pair from its sales.
 * On the backend's thread in one transaction (the dispatch call), and as the recompute job a new
 * forecast method starts (chunks of households on a thread of its own), with a search and a sale
 * recorded every 25 ms meanwhile: the longest each waited is the shop's stall. Twice: on an up-to-date book (every pair forecast again, none rewritten) and after every product's
 * rates changed (every pair rewritten, as after a new forecast method). Then the settings change a shop
 * really makes: the owner edits the rates of the product most households buy (products.update).
 * Floor: reading the same input bare (every non-voided sale in pair order, slice by slice as the
 * service does), timed next to each run; the ratio is what forecasting and writing add to reading.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import type { RecomputeCounts } from '../../electron/backend/services/forecasts/forecasts.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { shopWhile, stallResult, type ShopWaits } from './eventLoop.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 3000;

async function recompute(ctx: BenchContext): Promise<Result[]> {
  const runs = envInt('BENCH_RECOMPUTE_RUNS', ctx.quick ? 2 : 3);
  const backend = openBackend({ dataDir: ctx.work.dataDir, now: () => new Date(`${ctx.shop.endDate}T11:00:00`) });
  try {
    const { db } = backend.context;
    const slice = db
      .prepare<[number, number], unknown[]>(
        `SELECT customer_id, product_id, id, date, quantity, stock_left FROM sales
         WHERE customer_id >= ? AND customer_id < ? AND voided_at IS NULL ORDER BY customer_id, product_id, date, id`,
      )
      .raw();
    const maxId = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM customers').get()!.id;
    const readAll = () => {
      let n = 0;
      for (let from = 0; from <= maxId; from += 5000) n += slice.all(from, from + 5000).length;
      return n;
    };
    const changeEveryRate = db.prepare('UPDATE products SET use_adult = use_adult * ?, use_child = use_child * ?, use_senior = use_senior * ?');
    const measure = (prepare: (run: number) => void) => {
      const times: number[] = [];
      const floor: number[] = [];
      let counts = { pairs: 0, written: 0 };
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        prepare(i);
        let t = performance.now();
        rows = readAll();
        floor.push(performance.now() - t);
        t = performance.now();
        const envelope = backend.dispatch('forecasts.recomputeAll', {});
        times.push(performance.now() - t);
        if (!envelope.ok) throw new Error(`forecasts.recomputeAll failed: ${JSON.stringify(envelope.error)}`);
        counts = envelope.data as { pairs: number; written: number };
      }
      return { times, floor, counts, rows };
    };
    const current = measure(() => {});
    // A different factor each run (up, then back down), so that every run really changes every pair.
    const changed = measure((run) => {
      const factor = run % 2 === 0 ? 1.01 : 1 / 1.01;
      changeEveryRate.run(factor, factor, factor);
    });
    // The owner edits the rates of the product most households buy: its pairs re-forecast in the edit's transaction.
    const products = db
      .prepare<[], { id: number; name: string; pairs: number }>(
        'SELECT p.id, p.name, count(*) AS pairs FROM forecasts f JOIN products p ON p.id = f.product_id GROUP BY p.id ORDER BY pairs DESC',
      )
      .all();
    const busiest = products[0]!;
    const edit: number[] = [];
    for (let i = 0; i < runs; i++) {
      const product = backend.services.products.get(busiest.id);
      const factor = i % 2 === 0 ? 1.01 : 1 / 1.01;
      const { adult, child, senior } = product.dailyUse;
      const dailyUse = { adult: adult * factor, child: child * factor, senior: senior * factor };
      const t = performance.now();
      const envelope = backend.dispatch('products.update', {
        id: product.id,
        draft: { name: product.name, unit: product.unit, priceFen: product.priceFen, dailyUse, leadDays: product.leadDays },
      });
      edit.push(performance.now() - t);
      if (!envelope.ok) throw new Error(`products.update failed: ${JSON.stringify(envelope.error)}`);
    }
    // The recompute job, every rate changed, while the shop searches and sells.
    const job: number[] = [];
    const waits: ShopWaits[] = [];
    let jobCounts: RecomputeCounts = { pairs: 0, written: 0, removed: 0 };
    for (let i = 0; i < runs; i++) {
      const factor = i % 2 === 0 ? 1.02 : 1 / 1.02;
      changeEveryRate.run(factor, factor, factor);
      const t = performance.now();
      const started = backend.book.jobs.startInWorker('recompute', 'recompute', { file: db.name, now: new Date(`${ctx.shop.endDate}T11:00:00`).toISOString() });
      waits.push(await shopWhile(backend, started.finished));
      job.push(performance.now() - t);
      if (started.state !== 'done') throw new Error(`the recompute job failed: ${JSON.stringify(started.error)}`);
      jobCounts = started.result as RecomputeCounts;
      ctx.log(
        `recompute job run ${i + 1}: ${(job[i]! / 1000).toFixed(2)} s, ${jobCounts.written} rewritten; ${waits[i]!.calls} searches + sales meanwhile, longest search ${waits[i]!.searchMaxMs.toFixed(0)} ms, sale ${waits[i]!.saleMaxMs.toFixed(0)} ms, event loop ${waits[i]!.stallMs.toFixed(0)} ms`,
      );
    }
    const floorLabel = `bare read of ${current.rows} sales in pair order`;
    const note = `synchronous=FULL as shipped; one transaction on the backend's thread; ${runs} runs`;
    return [
      {
        id: 'recompute.all',
        label: `full recompute, book up to date (${current.counts.pairs} pairs, ${current.counts.written} rewritten)`,
        group: 'recompute',
        stats: summarize(current.times),
        goalMs: GOAL_MS,
        floor: { label: floorLabel, stats: summarize(current.floor) },
        note,
      },
      {
        id: 'recompute.allChanged',
        label: `full recompute, every rate changed (${changed.counts.written} rewritten)`,
        group: 'recompute',
        stats: summarize(changed.times),
        goalMs: GOAL_MS,
        floor: { label: floorLabel, stats: summarize(changed.floor) },
        note,
      },
      {
        id: 'recompute.productEdit',
        label: `one product's rates edited (${busiest.name}: ${busiest.pairs} households re-forecast, in the edit's transaction)`,
        group: 'recompute',
        stats: summarize(edit),
        goalMs: GOAL_MS,
        floor: { label: floorLabel, stats: summarize(current.floor) },
        note: 'products.update through dispatch; planned on the app thread (workers cannot see the edit before it commits)',
      },
      {
        id: 'recompute.job',
        label: `the recompute job, every rate changed (${jobCounts.written} rewritten in ~50 ms chunks, on its own thread)`,
        group: 'recompute',
        stats: summarize(job),
        goalMs: null,
        floor: { label: floorLabel, stats: summarize(changed.floor) },
        note: 'what a new forecast method starts at open; the shop searches and sells meanwhile',
      },
      stallResult('recompute.job.stall', 'recompute', 'recompute job', waits),
      { id: 'floor.recompute.read', label: `floor: ${floorLabel}`, group: 'recompute', stats: summarize([...current.floor, ...changed.floor]), goalMs: null },
    ];
  } finally {
    backend.close();
  }
}

export const recomputeBench: Bench = { name: 'recompute', run: recompute };
