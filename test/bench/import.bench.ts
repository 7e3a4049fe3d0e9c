/**
 * Importing 100,000 customers from a CSV into an empty book: import.preview then import.apply (jobs,
 * polled), beside a bare bulk insert of the same rows into a scratch table in one transaction
 * (issue 4's goal: < 5 s and within 2x of that floor), and beside a truer floor: the same rows bare
 * into the book's own customers + customer_phones. BENCH_IMPORT_RUNS repeats (fresh books each time).
 * Then rows that merge into the big shop's customers (their phones, "merge" chosen): BENCH_MERGE_ROWS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { generateDemoShop } from '../../shared/domain/demoShop.ts';
import { forEachGramRowInKeyOrder, packedSearchKeysByName } from '../../shared/domain/packedSearchKeys.ts';
import { indexedPhones } from '../../shared/domain/searchKeys.ts';
import { batchInsert } from '../../electron/backend/db/batchInsert.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { shopWhile, stallResult, watchEventLoop, type ShopWaits } from './eventLoop.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 5000;

/**
 * Starts an import job and polls it like the UI. `watch`: what the shop meets meanwhile (a search and a
 * sale every 25 ms, shopWhile, in a book with sales), or at least how long the event loop stood still.
 */
async function runJob(
  backend: Backend,
  name: string,
  input: unknown,
  watch: 'shop' | 'loop' = 'loop',
): Promise<{ ms: number; data: Record<string, unknown>; waits: ShopWaits }> {
  const started = performance.now();
  const loop = watch === 'loop' ? watchEventLoop() : null;
  const start = backend.dispatch(name, input);
  if (!start.ok) throw new Error(`${name} failed: ${JSON.stringify(start.error)}`);
  const { jobId } = start.data as { jobId: string };
  const shop = watch === 'shop' ? shopWhile(backend, backend.book.jobs.get(jobId).finished) : null;
  const waitsOf = async (): Promise<ShopWaits> => (shop ? await shop : { searchMaxMs: 0, saleMaxMs: 0, calls: 0, stallMs: loop!.stop().stallMs });
  for (;;) {
    const status = backend.dispatch('data.importStatus', { jobId });
    if (!status.ok) throw new Error(`import.status failed: ${JSON.stringify(status.error)}`);
    const data = status.data as Record<string, unknown> & { state: string };
    if (data.state === 'done') return { ms: performance.now() - started, data, waits: await waitsOf() };
    if (data.state === 'failed') throw new Error(`${name}: ${JSON.stringify(data.error)}`);
    await sleep(20);
  }
}

type Household = ReturnType<typeof generateDemoShop>['households'][number];

const phoneOf = (i: number) => `139${String(i).padStart(8, '0')}`;

/** The issue's floor: the same rows, bare, into a scratch table with no index, same pragmas, one transaction. */
function scratchFloor(households: readonly Household[], file: string): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT, phone TEXT, address TEXT, area TEXT, adults INT, children INT, seniors INT)');
    const insert = db.prepare('INSERT INTO c (name, phone, address, area, adults, children, seniors) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const started = performance.now();
    db.transaction(() => {
      households.forEach((h, i) => insert.run(h.name, phoneOf(i), h.address, h.area, h.adults, h.children, h.seniors));
    })();
    return performance.now() - started;
  } finally {
    db.close();
  }
}

/**
 * A truer floor: the same rows, bare, into an empty book's own customers and customer_phones (their
 * indexes, checks and foreign keys), without search keys or the search index. The name stands in for
 * the pinyin sort key, so the sort-key index is written in the same scattered order.
 */
function bookTablesFloor(households: readonly Household[], dataDir: string): number {
  const backend = openBackend({ dataDir });
  try {
    backend.dispatch('shop.startEmpty', { shopName: 'floor', language: 'zh-CN' });
    const { db } = backend.context;
    const insertCustomer = db.prepare(
      `INSERT INTO customers (name, sort_key, address, area, adults, children, seniors, payday, tags, notes, credit_limit_fen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '[]', '', NULL, ?, ?)`,
    );
    const insertPhone = db.prepare('INSERT INTO customer_phones (customer_id, position, phone) VALUES (?, 0, ?)');
    const now = new Date().toISOString();
    const started = performance.now();
    db.transaction(() => {
      households.forEach((h, i) => {
        const id = insertCustomer.run(h.name, h.name, h.address, h.area, h.adults, h.children, h.seniors, now, now).lastInsertRowid;
        insertPhone.run(id, phoneOf(i));
      });
    })();
    return performance.now() - started;
  } finally {
    backend.close();
  }
}

