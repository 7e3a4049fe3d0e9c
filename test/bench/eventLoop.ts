import { setTimeout as sleep } from 'node:timers/promises';
import type { Backend } from '../../electron/backend/backend.ts';
import { summarize, type Result } from './stats.ts';

/** A stall the shop must never feel (issue 15): a search or a sale waiting this long during a long job. */
export const STALL_GOAL_MS = 200;

/**
 * What the shop feels while a long job runs: the longest the app's event loop stood still (late ticks of
 * a 10 ms timer: answers to the counter wait that long) and the most memory taken on top meanwhile
 * (peak RSS over the start, sampled by the same timer).
 */
export function watchEventLoop(): { stop(): { stallMs: number; extraMb: number } } {
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let tick = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - tick - 10);
    tick = now;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      // The last tick may be up to 10 ms old: one more look at what it missed.
      stallMs = Math.max(stallMs, performance.now() - tick - 10);
      return { stallMs, extraMb: (peakRss - rssBefore) / 2 ** 20 };
    },
  };
}

/** The longest a search and a sale through dispatch took while a job ran, and the longest the event loop stood still. */
export interface ShopWaits {
  searchMaxMs: number;
  saleMaxMs: number;
  stallMs: number;
  calls: number;
}

/**
 * What a shopkeeper meets during a long job: every 25 ms until `done` settles, a search and a sale
 * recorded through the real dispatch (the sale to an existing household of the book), each timed.
 */
export async function shopWhile(backend: Backend, done: Promise<unknown>): Promise<ShopWaits> {
  const pair = backend.context.db.prepare<[], { c: number; p: number }>('SELECT customer_id AS c, product_id AS p FROM forecasts LIMIT 1').get()!;
  const watch = watchEventLoop();
  let finished = false;
  void done.finally(() => (finished = true));
  const waits: ShopWaits = { searchMaxMs: 0, saleMaxMs: 0, stallMs: 0, calls: 0 };
  const queries = ['王', 'zhang', '138', 'li'];
  while (!finished) {
    let t = performance.now();
    const found = backend.dispatch('customers.search', { query: queries[waits.calls % queries.length] });
    waits.searchMaxMs = Math.max(waits.searchMaxMs, performance.now() - t);
    t = performance.now();
    const sold = backend.dispatch('sales.record', { customerId: pair.c, productId: pair.p, quantity: 1, paid: true });
    waits.saleMaxMs = Math.max(waits.saleMaxMs, performance.now() - t);
    if (!found.ok || !sold.ok) throw new Error(`a call during the job failed: ${JSON.stringify(found.ok ? sold : found)}`);
    waits.calls++;
    await sleep(25);
  }
  await done;
  waits.stallMs = watch.stop().stallMs;
  return waits;
}

/** The result line of the shop's waits during runs of one job. */
export function stallResult(id: string, group: string, job: string, waits: readonly ShopWaits[]): Result {
  const most = (of: (w: ShopWaits) => number) => Math.max(...waits.map(of)).toFixed(0);
  return {
    id,
    label: `  longest a search or a sale waited during the ${job}`,
    group,
    stats: summarize(waits.map((w) => Math.max(w.searchMaxMs, w.saleMaxMs, w.stallMs))),
    goalMs: STALL_GOAL_MS,
    note: `search ${most((w) => w.searchMaxMs)} ms, sale ${most((w) => w.saleMaxMs)} ms, event loop ${most((w) => w.stallMs)} ms at most`,
  };
}
