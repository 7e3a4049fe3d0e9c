/**
 * Long jobs on a thread of their own (jobWorker.ts, jobThread.ts): progress and answers through the
 * book's jobs, failures with the job's code, a thread that dies leaving the book as it was, and a
 * recompute that writes in chunks without overwriting what the shop records meanwhile.
 */
import { copyFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Job, JobKind } from '../../electron/backend/jobs/jobs.ts';
import { closeJobThreads, JOB_THREAD_NICE, jobThreadId, runJobInWorker } from '../../electron/backend/jobs/jobWorker.ts';
import type { RecomputeCounts } from '../../electron/backend/services/forecasts/forecasts.ts';
import { FORECAST_VERSION } from '../../shared/domain/forecast.ts';
import { misdefineIndex } from './dataHelpers.ts';
import { makeBackend, makeTempDir, type TestBackend } from './helpers.ts';

const crashingJob = pathToFileURL(join(import.meta.dirname, 'fixtures', 'crashingJob.ts')).href;
const threadJob = pathToFileURL(join(import.meta.dirname, 'fixtures', 'threadJob.ts')).href;

function demoShop(): TestBackend {
  const b = makeBackend();
  b.call('shop.createDemo', { language: 'zh-CN' });
  return b;
}

/** Every forecast and reminder as stored, updated_at aside. */
function derived(b: TestBackend) {
  const db = b.context.db;
  return {
    forecasts: db.prepare('SELECT customer_id, product_id, daily_use, last_sale_id, run_out_date, reminder_date FROM forecasts ORDER BY 1, 2').all(),
    reminders: db.prepare('SELECT customer_id, product_id, cycle_sale_id, status, due_date, area FROM reminders ORDER BY 1, 2').all(),
  };
}

async function finished<K extends JobKind>(job: Job<K>): Promise<Job<K>> {
  await job.finished;
  return job;
}

describe('a recompute job', () => {
  it('reports its progress and answers what the one-transaction recompute would have written', async () => {
    const b = demoShop();
    try {
      b.context.db.prepare('UPDATE products SET use_adult = use_adult * 1.5').run();
      const progress: number[] = [];
      const job = b.book.jobs.startInWorker('recompute', 'recompute', { file: b.context.db.name, now: new Date().toISOString(), households: 40 });
      const seen = setInterval(() => progress.push(job.progress), 1);
      await finished(job);
      clearInterval(seen);
      expect(job.state).toBe('done');
      expect(job.progress).toBe(1);
      expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
      const counts = job.result as RecomputeCounts;
      expect(counts.written).toBeGreaterThan(0);
      expect(counts.pairs).toBe(b.count('forecasts'));
      // Nothing left for a full recompute to do: the chunks wrote exactly what it would.
      expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: counts.pairs, written: 0 });
    } finally {
      b.dispose();
    }
  });

  it('never overwrites a sale recorded between its chunks with a plan made before it', async () => {
    const b = demoShop();
    try {
      const db = b.context.db;
      db.prepare('UPDATE products SET use_child = use_child * 2').run();
      const ids = db.prepare('SELECT DISTINCT customer_id AS c, product_id AS p FROM forecasts ORDER BY customer_id').all() as { c: number; p: number }[];
      const first = ids[0]!;
      const last = ids[ids.length - 1]!;
      const sold: number[] = [];
      // Each time a chunk is reported done, the shop sells to the first household (a chunk already
      // written) and to the last one (a chunk still to come).
      const job = b.book.jobs.start('recompute', (report) =>
        runJobInWorker('recompute', { file: db.name, now: new Date().toISOString(), households: 30 }, (p) => {
          report(p);
          if (p < 1) for (const pair of [first, last]) sold.push(b.call('sales.record', { customerId: pair.c, productId: pair.p, quantity: 1, paid: true }).id);
        }),
      );
      await finished(job);
      expect(job.state).toBe('done');
      expect(sold.length).toBeGreaterThanOrEqual(4);
      const cycle = (pair: { c: number; p: number }) =>
        db.prepare('SELECT cycle_sale_id FROM reminders WHERE customer_id = ? AND product_id = ?').pluck().get(pair.c, pair.p);
      expect(cycle(first)).toBe(sold[sold.length - 2]);
      expect(cycle(last)).toBe(sold[sold.length - 1]);
      expect(b.call('forecasts.recomputeAll', {}).written).toBe(0);
    } finally {
      b.dispose();
    }
  });

  it('runs at start after a new forecast method, storing the version only once every chunk is written', async () => {
    const dataDir = makeTempDir();
    const first = makeBackend({ dataDir });
    first.call('shop.createDemo', { language: 'zh-CN' });
    first.services.settings.setInternal('forecastVersion', FORECAST_VERSION - 1);
    first.context.db.prepare('UPDATE forecasts SET daily_use = daily_use * 2').run();
    const expected = (() => {
      // What the start does: the products learned from the sales, then every pair forecast with it.
      first.services.forecasts.learnAll();
      first.services.forecasts.recomputeAll();
      return derived(first);
    })();
    first.context.db.prepare('UPDATE forecasts SET daily_use = daily_use * 2').run();
    first.close();
    const b = makeBackend({ dataDir, recomputeJobFrom: 1 });
    try {
      const [job] = b.book.jobs.running(['recompute']);
      expect(job).toBeDefined();
      // The book answers while the job runs.
      expect(b.call('customers.search', { query: '' }).items.length).toBeGreaterThan(0);
      await job!.finished;
      expect(job!.state).toBe('done');
      expect(b.services.settings.getInternal('forecastVersion')).toBe(FORECAST_VERSION);
      expect(derived(b)).toEqual(expected);
    } finally {
      b.dispose();
    }
  });
});

