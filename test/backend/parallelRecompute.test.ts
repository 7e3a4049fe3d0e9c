/**
 * The full recompute of a big book plans ranges of households on worker threads (parallelPlan.ts).
 * Here on a demo book with the threshold lowered to 0: workers really run (real threads, each on its own
 * read-only connection to the temp book) and the book ends exactly as the single-threaded recompute leaves it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createRangePlanner, customerIdsEnd, mergePlans, packPlan, unpackPlan, type ChangedPair } from '../../electron/backend/services/forecastPlan.ts';
import { planInParallel, parallelParts, recomputeWorkerUrl, splitRange } from '../../electron/backend/services/parallelPlan.ts';
import { makeBackend, tableRows, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
  b.call('shop.createDemo', { language: 'zh-CN' });
});
afterEach(() => b.dispose());

const book = (t: TestBackend) => ({
  forecasts: tableRows(t, 'forecasts', 'customer_id, product_id').map(({ updated_at: _u, ...rest }) => rest),
  reminders: tableRows(t, 'reminders', 'customer_id, product_id').map(({ updated_at: _u, ...rest }) => rest),
});

describe('full recompute on worker threads', () => {
  it('an up-to-date book: every pair planned, by 2 workers and the app thread, nothing rewritten', () => {
    const before = book(b);
    const counts = b.services.forecasts.recomputeAll({ parallelFrom: 0, parts: 3 });
    expect(counts).toMatchObject({ pairs: before.forecasts.length, written: 0, removed: 0, byWorkers: 2 });
    expect(book(b)).toEqual(before);
    expect(b.context.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('every rate changed, a household’s sales gone, a forecast lost: the same book as the single-threaded recompute', () => {
    const db = b.context.db;
    const [gone, lost] = db.prepare('SELECT DISTINCT customer_id FROM forecasts ORDER BY customer_id LIMIT 2 OFFSET 40').pluck().all() as number[];
    db.prepare('UPDATE products SET use_adult = use_adult * 1.5').run();
    db.prepare('UPDATE sales SET voided_at = ? WHERE customer_id = ?').run('2026-11-22T00:00:00.000Z', gone);
    db.prepare('DELETE FROM forecasts WHERE customer_id = ?').run(lost);

    const parallel = b.services.forecasts.recomputeAll({ parallelFrom: 0, parts: 4 });
    expect(parallel.byWorkers).toBe(3);
    expect(parallel.written).toBeGreaterThan(0);
    expect(parallel.removed).toBeGreaterThan(0);
    const afterParallel = book(b);
    expect(afterParallel.forecasts.some((f) => f['customer_id'] === gone)).toBe(false);
    expect(afterParallel.forecasts.some((f) => f['customer_id'] === lost)).toBe(true);

    // Planned again on the app's thread alone: nothing left to write.
    expect(b.services.forecasts.recomputeAll({ parallelFrom: Number.MAX_SAFE_INTEGER })).toMatchObject({ written: 0, removed: 0, byWorkers: 0 });
    expect(book(b)).toEqual(afterParallel);
  });

  it('a worker that cannot load its module is not waited for: its range is planned on the app thread', () => {
    const db = b.context.db;
    db.prepare('UPDATE products SET lead_days = lead_days + 1').run();
    const planHere = createRangePlanner(db);
    const end = customerIdsEnd(db);
    const alone = planHere(0, end);
    const missing = pathToFileURL(join(b.dataDir, 'no-such-worker.cjs')).href;
    const { plan, byWorkers } = planInParallel({ file: db.name, end, planHere, parts: 3, moduleUrl: missing });
    expect(byWorkers).toBe(0);
    expect(plan).toEqual(alone);
    expect(alone.changed.length).toBeGreaterThan(0);
  });

  it.each([
    ['throws', 'exports.planRangesForWorker = () => { throw new Error("boom"); };'],
    ['lacks the export (a stale build)', 'exports.somethingElse = 1;'],
    ['hangs', 'exports.planRangesForWorker = () => { for (;;) {} };'],
  ])('a worker whose module %s costs no more than its deadline: its range is planned on the app thread', (_what, source) => {
    const db = b.context.db;
    const module = join(b.dataDir, `worker-${Math.random().toString(36).slice(2)}.cjs`);
    writeFileSync(module, source);
    const planHere = createRangePlanner(db);
    const end = customerIdsEnd(db);
    const hangs = source.includes('for (;;)');
    const started = performance.now();
    // A failure must be reported at once: with a 30 s deadline, waiting it out would show (liveness
    // bounds far from any normal time, not a speed goal). The hanging one is given up on at its deadline,
    // and not terminated (a thread stopped inside better-sqlite3 aborts the process): it runs on unheard.
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const { plan, byWorkers } = planInParallel({ file: db.name, end, planHere, parts: 2, moduleUrl: pathToFileURL(module).href, timeoutMs: hangs ? 2000 : 30_000 });
    const ms = performance.now() - started;
    if (hangs) expect(terminate).not.toHaveBeenCalled();
    terminate.mockRestore();
    expect(byWorkers).toBe(0);
    expect(plan).toEqual(planHere(0, end));
    expect(ms).toBeLessThan(hangs ? 20_000 : 25_000);
  }, 60_000);

  it('a worker that fails after handing over some ranges: those are used, the one it took and lost is planned here', () => {
    const db = b.context.db;
    db.prepare('UPDATE products SET use_adult = use_adult * 1.2').run();
    // The real worker, whose third range fails after it has claimed it.
    const module = join(b.dataDir, 'fails-mid-way.mjs');
    writeFileSync(
      module,
      `import { planRangesForWorker as plan } from ${JSON.stringify(recomputeWorkerUrl())};
       export function planRangesForWorker(input, emit) {
         let handed = 0;
         return plan(input, (planned) => {
           if (handed === 2) throw new Error('died mid-way');
           handed++;
           emit(planned);
         });
       }`,
    );
    const planHere = createRangePlanner(db);
    const end = customerIdsEnd(db);
    const written: number[] = [];
    let here = 0;
    // The app's thread made slow (as if writing a big book's plans), so that the worker, once started,
    // gets to claim ranges of its own and fails on one of them.
    const slowHere: typeof planHere = (from, to, productId) => {
      here++;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
      return planHere(from, to, productId);
    };
    const { plan, byWorkers } = planInParallel({ file: db.name, end, planHere: slowHere, parts: 2, moduleUrl: pathToFileURL(module).href, onPlan: (p) => written.push(p.pairs) });
    expect(byWorkers).toBe(1);
    // 12 ranges (2 threads x 6), each written once: the worker's one or two, and every other one planned
    // here (when the worker got to claim a third range, the one it lost is among them).
    expect(written).toHaveLength(12);
    expect(12 - here).toBeGreaterThanOrEqual(1);
    expect(12 - here).toBeLessThanOrEqual(2);
    expect(written.reduce((a, n) => a + n, 0)).toBe(planHere(0, end).pairs);
    expect(plan.changed).toHaveLength(0); // given to onPlan, not kept
  });

  it('a write that fails mid-way ends the recompute with its error; the book is as it was', () => {
    const before = book(b);
    const db = b.context.db;
    db.prepare('UPDATE products SET use_adult = use_adult * 1.7').run();
    const planHere = createRangePlanner(db);
    let written = 0;
    const failing = () => {
      if (++written === 3) throw new Error('disk full');
    };
    expect(() => planInParallel({ file: db.name, end: customerIdsEnd(db), planHere, parts: 2, onPlan: failing })).toThrow('disk full');
    expect(written).toBe(3);
    expect(book(b)).toEqual(before);
    // The workers given up on hold nothing: the next recompute runs and writes.
    expect(b.services.forecasts.recomputeAll({ parallelFrom: 0, parts: 2 }).written).toBeGreaterThan(0);
  });

  it('a recompute inside a caller’s transaction is planned on the app thread (workers cannot see uncommitted writes)', () => {
    const db = b.context.db;
    const counts = db.transaction(() => {
      db.prepare('UPDATE products SET use_child = use_child * 2').run();
      return b.services.forecasts.recomputeAll({ parallelFrom: 0, parts: 3 });
    })();
    expect(counts.byWorkers).toBe(0);
    expect(counts.written).toBeGreaterThan(0);
    expect(b.services.forecasts.recomputeAll({ parallelFrom: Number.MAX_SAFE_INTEGER }).written).toBe(0);
  });
});

describe('a plan handed over by a worker', () => {
  it('is packed and unpacked to the same plan: every pair, flag, number and text (odd areas included)', () => {
    const db = b.context.db;
    db.prepare('UPDATE products SET use_adult = use_adult * 1.3').run();
    db.prepare("UPDATE customers SET area = ? WHERE id IN (SELECT id FROM customers ORDER BY id LIMIT 3)").run('东门街 "3号" \\ 楼\n');
    const plan = createRangePlanner(db)(0, customerIdsEnd(db));
    plan.gone.push([7, 8], [9, 10]);
    expect(plan.changed.length).toBeGreaterThan(10);
    expect(new Set(plan.changed.map((c) => `${c.forecastChanged} ${c.reminderChanged}`)).size).toBeGreaterThan(1);
    const packed = packPlan(plan);
    expect(packed.numbers).toBeInstanceOf(Float64Array);
    expect(unpackPlan(structuredClone(packed))).toEqual(plan);
    expect(unpackPlan(packPlan({ pairs: 0, changed: [], gone: [] }))).toEqual({ pairs: 0, changed: [], gone: [] });
  });
});

describe('splitting the households', () => {
  it('covers [0, end) with contiguous ranges, no more ranges than ids', () => {
    expect(splitRange(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(splitRange(2, 4)).toEqual([[0, 1], [1, 2]]);
    expect(splitRange(0, 4)).toEqual([[0, 0]]);
  });

  it('one range per core, at most 4', () => {
    expect(parallelParts(1)).toBe(1);
    expect(parallelParts(2)).toBe(2);
    expect(parallelParts(16)).toBe(4);
  });

  it('finds the worker beside the module: the .ts source, or the built .cjs beside main.cjs', () => {
    expect(recomputeWorkerUrl('file:///app/electron/backend/services/parallelPlan.ts')).toBe('file:///app/electron/backend/services/recomputeWorker.ts');
    expect(recomputeWorkerUrl('file:///app/resources/app.asar/dist-electron/main.cjs')).toBe('file:///app/resources/app.asar/dist-electron/recomputeWorker.cjs');
  });
});

describe('merging plans', () => {
  it('keeps every range\'s pairs in order, even more than a spread could pass as arguments', () => {
    const pair = (customerId: number) => ({ customerId, productId: 1, lastSaleId: customerId, area: '', forecastChanged: true, reminderChanged: false }) as ChangedPair;
    const big = Array.from({ length: 300_000 }, (_, i) => pair(i));
    const merged = mergePlans([
      { pairs: 300_000, changed: big, gone: [[1, 2]] },
      { pairs: 1, changed: [pair(300_000)], gone: [] },
    ]);
    expect(merged.pairs).toBe(300_001);
    expect(merged.changed).toHaveLength(300_001);
    expect(merged.changed[300_000]!.customerId).toBe(300_000);
    expect(merged.gone).toEqual([[1, 2]]);
  });
});
