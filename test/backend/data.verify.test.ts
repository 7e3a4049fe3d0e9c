/**
 * What a backup's verification costs the app: the check holds a bounded page cache whatever the size of
 * the book (measured as the peak RSS of a process of its own, getrusage's maxRSS, checking a real 80 MB
 * file, beside the same check with a cache as big as the file, which shows the measurement sees a
 * cache's memory), and the live book is counted a step at a time.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { CHECK_CACHE_KIB, countRows, countRowsInSteps } from '../../electron/backend/services/data/verify.ts';
import { draft, makeTempDir, startedShop } from './helpers.ts';

const verifyModule = pathToFileURL(join(import.meta.dirname, '..', '..', 'electron', 'backend', 'services', 'data', 'verify.ts')).href;

/** Peak RSS (MB) that integrity_check added to a fresh process, and its verdict. */
function checkInChild(file: string, cacheKiB: number): { rows: string[]; addedMb: number } {
  const script = `
    const { integrityCheck } = await import(${JSON.stringify(verifyModule)});
    const before = process.resourceUsage().maxRSS;
    const { rows } = integrityCheck(${JSON.stringify(file)}, ${cacheKiB});
    console.log(JSON.stringify({ rows, addedMb: (process.resourceUsage().maxRSS - before) / 1024 }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { rows: string[]; addedMb: number };
}

let dir: string;
let file: string;
beforeAll(() => {
  dir = makeTempDir('huitou-verify-memory-');
  file = join(dir, 'big.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('cache_size = -262144');
  // An index on random keys: integrity_check looks every row up in it, all over the file.
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, k BLOB, v BLOB);
    CREATE INDEX t_k ON t (k);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
    INSERT INTO t (k, v) SELECT randomblob(60), randomblob(100) FROM n;`);
  db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the integrity check of a backup', () => {
  it('holds at most its bounded page cache, not the file: an unbounded cache on the same file takes the file', () => {
    const bounded = checkInChild(file, CHECK_CACHE_KIB);
    const unbounded = checkInChild(file, 1024 * 1024);
    expect(bounded.rows).toEqual(['ok']);
    expect(unbounded.rows).toEqual(['ok']);
    expect(unbounded.addedMb).toBeGreaterThan(CHECK_CACHE_KIB / 1024 + 25);
    expect(bounded.addedMb).toBeLessThan(CHECK_CACHE_KIB / 1024 + 8);
  }, 120_000);
});

describe("counting the live book's rows for a backup", () => {
  it('counts what countRows counts, a rowid range at a time, the event loop turning between steps', async () => {
    const { b, rice } = startedShop();
    try {
      for (let i = 0; i < 5; i++) {
        const customer = b.call('customers.create', { draft: draft({ name: `顾客${i}`, phones: [`1380000000${i}`] }) });
        b.call('sales.record', { customerId: customer.id, productId: rice.id, quantity: 1, paid: true, date: '2026-11-20' });
      }
      let turns = 0;
      let counting = true;
      const spin = () => {
        if (!counting) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      const counts = await countRowsInSteps(b.context.db, 2);
      counting = false;
      expect(counts).toEqual(countRows(b.context.db));
      expect(counts.sales).toBe(5);
      // customers and sales 3 steps each (5 rows, 2 a step), settings and products theirs, and more.
      expect(turns).toBeGreaterThanOrEqual(8);
    } finally {
      b.dispose();
    }
  });
});