describe('a job whose thread fails', () => {
  it("is failed with the job's code when its work throws (a recompute of a file that is not there)", async () => {
    const b = makeBackend();
    try {
      const job = await finished(b.book.jobs.startInWorker('recompute', 'recompute', { file: join(b.dataDir, 'missing.sqlite'), now: '' }, 'BACKUP_FAILED'));
      expect(job.state).toBe('failed');
      expect(job.error?.code).toBe('BACKUP_FAILED');
    } finally {
      b.dispose();
    }
  });

  it('is failed, and the book left exactly as it was, when its thread dies in the middle of a write', async () => {
    const b = demoShop();
    try {
      const before = derived(b);
      const counts = b.snapshot();
      const job = await finished(
        b.book.jobs.startInWorker('recompute', 'recompute', { file: b.context.db.name, now: '' }, 'INTERNAL', { moduleUrl: crashingJob }),
      );
      expect(job.state).toBe('failed');
      expect(job.error?.code).toBe('INTERNAL');
      expect(job.error?.message).toMatch(/exit code 3/);
      expect(derived(b)).toEqual(before);
      expect(b.snapshot()).toEqual(counts);
      // The lock it held died with it: the shop goes on selling.
      const pair = before.forecasts[0] as { customer_id: number; product_id: number };
      expect(b.callRaw('sales.record', { customerId: pair.customer_id, productId: pair.product_id, quantity: 1, paid: true }).ok).toBe(true);
    } finally {
      b.dispose();
    }
  });
});

describe('the integrity check job', () => {
  it('answers ok for a sound copy of the book, and problems for one whose index does not match its rows', async () => {
    const b = demoShop();
    try {
      b.context.db.pragma('wal_checkpoint(TRUNCATE)');
      const copy = join(b.dataDir, 'copy.sqlite');
      copyFileSync(b.context.db.name, copy);
      expect((await runJobInWorker('integrityCheck', { file: copy })).rows).toEqual(['ok']);
      misdefineIndex(copy, 'customers_by_area', 'CREATE INDEX customers_by_area ON customers (name, sort_key, id)');
      const { rows } = await runJobInWorker('integrityCheck', { file: copy });
      expect(rows[0]).not.toBe('ok');
    } finally {
      b.dispose();
    }
  });
});

describe('the job thread', () => {
  // The fixture's jobs are not jobThread.ts's: typed loosely on purpose.
  const run = (name: string, input: { ms?: number } = {}, idleMs?: number) =>
    runJobInWorker(name as 'integrityCheck', input as never, () => {}, { moduleUrl: threadJob, idleMs }) as unknown as Promise<{
      threadId: number;
      nice: number | null;
      started: number;
      ended: number;
    }>;

  it('is started by the first job and kept for the next ones, which run one after another in the order started', async () => {
    const first = await run('wait');
    expect(jobThreadId(threadJob)).toBe(first.threadId);
    const [a, b, c] = await Promise.all([run('wait', { ms: 30 }), run('wait', { ms: 30 }), run('wait')]);
    expect(new Set([first.threadId, a.threadId, b.threadId, c.threadId]).size).toBe(1);
    expect(b.started).toBeGreaterThanOrEqual(a.ended);
    expect(c.started).toBeGreaterThanOrEqual(b.ended);
  });

  it.runIf(process.platform === 'linux')("runs below the backend's thread (a higher nice value), which keeps its own", async () => {
    const own = getPriority();
    const { nice } = await run('wait');
    // A process started nicer still (a nice test run) cannot lower it: the thread keeps the process's.
    expect(nice).toBe(Math.max(JOB_THREAD_NICE, own));
    expect(getPriority()).toBe(own);
  });

  it('is replaced after a job that kills it: that job fails, the ones queued behind it run on a new thread', async () => {
    const before = await run('wait');
    const [killed, after] = await Promise.allSettled([run('exit'), run('wait')]);
    expect(killed.status).toBe('rejected');
    expect(String((killed as PromiseRejectedResult).reason)).toMatch(/exit code 3/);
    expect(after.status).toBe('fulfilled');
    expect((after as PromiseFulfilledResult<{ threadId: number }>).value.threadId).not.toBe(before.threadId);
  });

  it('is replaced after a stray exception between jobs: the next job runs on a new thread', async () => {
    const stray = await run('stray');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jobThreadId(threadJob)).toBeNull();
    expect((await run('wait')).threadId).not.toBe(stray.threadId);
  });

  it('ends once idle for a while, and at closeJobThreads (the backend closing); the next job starts a new one', async () => {
    const first = await run('wait', {}, 50);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(jobThreadId(threadJob)).toBeNull();
    const second = await run('wait');
    expect(second.threadId).not.toBe(first.threadId);
    closeJobThreads();
    expect(jobThreadId(threadJob)).toBeNull();
    expect((await run('wait')).threadId).not.toBe(second.threadId);
  });
});
