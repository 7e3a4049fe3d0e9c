/**
 * Recording a sale as the UI does it: dispatch('sales.record') on the big shop, one commit per sale.
 * The database ships with WAL + synchronous=FULL (an fsync of the WAL on every commit); the same is
 * measured with synchronous=NORMAL (no fsync on commit, only at checkpoints) for comparison.
 * Floor: a bare prepared INSERT into a scratch table, autocommit, same connection and pragmas,
 * timed right next to each recorded sale.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { createRandom } from '../../shared/domain/random.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 2;
const MODES = [
  { pragma: 'FULL', value: 2, label: 'synchronous=FULL, as shipped' },
  { pragma: 'NORMAL', value: 1, label: 'synchronous=NORMAL, for comparison' },
] as const;

function recordSale(ctx: BenchContext): Result[] {
  const count = envInt('BENCH_SALE_RECORDS', ctx.quick ? 100 : 400);
  const warmup = Math.min(50, count);
  const backend = openBackend({ dataDir: ctx.work.dataDir });
  try {
    const { db } = backend.context;
    const shipped = db.pragma('synchronous', { simple: true });
    const journal = db.pragma('journal_mode', { simple: true });
    if (shipped !== 2 || journal !== 'wal') throw new Error(`expected WAL + synchronous=FULL, found ${String(journal)} + ${String(shipped)}`);

    const customerIds = db.prepare<[], { id: number }>('SELECT id FROM customers WHERE archived_at IS NULL').all().map((r) => r.id);
    const products = backend.services.products.list(false);
    db.exec(`CREATE TABLE IF NOT EXISTS bench_scratch (
      id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity REAL NOT NULL,
      amount_fen INTEGER NOT NULL, paid INTEGER NOT NULL, date TEXT NOT NULL, created_at TEXT NOT NULL)`);
    const bareInsert = db.prepare(
      'INSERT INTO bench_scratch (customer_id, product_id, quantity, amount_fen, paid, date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const random = createRandom(ctx.seed + 1);
    const today = backend.context.today();

    const results: Result[] = [];
    for (const mode of MODES) {
      db.pragma(`synchronous = ${mode.pragma}`);
      if (db.pragma('synchronous', { simple: true }) !== mode.value) throw new Error(`could not set synchronous=${mode.pragma}`);
      const times: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < warmup + count; i++) {
        const customerId = random.pick(customerIds);
        const product = random.pick(products);
        const quantity = random.pick([1, 2, 5, 10]);
        const paid = random.chance(0.85);

        let t = performance.now();
        bareInsert.run(customerId, product.id, quantity, quantity * product.priceFen, paid ? 1 : 0, today, new Date().toISOString());
        const floorMs = performance.now() - t;

        t = performance.now();
        const envelope = backend.dispatch('sales.record', { customerId, productId: product.id, quantity, paid });
        const ms = performance.now() - t;
        if (!envelope.ok) throw new Error(`sales.record failed: ${JSON.stringify(envelope.error)}`);
        if (i >= warmup) {
          times.push(ms);
          floor.push(floorMs);
        }
      }
      const key = mode.pragma.toLowerCase();
      results.push(
        {
          id: `sale.record.${key}`,
          label: `record a sale (${mode.label})`,
          group: 'sale',
          stats: summarize(times),
          goalMs: GOAL_MS,
          floor: { label: `bare autocommit INSERT, synchronous=${mode.pragma}`, stats: summarize(floor) },
          note: mode.pragma === 'FULL' ? 'one WAL fsync per commit; auto-checkpoints (every 1000 WAL pages) included' : 'no fsync on commit; auto-checkpoints included',
        },
        {
          id: `floor.sale.insert.${key}`,
          label: `floor: bare autocommit INSERT, synchronous=${mode.pragma}`,
          group: 'sale',
          stats: summarize(floor),
          goalMs: null,
        },
      );
    }
    return results;
  } finally {
    backend.close();
  }
}

export const recordSaleBench: Bench = { name: 'sale', run: recordSale };
