/**
 * Recording a sale as the UI does it: dispatch('sales.record') on the big shop, one commit per sale.
 * The database ships with WAL + synchronous=FULL (an fsync of the WAL on every commit); the same is
 * measured with synchronous=NORMAL (no fsync on commit, only at checkpoints) for comparison.
 * Floor: a bare prepared INSERT into a scratch table, autocommit, same connection and pragmas,
 * timed right next to each recorded sale (saleTiming.ts).
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { createRandom } from '../../shared/domain/random.ts';
import type { Bench, BenchContext } from './context.ts';
import { floorLabel, floorResult, timeSalesPerMode } from './saleTiming.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 2;

function recordSale(ctx: BenchContext): Result[] {
  const backend = openBackend({ dataDir: ctx.work.dataDir });
  try {
    const { db } = backend.context;
    const shipped = db.pragma('synchronous', { simple: true });
    const journal = db.pragma('journal_mode', { simple: true });
    if (shipped !== 2 || journal !== 'wal') throw new Error(`expected WAL + synchronous=FULL, found ${String(journal)} + ${String(shipped)}`);

    const customerIds = db
      .prepare<[], { id: number }>('SELECT id FROM customers WHERE archived_at IS NULL')
      .all()
      .map((r) => r.id);
    const products = backend.services.products.list(false);
    const random = createRandom(ctx.seed + 1);
    const perMode = timeSalesPerMode(ctx, backend, () => {
      const customerId = random.pick(customerIds);
      const product = random.pick(products);
      const quantity = random.pick([1, 2, 5, 10]);
      return { customerId, productId: product.id, quantity, amountFen: quantity * product.priceFen, paid: random.chance(0.85) };
    });

    return perMode.flatMap((measured): Result[] => [
      {
        id: `sale.record.${measured.mode.pragma.toLowerCase()}`,
        label: `record a sale (${measured.mode.label})`,
        group: 'sale',
        stats: summarize(measured.times),
        goalMs: GOAL_MS,
        floor: { label: floorLabel(measured.mode), stats: summarize(measured.floor) },
        note:
          measured.mode.pragma === 'FULL'
            ? 'one WAL fsync per commit; auto-checkpoints (every 1000 WAL pages) included'
            : 'no fsync on commit; auto-checkpoints included',
      },
      floorResult('sale', measured),
    ]);
  } finally {
    backend.close();
  }
}

export const recordSaleBench: Bench = { name: 'sale', run: recordSale };