/**
 * The floor of everything the import writes: the same rows' final records, bare, into all four tables
 * an imported household lives in: customers and customer_phones as above, and both search indexes
 * (customer_fts, and customer_grams in its key order, a hundred rows a statement), their keys computed
 * beforehand with the app's own functions, untimed. One thread, one transaction, as the import's write
 * is (its keys and the grams' order are computed beforehand too, by its job: importJob.ts).
 */
function everyTableFloor(households: readonly Household[], dataDir: string): number {
  const backend = openBackend({ dataDir });
  try {
    backend.dispatch('shop.startEmpty', { shopName: 'floor', language: 'zh-CN' });
    const { db } = backend.context;
    const keysOf = packedSearchKeysByName();
    const rows = households.map((h, i) => ({ h, phone: phoneOf(i), keys: keysOf(h.name) }));
    const insertCustomer = db.prepare(
      `INSERT INTO customers (name, sort_key, address, area, adults, children, seniors, payday, tags, notes, credit_limit_fen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '[]', '', NULL, ?, ?)`,
    );
    const insertPhone = db.prepare('INSERT INTO customer_phones (customer_id, position, phone) VALUES (?, 0, ?)');
    const insertFts = db.prepare('INSERT INTO customer_fts (rowid, name, pinyin, initials, phones, address) VALUES (?, ?, ?, ?, ?, ?)');
    const grams = batchInsert(db, 'customer_grams', ['gram', 'rank', 'sort_key', 'customer_id']);
    const now = new Date().toISOString();
    const started = performance.now();
    db.transaction(() => {
      const ids = rows.map(({ h, phone, keys }) => {
        const id = Number(insertCustomer.run(h.name, keys.sortKey, h.address, h.area, h.adults, h.children, h.seniors, now, now).lastInsertRowid);
        insertPhone.run(id, phone);
        return id;
      });
      rows.forEach(({ h, phone, keys }, i) =>
        insertFts.run(ids[i], h.name, keys.pinyin, keys.initials, indexedPhones([phone]), [h.address, h.area].filter(Boolean).join(' ')),
      );
      forEachGramRowInKeyOrder(
        rows.map(({ keys }, i) => ({ id: ids[i]!, keys })),
        (gram, rank, sortKey, id) => grams.add(gram, rank, sortKey, id),
      );
      grams.flush();
    })();
    return performance.now() - started;
  } finally {
    backend.close();
  }
}

/**
 * CPU time of this thread alone (the app's thread: workers excluded), where Linux tells it; else null.
 * process.cpuUsage counts every thread, and the import runs work on worker threads.
 */
function appThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return null;
  }
}

/**
 * Preview then apply into a fresh empty book, as the user lives it: the preview's job reads and checks
 * the file, the apply takes its rows and its job keys the names, so both are reported, and their sum.
 * Wall times, and CPU times (the machine may be shared): all threads, and the app's thread alone.
 */
async function importOnce(file: string, dataDir: string) {
  const backend = openBackend({ dataDir });
  try {
    backend.dispatch('shop.startEmpty', { shopName: 'bench', language: 'zh-CN' });
    const preview = await runJob(backend, 'data.startImportPreview', { file });
    const mapping = (preview.data.preview as { mapping: unknown }).mapping;
    const cpu = process.cpuUsage();
    const appCpu = appThreadCpuMs();
    const applied = await runJob(backend, 'data.startImport', { file, mapping, duplicates: 'skip' });
    const { user, system } = process.cpuUsage(cpu);
    const appCpuAfter = appThreadCpuMs();
    return {
      previewMs: preview.ms,
      applyMs: applied.ms,
      waits: { preview: preview.waits, apply: applied.waits },
      applyCpuMs: (user + system) / 1000,
      applyAppThreadCpuMs: appCpu === null || appCpuAfter === null ? null : appCpuAfter - appCpu,
      created: (applied.data.result as { created: number }).created,
    };
  } finally {
    backend.close();
  }
}

