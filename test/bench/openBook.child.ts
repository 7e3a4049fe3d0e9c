/**
 * Run by openBook.bench.ts in a fresh process: `node openBook.child.ts book|floor <dataDir>`.
 * Prints one JSON line with its timings (ms). Module loading is timed apart from opening.
 */
import { join } from 'node:path';

const [mode, dataDir] = process.argv.slice(2);
if ((mode !== 'book' && mode !== 'floor') || !dataDir) {
  console.error('usage: node openBook.child.ts book|floor <dataDir>');
  process.exit(2);
}

if (mode === 'book') {
  let t = performance.now();
  const { openBackend } = await import('../../electron/backend/backend.ts');
  const importMs = performance.now() - t;

  const start = performance.now();
  const backend = openBackend({ dataDir });
  const openMs = performance.now() - start;
  t = performance.now();
  const info = backend.dispatch('shop.info', {});
  const infoMs = performance.now() - t;
  t = performance.now();
  const first = backend.dispatch('customers.search', { query: '' });
  const searchMs = performance.now() - t;
  const totalMs = performance.now() - start;
  if (!info.ok || !first.ok) throw new Error(`open failed: ${JSON.stringify(info.ok ? first : info)}`);
  const rows = (first.data as { items: unknown[] }).items.length;
  backend.close();
  console.log(JSON.stringify({ importMs, openMs, infoMs, searchMs, totalMs, rows }));
} else {
  let t = performance.now();
  const { default: Database } = await import('better-sqlite3');
  const importMs = performance.now() - t;

  t = performance.now();
  const db = new Database(join(dataDir, 'huitou.sqlite'));
  const row = db.prepare('SELECT id FROM customers WHERE id = ?').get(1);
  const totalMs = performance.now() - t;
  if (!row) throw new Error('floor: customer 1 missing');
  db.close();
  console.log(JSON.stringify({ importMs, totalMs }));
}
