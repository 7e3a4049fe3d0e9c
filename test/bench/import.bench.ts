/**
 * Importing 100,000 customers from a CSV into an empty book: import.preview then import.apply (jobs,
 * polled), beside a bare bulk insert of the same rows into a scratch table in one transaction
 * (issue 4's goal: < 5 s and within 2x of that floor).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { generateDemoShop } from '../../shared/domain/demoShop.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 5000;

async function runJob(backend: Backend, name: string, input: unknown): Promise<{ ms: number; data: Record<string, unknown> }> {
  const started = performance.now();
  const start = backend.dispatch(name, input);
  if (!start.ok) throw new Error(`${name} failed: ${JSON.stringify(start.error)}`);
  const { jobId } = start.data as { jobId: string };
  for (;;) {
    const status = backend.dispatch('import.status', { jobId });
    if (!status.ok) throw new Error(`import.status failed: ${JSON.stringify(status.error)}`);
    const data = status.data as Record<string, unknown> & { state: string };
    if (data.state === 'done') return { ms: performance.now() - started, data };
    if (data.state === 'failed') throw new Error(`${name}: ${JSON.stringify(data.error)}`);
    await sleep(20);
  }
}

async function importCustomers(ctx: BenchContext): Promise<Result[]> {
  const rows = envInt('BENCH_IMPORT_ROWS', ctx.quick ? 5000 : 100_000);
  const scratch = mkdtempSync(join(dirname(ctx.work.dataDir), 'import-bench-'));
  try {
    const { households } = generateDemoShop({ households: rows, endDate: ctx.shop.endDate, days: 1, seed: 7 });
    const lines = households.map((h, i) => [h.name, `139${String(i).padStart(8, '0')}`, h.address, h.area, h.adults, h.children, h.seniors].join(','));
    const file = join(scratch, 'customers.csv');
    writeFileSync(file, `\ufeff姓名,电话,地址,片区,大人,小孩,老人\r\n${lines.join('\r\n')}\r\n`);

    // Floor: the same rows, bare, into a scratch table with the same pragmas, in one transaction.
    const floorDb = new Database(join(scratch, 'floor.sqlite'));
    floorDb.pragma('journal_mode = WAL');
    floorDb.pragma('synchronous = FULL');
    floorDb.exec('CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT, phone TEXT, address TEXT, area TEXT, adults INT, children INT, seniors INT)');
    const insert = floorDb.prepare('INSERT INTO c (name, phone, address, area, adults, children, seniors) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let t = performance.now();
    floorDb.transaction(() => {
      households.forEach((h, i) => insert.run(h.name, `139${String(i).padStart(8, '0')}`, h.address, h.area, h.adults, h.children, h.seniors));
    })();
    const floorMs = performance.now() - t;
    floorDb.close();

    const backend = openBackend({ dataDir: join(scratch, 'book') });
    try {
      backend.dispatch('shop.startEmpty', { shopName: 'bench', language: 'zh-CN' });
      const preview = await runJob(backend, 'import.preview', { file });
      const mapping = (preview.data.preview as { mapping: unknown }).mapping;
      const applied = await runJob(backend, 'import.apply', { file, mapping, duplicates: 'skip' });
      const created = (applied.data.result as { created: number }).created;
      const floor = { label: `bare INSERT of the same ${rows} rows, one transaction`, stats: summarize([floorMs]) };
      return [
        {
          id: 'import.apply',
          label: `import ${rows} customers from CSV (apply)`,
          group: 'import',
          stats: summarize([applied.ms]),
          goalMs: GOAL_MS,
          floor,
          note: `${created} created; preview (read, decode, map, validate, find duplicates) took ${(preview.ms / 1000).toFixed(1)} s; goal also: within 2x of the floor (${(floorMs * 2).toFixed(0)} ms)`,
        },
      ];
    } finally {
      backend.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const importBench: Bench = { name: 'import', run: importCustomers };