/**
 * A file of `rows` lines whose phones belong to customers of the big shop (every tenth one): each run
 * moves them all to a new address, adds an adult to a third of the households (their forecasts are
 * refreshed) and renames a tenth of them (their search grams are rewritten).
 */
async function mergeIntoBigShop(
  ctx: BenchContext,
  scratch: string,
  rows: number,
  runs: number,
): Promise<{ ms: number[]; waits: { preview: ShopWaits; apply: ShopWaits }[] }> {
  const backend = openBackend({ dataDir: ctx.work.dataDir });
  try {
    const ms: number[] = [];
    const waits: { preview: ShopWaits; apply: ShopWaits }[] = [];
    for (let run = 0; run < runs; run++) {
      const book = backend.context.db
        .prepare<[number], { name: string; phone: string; area: string; adults: number; children: number; seniors: number }>(
          `SELECT c.name, p.phone, c.area, c.adults, c.children, c.seniors FROM customers c
           JOIN customer_phones p ON p.customer_id = c.id AND p.position = 0 WHERE c.id % 10 = 0 ORDER BY c.id LIMIT ?`,
        )
        .all(rows);
      const lines = book.map((c, i) =>
        [
          i % 10 === 0 ? `${c.name.slice(0, 30)}${run}` : c.name,
          c.phone,
          `新村${run}-${i}号`,
          c.area,
          Math.min(30, c.adults + (i % 3 === 0 ? 1 : 0)),
          c.children,
          c.seniors,
        ].join(','),
      );
      const file = join(scratch, `merge-${run}.csv`);
      writeFileSync(file, `姓名,电话,地址,片区,大人,小孩,老人\r\n${lines.join('\r\n')}\r\n`);
      const preview = await runJob(backend, 'data.startImportPreview', { file }, 'shop');
      const mapping = (preview.data.preview as { mapping: unknown }).mapping;
      // Every differing field taken from the file: the most a merge writes.
      const applied = await runJob(backend, 'data.startImport', { file, mapping, duplicates: 'merge', differing: 'file' }, 'shop');
      waits.push({ preview: preview.waits, apply: applied.waits });
      const merged = (applied.data.result as { merged: number }).merged;
      if (merged !== book.length) throw new Error(`expected ${book.length} merges, got ${merged}`);
      ms.push(applied.ms);
      ctx.log(
        `merge run ${run + 1}/${runs}: ${merged} merged in ${applied.ms.toFixed(0)} ms; the shop waited ≤ ${Math.max(preview.waits.searchMaxMs, preview.waits.saleMaxMs, preview.waits.stallMs).toFixed(0)} ms during the preview, ≤ ${Math.max(applied.waits.searchMaxMs, applied.waits.saleMaxMs, applied.waits.stallMs).toFixed(0)} ms during the apply`,
      );
    }
    return { ms, waits };
  } finally {
    backend.close();
  }
}

