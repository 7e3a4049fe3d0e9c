/**
 * PRAGMA integrity_check of a whole file takes seconds on a big book (10 s of CPU for the 470 MB big
 * shop, most of a backup's time): it runs on worker threads so the app keeps answering, split in two
 * where two cores are free. The worker is inline source that requires better-sqlite3 by its resolved
 * path, so it works from the sources and from the bundled main.cjs alike; when no worker can start,
 * the whole-file check runs here.
 *
 * The split check, and why it is exactly as strong as the whole-file one (SQLite 3.54, pragma.c and
 * btree.c sqlite3BtreeIntegrityCheck):
 *  - `PRAGMA integrity_check(T)` for every table T of sqlite_schema (shadow tables, FTS tables and
 *    sqlite_schema itself included) does everything the whole-file check does for T and its indexes:
 *    each b-tree's pages, cells, order and overflow chains, pages used twice within those trees, NOT
 *    NULL / type / CHECK of every row, every row found in every index, UNIQUE, each index's entry
 *    count, and a virtual table's own xIntegrity (FTS5). integrity_check(sqlite_schema) also checks
 *    the freelist (its trunk chain, its leaf counts, its length against the header).
 *  - What a per-table check cannot see is the file as a whole (it is a "partial" b-tree check): a
 *    page used by trees of two different tables, or by a tree and the freelist, and a page nobody
 *    uses ("Page N: never used"), plus the auto-vacuum pointer map. The page accounting job covers
 *    these: every page number dbstat lists (every page of every b-tree, overflow pages included, the
 *    trees the per-table checks found sound), the freelist's trunk and leaf pages and the lock-byte
 *    page must together name each page of the file exactly once. A book with auto-vacuum (pointer-map
 *    pages; ours never have it) or a SQLite without dbstat gets `PRAGMA quick_check` instead, SQLite's
 *    own whole-file pass, which does all of the above (2.5 s instead of 0.6 s on the big shop).
 *  - Passed over by both, alike: a virtual table whose module this SQLite lacks; the connection's
 *    empty temp schema. Not the same: which problems are listed. The first job that finds any ends
 *    the check and its rows are the answer (up to 100: integrity_check(T) takes no limit), where the
 *    whole-file check lists its first 20 over all tables; the verdict, sound or not, is the same.
 *    test/backend/integrityCheck.test.ts damages files in each way that only one part can see.
 * The biggest job (sales with its three indexes: 3.9 s of CPU on the big shop) runs on one worker, everything else
 * on the other (2.9 s): the whole check takes about as long as that one table's. On one core the
 * whole-file check runs as before (the split would only add the accounting's 0.6 s).
 */
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

const INTEGRITY_CHECK = 'PRAGMA integrity_check(20)';
const MAX_CHECK_CACHE_KIB = 256 * 1024;
/** The tables after the biggest are a few MB each (reminders' three b-trees: about 40 MB on the big shop). */
const MAX_SMALL_CHECK_CACHE_KIB = 64 * 1024;
const MAX_WORKERS = 2;

/**
 * The page cache (KiB) of the connection that checks `file`. integrity_check looks each row of a table
 * up in every index of it, in rowid order: reads all over the indexes. With SQLite's 2 MB default each
 * lookup is a read() from the OS cache; with room for the biggest table's indexes (sales: 120 MB of the
 * big shop's 445 MB) the check of that book took 10 s of CPU instead of 14. Half the file, at most
 * 256 MB, and only while the check runs. Not mmap instead: reading a mapped file on a stick pulled out
 * kills the process (SIGBUS) where read() returns an error.
 */
function checkCacheKiB(file: string): number {
  return Math.min(MAX_CHECK_CACHE_KIB, Math.ceil(statSync(file).size / 2048));
}

/** integrity_check on an open connection, with the cache above; ['ok'] when sound. */
function integrityCheckOf(db: Database.Database, file: string): string[] {
  db.pragma(`cache_size = -${checkCacheKiB(file)}`);
  return db.prepare(INTEGRITY_CHECK).pluck().all() as string[];
}

function integrityCheckHere(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return integrityCheckOf(db, file);
  } finally {
    db.close();
  }
}

/** One part of the check: a statement, or the whole-file page accounting described above. */
export type CheckJob = { sql: string; cacheKiB: number; cost: number } | { pages: true; cacheKiB: number; cost: number };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Pages of the b-tree rooted at `root`, estimated from its leftmost path (the product of the fan-outs
 * met going down): a few page reads. Only orders the jobs; a damaged page just makes it 1.
 */
function estimatedPages(fd: number, pageSize: number, root: number): number {
  const page = Buffer.alloc(pageSize);
  let pages = 1;
  let at = root;
  for (let depth = 0; depth < 20 && at > 0; depth++) {
    if (readSync(fd, page, 0, pageSize, (at - 1) * pageSize) !== pageSize) break;
    const header = at === 1 ? 100 : 0;
    const interior = page[header] === 0x02 || page[header] === 0x05;
    if (!interior) break;
    const cells = page.readUInt16BE(header + 3);
    pages *= cells + 1;
    const firstCell = cells > 0 ? page.readUInt16BE(header + 12) : 0;
    at = firstCell > 0 && firstCell + 4 <= pageSize ? page.readUInt32BE(firstCell) : page.readUInt32BE(header + 8);
  }
  return pages;
}

