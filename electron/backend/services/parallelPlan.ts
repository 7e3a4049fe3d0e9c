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
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { mergePlans, type RangePlan, type RangePlanner } from './forecastPlan.ts';
import type { WorkerAnswer } from './recomputeWorker.ts';

const STARTED = 1;
const DONE = 2;
/** A worker that has not started by then (it could not be created, or dies loading) is given up on. */
const START_TIMEOUT_MS = 10_000;
/** Beyond this, for all workers together, the ranges not planned yet are planned here (a 100k-household range takes ~2 s). */
const WORKER_TIMEOUT_MS = 60_000;
const MAX_WORKERS = 4;

// A tiny script rather than a file as the thread's entry: it runs even where the worker module cannot be
// loaded (it then says so at once instead of leaving the app's thread waiting), and it says when it has started.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData.signal);
const finish = (answer) => {
  try {
    workerData.port.postMessage(answer);
  } finally {
    Atomics.store(flags, 0, ${DONE});
    Atomics.notify(flags, 0);
  }
};
const failed = (error) => finish({ ok: false, message: String((error && error.message) || error) });
// Whatever goes wrong, the app's thread is told at once instead of waiting out its deadline.
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);
Atomics.store(flags, 0, ${STARTED});
Atomics.notify(flags, 0);
// The built app's worker is CommonJS: required (Electron's require reads inside app.asar); the sources are imported.
const load = workerData.moduleUrl.endsWith('.cjs')
  ? Promise.resolve().then(() => require(require('node:url').fileURLToPath(workerData.moduleUrl)))
  : import(workerData.moduleUrl);
load.then((m) => finish(m.planForWorker(workerData))).catch(failed);
`;

/** recomputeWorker beside this module: .ts when run from the sources, .cjs in the built app (vite.electron.config.ts). */
export function recomputeWorkerUrl(here: string = import.meta.url): string {
  return new URL(here.endsWith('.ts') ? './recomputeWorker.ts' : './recomputeWorker.cjs', here).href;
}

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
  flags: Int32Array;
  port: MessagePort;
  worker: Worker | null;
}

function startJob(file: string, range: [number, number], moduleUrl: string): Job {
  const { port1, port2 } = new MessageChannel();
  const flags = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = null;
  try {
    worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { file, from: range[0], to: range[1], moduleUrl, signal: flags.buffer, port: port2 },
      transferList: [port2],
    });
    // Its own errors arrive as its answer; an 'error' event would only repeat one (and must not crash the app).
    worker.on('error', () => {});
  } catch {
    worker = null;
  }
  return { range, flags, port: port1, worker };
}

/**
 * The job's plan, or null when it failed, did not start within START_TIMEOUT_MS of `startedAt`, or
 * did not finish by `deadline` (the worker is stopped either way). Atomics.wait throwing (a thread
 * where blocking is not allowed) is a failure like any other: the range is then planned here.
 */
function finishJob(job: Job, startedAt: number, deadline: number): RangePlan | null {
  if (!job.worker) return null;
  try {
    for (let state = Atomics.load(job.flags, 0); state !== DONE; state = Atomics.load(job.flags, 0)) {
      const until = state === 0 ? Math.min(deadline, startedAt + START_TIMEOUT_MS) : deadline;
      const left = until - Date.now();
      if (left <= 0) return null;
      Atomics.wait(job.flags, 0, state, left);
    }
    const answer = receiveMessageOnPort(job.port)?.message as WorkerAnswer | undefined;
    return answer?.ok ? answer.plan : null;
  } catch {
    return null;
  } finally {
    job.port.close();
    void job.worker.terminate();
  }
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
}

/** The whole book's plan, ranges planned at once; how many ranges were planned by workers. */
export function planInParallel(options: ParallelPlanOptions): { plan: RangePlan; byWorkers: number } {
  const [first, ...rest] = splitRange(options.end, options.parts ?? parallelParts());
  const moduleUrl = options.moduleUrl ?? recomputeWorkerUrl();
  const startedAt = Date.now();
  const jobs = rest.map((range) => startJob(options.file, range, moduleUrl));
  const plans: RangePlan[] = [options.planHere(first![0], first![1])];
  // One deadline for all of them: a stuck worker costs its range planned here, once, not a wait per worker.
  const deadline = startedAt + (options.timeoutMs ?? WORKER_TIMEOUT_MS);
  let byWorkers = 0;
  for (const job of jobs) {
    const plan = finishJob(job, startedAt, deadline);
    if (plan) byWorkers++;
    plans.push(plan ?? options.planHere(job.range[0], job.range[1]));
  }
  return { plan: mergePlans(plans), byWorkers };
}