async function importCustomers(ctx: BenchContext): Promise<Result[]> {
  const rows = envInt('BENCH_IMPORT_ROWS', ctx.quick ? 5000 : 100_000);
  const runs = envInt('BENCH_IMPORT_RUNS', ctx.quick ? 1 : 3);
  const scratch = mkdtempSync(join(dirname(ctx.work.dataDir), 'import-bench-'));
  try {
    const { households } = generateDemoShop({ households: rows, endDate: ctx.shop.endDate, days: 1, seed: 7 });
    const lines = households.map((h, i) => [h.name, phoneOf(i), h.address, h.area, h.adults, h.children, h.seniors].join(','));
    const file = join(scratch, 'customers.csv');
    writeFileSync(file, `\ufeff姓名,电话,地址,片区,大人,小孩,老人\r\n${lines.join('\r\n')}\r\n`);

    const scratchMs: number[] = [];
    const bookMs: number[] = [];
    const everyTableMs: number[] = [];
    const runsDone: Awaited<ReturnType<typeof importOnce>>[] = [];
    for (let run = 0; run < runs; run++) {
      scratchMs.push(scratchFloor(households, join(scratch, `floor-${run}.sqlite`)));
      bookMs.push(bookTablesFloor(households, join(scratch, `floor-book-${run}`)));
      everyTableMs.push(everyTableFloor(households, join(scratch, `floor-every-${run}`)));
      runsDone.push(await importOnce(file, join(scratch, `book-${run}`)));
      ctx.log(`import run ${run + 1}/${runs}: apply ${runsDone.at(-1)!.applyMs.toFixed(0)} ms`);
    }
    const mergeRows = envInt('BENCH_MERGE_ROWS', ctx.quick ? 500 : 10_000);
    const merged = await mergeIntoBigShop(ctx, scratch, mergeRows, runs);
    const merges = summarize(merged.ms);
    const apply = summarize(runsDone.map((r) => r.applyMs));
    const cpu = summarize(runsDone.map((r) => r.applyCpuMs));
    const appThreadCpu = runsDone.every((r) => r.applyAppThreadCpuMs !== null) ? summarize(runsDone.map((r) => r.applyAppThreadCpuMs!)) : null;
    const preview = summarize(runsDone.map((r) => r.previewMs));
    const previewAndApply = summarize(runsDone.map((r) => r.previewMs + r.applyMs));
    const floor = { label: `bare INSERT of the same ${rows} rows, one transaction`, stats: summarize(scratchMs) };
    const bookFloor = { label: `bare INSERT of the same rows into the book's customers + customer_phones`, stats: summarize(bookMs) };
    const everyTableFloorStats = {
      label: 'bare INSERT of the same final rows into every table the import writes (search indexes included)',
      stats: summarize(everyTableMs),
    };
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return [
      {
        id: 'data.startImport',
        label: `import ${rows} customers from CSV (apply)`,
        group: 'import',
        stats: apply,
        goalMs: GOAL_MS,
        floor,
        note:
          `${runsDone[0]!.created} created; apply CPU p50 ${seconds(cpu.p50)} all threads` +
          `${appThreadCpu ? `, ${seconds(appThreadCpu.p50)} the app's thread` : ''} (wall p50 ${seconds(apply.p50)}); ` +
          `goal also: within 2x of the floor (${(floor.stats.p50 * 2).toFixed(0)} ms at p50); ` +
          `p50 ratio ${(apply.p50 / floor.stats.p50).toFixed(1)}x the scratch table, ${(apply.p50 / bookFloor.stats.p50).toFixed(1)}x the book's own tables, ` +
          `${(apply.p50 / everyTableFloorStats.stats.p50).toFixed(1)}x every table it writes`,
      },
      { id: 'import.apply.bookTables', label: 'the same apply, against the book-tables floor', group: 'import', stats: apply, goalMs: null, floor: bookFloor },
      {
        id: 'import.apply.everyTable',
        label: 'the same apply, against every table it writes, bare',
        group: 'import',
        stats: apply,
        goalMs: null,
        floor: everyTableFloorStats,
      },
      {
        id: 'import.merge',
        label: `import ${mergeRows} rows merging into the big shop's customers (apply)`,
        group: 'import',
        stats: merges,
        goalMs: null,
      },
      stallResult(
        'import.merge.preview.stall',
        'import',
        `merge's preview (${mergeRows} rows, the big shop)`,
        merged.waits.map((w) => w.preview),
      ),
      stallResult(
        'import.merge.apply.stall',
        'import',
        `merge's apply (${mergeRows} rows, the big shop)`,
        merged.waits.map((w) => w.apply),
      ),
      stallResult(
        'import.preview.stall',
        'import',
        `preview of ${rows} rows into an empty book (event loop only)`,
        runsDone.map((r) => r.waits.preview),
      ),
      stallResult(
        'import.apply.stall',
        'import',
        `apply of ${rows} rows into an empty book (event loop only)`,
        runsDone.map((r) => r.waits.apply),
      ),
      {
        id: 'data.startImportPreview',
        label: `preview ${rows} rows (read, decode, map, validate, find duplicates)`,
        group: 'import',
        stats: preview,
        goalMs: null,
        note: "the apply's job keys the names and orders their grams (the preview needs neither): see preview + apply",
      },
      {
        id: 'import.previewAndApply',
        label: `preview + apply of the ${rows} rows, one after the other (the import as the user lives it)`,
        group: 'import',
        stats: previewAndApply,
        goalMs: null,
      },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const importBench: Bench = { name: 'import', run: importCustomers };