/**
 * The jobs whose results together are the whole-file check's, biggest first: a table's cost is the
 * pages of its b-trees times their number (each row is looked up in every index). Read from the file
 * on this thread in a few ms.
 */
export function planIntegrityCheck(file: string): CheckJob[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const fd = openSync(file, 'r');
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const trees = db.prepare("SELECT type, name, tbl_name AS tableName, rootpage, sql FROM sqlite_schema WHERE type IN ('table', 'index')").all() as {
      type: string;
      name: string;
      tableName: string;
      rootpage: number | null;
      sql: string | null;
    }[];
    const modules = new Set(db.prepare('SELECT name FROM pragma_module_list').pluck().all() as string[]);
    // The whole-file check passes over a virtual table whose module this SQLite lacks; checked alone it
    // would be an error ("no such module"), which would call a sound foreign file damaged.
    const checkable = (t: (typeof trees)[number]) => t.rootpage || modules.has(/\bUSING\s+"?(\w+)/i.exec(t.sql ?? '')?.[1]?.toLowerCase() ?? '');
    const cacheKiB = checkCacheKiB(file);
    const small = Math.min(cacheKiB, MAX_SMALL_CHECK_CACHE_KIB);
    let totalPages = 0;
    const jobs: CheckJob[] = trees
      .filter((t) => t.type === 'table' && checkable(t))
      .map((table) => {
        // rootpage 0: a virtual table (FTS5), which its module checks from its shadow tables' rows
        const own = trees.filter((t) => t.tableName === table.name && t.rootpage);
        const pages = own.reduce((sum, t) => sum + estimatedPages(fd, pageSize, t.rootpage!), 0);
        totalPages += pages;
        return { sql: `PRAGMA integrity_check(${quote(table.name)})`, cacheKiB: small, cost: pages * own.length };
      });
    jobs.push({ sql: 'PRAGMA integrity_check(sqlite_schema)', cacheKiB: small, cost: 0 });
    // Auto-vacuum interleaves pointer-map pages, which dbstat does not list.
    const autoVacuum = (db.pragma('auto_vacuum', { simple: true }) as number) !== 0;
    const hasDbstat = modules.has('dbstat');
    // One pass over the file, where SQLite's default cache is as good as any (measured: 2 MB vs 128 MB).
    // Costs measured on the big shop against the sales check's: accounting 0.6 s, quick_check 2.5 s.
    const accounting: CheckJob = autoVacuum || !hasDbstat ? { sql: 'PRAGMA quick_check', cacheKiB: 16000, cost: totalPages } : { pages: true, cacheKiB: 16000, cost: totalPages / 4 };
    jobs.sort((a, b) => b.cost - a.cost);
    // The biggest table's check is the one the wall clock waits for: it gets the big cache.
    jobs[0] = { ...jobs[0]!, cacheKiB };
    return [...jobs, accounting].sort((a, b) => b.cost - a.cost);
  } finally {
    closeSync(fd);
    db.close();
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const Database = require(workerData.sqlitePath);
let db;
// Only for the bench's report: a Node without it (older Electron) checks just the same.
const threadCpu = () => {
  if (typeof process.threadCpuUsage !== 'function') return 0;
  const used = process.threadCpuUsage();
  return used.user + used.system;
};

// The whole-file half of integrity_check (see integrityWorker.ts): every page named exactly once.
function pageAccounting() {
  const pages = db.pragma('page_count', { simple: true });
  const pageSize = db.pragma('page_size', { simple: true });
  const problems = [];
  const note = (message) => { if (problems.length < 20) problems.push(message); };
  const used = new Uint8Array(pages + 1);
  const use = (page) => {
    if (!(page >= 1 && page <= pages)) { note('invalid page number ' + page); return false; }
    if (used[page]) { note('2nd reference to page ' + page); return false; }
    used[page] = 1;
    return true;
  };
  // The lock-byte page at 1 GiB is never part of anything (SQLite's PENDING_BYTE_PAGE).
  const lockPage = Math.floor(0x40000000 / pageSize) + 1;
  if (lockPage <= pages) used[lockPage] = 1;
  const fd = openSync(workerData.file, 'r');
  try {
    const page = Buffer.alloc(pageSize);
    readSync(fd, page, 0, 100, 0);
    const usable = pageSize - page[20];
    let trunk = page.readUInt32BE(32);
    let left = page.readUInt32BE(36);
    // integrity_check(sqlite_schema) checks the list itself; here its pages are only counted as used.
    while (trunk !== 0 && left > 0 && use(trunk)) {
      left--;
      if (readSync(fd, page, 0, pageSize, (trunk - 1) * pageSize) !== pageSize) { note('freelist trunk page ' + trunk + ' past the end'); break; }
      const leaves = page.readUInt32BE(4);
      if (leaves > usable / 4 - 2) { note('freelist leaf count too big on page ' + trunk); break; }
      for (let i = 0; i < leaves; i++) use(page.readUInt32BE(8 + 4 * i));
      left -= leaves;
      trunk = page.readUInt32BE(0);
    }
  } finally {
    closeSync(fd);
  }
  for (const page of db.prepare('SELECT pageno FROM dbstat').pluck().iterate()) use(page);
  for (let page = 1; page <= pages && problems.length < 20; page++) if (!used[page]) note('Page ' + page + ': never used');
  return problems.length > 0 ? problems : ['ok'];
}

parentPort.on('message', (job) => {
  if (job === 'close') {
    if (db) db.close();
    db = undefined;
    parentPort.close();
    return;
  }
  try {
    if (!db) db = new Database(workerData.file, { readonly: true, fileMustExist: true });
    db.pragma('cache_size = -' + job.cacheKiB);
    const cpu = threadCpu();
    const rows = job.pages ? pageAccounting() : db.prepare(job.sql).pluck().all();
    parentPort.postMessage({ ok: true, rows, cpuMs: (threadCpu() - cpu) / 1000 });
  } catch (error) {
    parentPort.postMessage({ ok: false, code: error && error.code, message: String(error && error.message) });
  }
});
`;

type Answer = { ok: boolean; rows?: string[]; code?: string; message?: string; cpuMs?: number };

export interface CheckOptions {
  /** At most this many threads (default: one per core, at most 2). */
  workers?: number;
  /**
   * Told each thread's CPU time in the check: the longest is how long the check takes on idle cores,
   * which a bench on a shared machine can report beside the wall clock.
   */
  onThreadCpu?: (cpuMs: number[]) => void;
}

/** The rows integrity_check returns (['ok'] when sound); rejects with SQLite's error (e.g. SQLITE_CORRUPT). */
export async function integrityCheckOffThread(file: string, options: CheckOptions = {}): Promise<string[]> {
  let sqlitePath: string;
  try {
    sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return integrityCheckHere(file);
  }
  const workers = Math.max(1, Math.min(MAX_WORKERS, options.workers ?? availableParallelism()));
  // One core: the split's accounting would be work on top of the whole-file check's.
  const jobs: CheckJob[] = workers > 1 ? planIntegrityCheck(file) : [{ sql: INTEGRITY_CHECK, cacheKiB: checkCacheKiB(file), cost: 1 }];
  const outcome = await runJobs(file, sqlitePath, jobs, workers, options.onThreadCpu);
  return outcome === 'no-worker' ? integrityCheckHere(file) : outcome;
}

/**
 * Hands `jobs` out in order to `count` workers, each with its own read-only connection, the next job to
 * whichever is free. Settles once every worker has exited (their connections closed: the file can be
 * renamed or removed then, Windows included); after the first problem or error no job is handed out.
 */
function runJobs(file: string, sqlitePath: string, jobs: CheckJob[], count: number, onThreadCpu: CheckOptions['onThreadCpu']): Promise<string[] | 'no-worker'> {
  return new Promise((resolve, reject) => {
    const queue = [...jobs];
    const running: Worker[] = [];
    const cpuMs: number[] = [];
    let exited = 0;
    let answered = 0;
    let problems: string[] | null = null;
    let failure: Error | null = null;
    let workerFailed = false;
    const done = () => problems !== null || failure !== null || workerFailed;
    const settle = () => {
      if (++exited < running.length) return;
      onThreadCpu?.(cpuMs);
      if (failure) reject(failure);
      else if (problems) resolve(problems);
      // Every job answered ok, or the check is done again here: never "ok" for a job not run.
      else resolve(!workerFailed && answered === jobs.length ? ['ok'] : 'no-worker');
    };
    // No thread is terminated: one stopped while it loads better-sqlite3 or runs a statement aborts the
    // whole process (Node's fatal "napi_get_last_error_info", seen in a restore refusal). Once done(),
    // each worker is sent 'close' after its current job instead, and ends by itself.
    const next = (worker: Worker) => worker.postMessage((done() ? undefined : queue.shift()) ?? 'close');
    for (let i = 0; i < Math.min(count, jobs.length); i++) {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlitePath } });
      } catch {
        break;
      }
      const index = running.push(worker) - 1;
      cpuMs[index] = 0;
      worker.on('message', (answer: Answer) => {
        answered++;
        cpuMs[index]! += answer.cpuMs ?? 0;
        if (!done()) {
          if (!answer.ok) failure = Object.assign(new Error(answer.message ?? 'integrity_check failed'), { code: answer.code });
          else if (answer.rows!.length !== 1 || answer.rows![0] !== 'ok') problems = answer.rows!;
        }
        next(worker);
      });
      // The worker itself failed (could not load the module...): the check runs here instead.
      worker.once('error', () => {
        workerFailed = true;
      });
      worker.once('exit', settle);
      next(worker);
    }
    if (running.length === 0) resolve('no-worker');
  });
}
