/**
 * A full recompute of a big book spends most of its time reading 2M sales and forecasting 250k pairs,
 * and the rest writing what changed, on the app's thread (the one writer). Here the households are split
 * into many ranges, planned at once by worker threads (each on its own read-only connection) and the
 * app's thread: each worker hands over each range's plan as soon as it is made, and the app's thread
 * writes the plans it has been handed before it plans another range itself. So the writing overlaps the
 * workers' planning instead of following it (every rate changed on the big shop: the app's thread used to
 * plan its half, then write both halves while the worker sat idle). The caller holds the write lock while
 * the workers read, so they see exactly the book it is about to write (nobody else can commit in between).
 *
 * The recompute is synchronous (like every backend call), so the app's thread waits for the workers
 * with Atomics.wait and takes their plans with receiveMessageOnPort. A worker that cannot start, fails or
 * takes too long is not waited for: the ranges it took and did not hand over are planned here instead.
 * Results never depend on workers.
 */
import { availableParallelism } from 'node:os';
import { mergePlans, unpackPlan, type RangePlan, type RangePlanner } from './forecastPlan.ts';
import type { PlanOfRange, RangesForWorker } from './recomputeWorker.ts';
import { startWorkerTask, workerModuleUrl, type WorkerTask } from './workerTask.ts';

/** Beyond this, for all workers together, the ranges not planned yet are planned here (a 100k-household range takes ~2 s). */
const WORKER_TIMEOUT_MS = 60_000;
const MAX_WORKERS = 4;

/** recomputeWorker beside this module (workerModuleUrl). */
export const recomputeWorkerUrl = (here: string = import.meta.url): string => workerModuleUrl(here, { ts: './recomputeWorker.ts', cjs: './recomputeWorker.cjs' });

/** How many threads plan at once: one per core, at most MAX_WORKERS (the app's thread counts as one). */
export function parallelParts(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

/**
 * Ranges per planning thread: small enough that the last one to finish keeps nobody waiting long, and that
 * the app's thread, busy writing, takes fewer of them; few enough that each is worth a message.
 */
const RANGES_PER_THREAD = 6;

/** [from, to) ranges of household ids covering [0, end), as even as ids allow. */
export function splitRange(end: number, parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, end));
  const ranges: [number, number][] = [];
  for (let i = 0; i < count; i++) ranges.push([Math.floor((end * i) / count), Math.floor((end * (i + 1)) / count)]);
  return ranges;
}

export interface ParallelPlanOptions {
  /** The book's file: each worker opens it read-only. */
  file: string;
  /** One past the highest household id to plan. */
  end: number;
  /** Plans a range on the app's own connection. */
  planHere: RangePlanner;
  /** Threads planning at once, the app's thread included. */
  parts?: number;
  moduleUrl?: string;
  timeoutMs?: number;
  /**
   * Given each range's plan as soon as it is there (in no particular order): the caller writes it while
   * the workers plan on. The plans are then not kept: the answer's plan is empty.
   */
  onPlan?: (plan: RangePlan) => void;
}

/** The whole book's plan, ranges planned at once; how many worker threads planned some of it. */
export function planInParallel(options: ParallelPlanOptions): { plan: RangePlan; byWorkers: number } {
  const parts = options.parts ?? parallelParts();
  const ranges = splitRange(options.end, parts * RANGES_PER_THREAD);
  const moduleUrl = options.moduleUrl ?? recomputeWorkerUrl();
  const startedAt = Date.now();
  // Each worker starts on a range of its own (range w + 1; the app's thread has range 0), then each thread
  // claims the next range nobody has.
  const workers = Math.max(0, Math.min(parts - 1, ranges.length - 1));
  const claim = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(claim, 0, workers + 1);
  const tasks = Array.from({ length: workers }, (_, w) => {
    const input: RangesForWorker = { file: options.file, ranges, first: w + 1, claim: claim.buffer as SharedArrayBuffer };
    return startWorkerTask<number, PlanOfRange>(moduleUrl, 'planRangesForWorker', input);
  });

  // Kept in range order when there is no onPlan: the same plan as one planned in a single pass.
  const plans: (RangePlan | undefined)[] = new Array<RangePlan | undefined>(ranges.length);
  const planned = new Array<boolean>(ranges.length).fill(false);
  const made = (index: number, plan: RangePlan) => {
    planned[index] = true;
    if (options.onPlan) options.onPlan(plan);
    else plans[index] = plan;
  };
  const helped = new Set<WorkerTask<number, PlanOfRange>>();
  const planHere = (index: number) => made(index, options.planHere(ranges[index]![0], ranges[index]![1]));
  const handedOver = (task: WorkerTask<number, PlanOfRange>, emitted: PlanOfRange[]) => {
    for (const { index, plan } of emitted) {
      helped.add(task);
      made(index, unpackPlan(plan));
    }
    return emitted.length > 0;
  };

  try {
    planHere(0);
    // What the workers handed over is written first; only then does the app's thread plan another range.
    for (;;) {
      for (const task of tasks) handedOver(task, task.take());
      const index = Atomics.add(claim, 0, 1);
      if (index >= ranges.length) break;
      planHere(index);
    }
    // No range left to claim: the workers' last plans, as they come. One deadline for all of them: a stuck
    // worker costs its ranges planned here, once, not a wait per worker.
    const deadline = startedAt + (options.timeoutMs ?? WORKER_TIMEOUT_MS);
    let open = tasks;
    while (open.length > 0) {
      if (open.map((task) => handedOver(task, task.take())).some(Boolean)) continue;
      const [first] = open as [WorkerTask<number, PlanOfRange>];
      const news = first.next(deadline);
      handedOver(first, news.emitted);
      if (news.ended) {
        first.waitFor(deadline);
        open = open.slice(1);
      }
    }
    for (let index = 0; index < ranges.length; index++) if (!planned[index]) planHere(index);
  } finally {
    // A write (onPlan) or a plan here that failed leaves workers still planning: they claim nothing more,
    // and are not waited for.
    Atomics.store(claim, 0, ranges.length);
    for (const task of tasks) task.cancel();
  }
  return { plan: mergePlans(plans.filter((plan) => plan !== undefined)), byWorkers: helped.size };
}
