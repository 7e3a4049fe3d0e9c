/**
 * A full recompute of a big book spends most of its time reading 2M sales and forecasting 250k pairs,
 * one core's work. Here the households are split into ranges: worker threads plan all but the first,
 * each on its own read-only connection, while the app's thread plans the first; the plans are then
 * written by the caller in one transaction. The caller holds the write lock while the workers read, so
 * they see exactly the book it is about to write (nobody else can commit in between).
 *
 * The recompute is synchronous (like every backend call), so the app's thread waits for the workers
 * with Atomics.wait and takes their plans with receiveMessageOnPort. A worker that cannot start, fails or
 * takes too long is not waited for: its range is planned here instead. Results never depend on workers.
 */
import { availableParallelism } from 'node:os';
import { mergePlans, unpackPlan, type PackedPlan, type RangePlan, type RangePlanner } from './forecastPlan.ts';
import { startWorkerTask, workerModuleUrl, type WorkerTask } from './workerTask.ts';

/** Beyond this, for all workers together, the ranges not planned yet are planned here (a 100k-household range takes ~2 s). */
const WORKER_TIMEOUT_MS = 60_000;
const MAX_WORKERS = 4;

/** recomputeWorker beside this module (workerModuleUrl). */
export const recomputeWorkerUrl = (here: string = import.meta.url): string => workerModuleUrl(here, { ts: './recomputeWorker.ts', cjs: './recomputeWorker.cjs' });

/** How many ranges to plan at once: one per core, at most MAX_WORKERS (the app's thread counts as one). */
export function parallelParts(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

/** [from, to) ranges of household ids covering [0, end), as even as ids allow. */
export function splitRange(end: number, parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, end));
  const ranges: [number, number][] = [];
  for (let i = 0; i < count; i++) ranges.push([Math.floor((end * i) / count), Math.floor((end * (i + 1)) / count)]);
  return ranges;
}

interface Job {
  range: [number, number];
  task: WorkerTask<PackedPlan>;
}

export interface ParallelPlanOptions {
  /** The book's file: each worker opens it read-only. */
  file: string;
  /** One past the highest household id to plan. */
  end: number;
  /** Plans a range on the app's own connection (the first range, and any a worker could not do). */
  planHere: RangePlanner;
  parts?: number;
  moduleUrl?: string;
  timeoutMs?: number;
  /**
   * Given each range's plan as soon as it is made, the app thread's first: the caller can write it while
   * the workers finish theirs (the app thread's own range is done first and would otherwise wait). The
   * plans are then not kept: the answer's plan is empty.
   */
  onPlan?: (plan: RangePlan) => void;
}

/** The whole book's plan, ranges planned at once; how many ranges were planned by workers. */
export function planInParallel(options: ParallelPlanOptions): { plan: RangePlan; byWorkers: number } {
  const [first, ...rest] = splitRange(options.end, options.parts ?? parallelParts());
  const moduleUrl = options.moduleUrl ?? recomputeWorkerUrl();
  const startedAt = Date.now();
  const jobs: Job[] = rest.map((range) => ({ range, task: startWorkerTask<PackedPlan>(moduleUrl, 'planForWorker', { file: options.file, from: range[0], to: range[1] }) }));
  const plans: RangePlan[] = [];
  const made = options.onPlan ?? ((plan: RangePlan) => plans.push(plan));
  made(options.planHere(first![0], first![1]));
  // One deadline for all of them: a stuck worker costs its range planned here, once, not a wait per worker.
  const deadline = startedAt + (options.timeoutMs ?? WORKER_TIMEOUT_MS);
  let byWorkers = 0;
  for (const job of jobs) {
    const packed = job.task.waitFor(deadline);
    if (packed) byWorkers++;
    made(packed ? unpackPlan(packed) : options.planHere(job.range[0], job.range[1]));
  }
  return { plan: mergePlans(plans), byWorkers };
}
