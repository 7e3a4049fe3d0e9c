/**
 * The payday collection list as the Collections screen asks for it: dispatch('credit.collections', {}),
 * on the big shop with "today" pinned to its last day. Floor: a bare walk of the same partial index
 * (balances_by_collect_from) for the first 200 debts due, timed right next to each call.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 50;

function collections(ctx: BenchContext): Result[] {
  const runs = envInt('BENCH_COLLECTIONS_RUNS', ctx.quick ? 20 : 60);
  const warmup = 5;
  const backend = openBackend({ dataDir: ctx.work.dataDir, now: () => new Date(`${ctx.shop.endDate}T09:00:00`) });
  try {
    const { db } = backend.context;
    const today = backend.context.today();
    const floorQuery = db.prepare<[string], { customer_id: number }>(
      'SELECT customer_id FROM balances WHERE balance_fen > 0 AND coalesce(snoozed_until, collect_from) <= ? LIMIT 200',
    );
    const times: number[] = [];
    const floor: number[] = [];
    let note = '';
    for (let i = 0; i < warmup + runs; i++) {
      let t = performance.now();
      floorQuery.all(today);
      const floorMs = performance.now() - t;
      t = performance.now();
      const envelope = backend.dispatch('credit.collections', {});
      const ms = performance.now() - t;
      if (!envelope.ok) throw new Error(`collections.list failed: ${JSON.stringify(envelope.error)}`);
      if (i === 0) {
        const list = envelope.data as { items: unknown[]; total: number; totalOwedFen: number };
        note = `${list.total} households to collect from (${list.items.length} returned), ¥${(list.totalOwedFen / 100).toFixed(2)} owed`;
      }
      if (i >= warmup) {
        times.push(ms);
        floor.push(floorMs);
      }
    }
    return [
      {
        id: 'credit.collections',
        label: 'payday collection list (limit 1000)',
        group: 'credit',
        stats: summarize(times),
        goalMs: GOAL_MS,
        floor: { label: 'bare balances index walk, 200 rows', stats: summarize(floor) },
        note,
      },
    ];
  } finally {
    backend.close();
  }
}

export const collectionsBench: Bench = { name: 'collections', run: collections };
