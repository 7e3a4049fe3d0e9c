/**
 * The one way long work leaves the backend's thread: a named job function of jobThread.ts, run on a
 * worker thread with its own SQLite connection, its progress and its answer posted back. The backend's
 * thread keeps answering searches and sales meanwhile; what it must wait for is at most one short
 * transaction of the job (a recompute writes in small chunks).
 *
 * One job thread, kept: started with the first job, reused by the next ones, ended once idle for
 * IDLE_MS (its page cache and rows given back) or when the backend closes. Loading the job modules
 * costs hundreds of ms from the TypeScript sources (tests, npm run web) and ~50 ms built: a thread per
 * job paid it for every automatic backup's check. Jobs run one after another on it, in the order they
 * were started: a JavaScript thread runs one at a time anyway, a second thread would take the core the
 * backend's thread needs on a 2-core shop PC (the 200 ms goal), and only one thread's memory is held.
 * A thread that dies (out of memory, killed, a job's stray exception) fails the job it was running only:
 * the next job starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorInfo } from '../../../shared/errors.ts';
import type { JobInput, JobName, JobOutput } from './jobThread.ts';

/**
 * The URL of a worker module beside the calling module (`here`: that module's own URL): its .ts file when
 * run from the sources, its .cjs file in the built app, where every module's URL is main.cjs
 * (vite.electron.config.ts). The file names stay literal so that the bundle names the files it needs.
 */
function workerModuleUrl(here: string, files: { ts: string; cjs: string }): string {
  return new URL(here.endsWith('.ts') ? files.ts : files.cjs, here).href;
}

/** jobThread beside this module. */
export const jobThreadUrl = (here: string = import.meta.url): string => workerModuleUrl(here, { ts: './jobThread.ts', cjs: './jobThread.cjs' });

/**
 * What the job thread posts about the job `id`: progress (0..1) any number of times, then its answer or
 * its error (an AppError's info; any other error as a message alone, which the job then reports with its
 * failure code). `fatal`: the thread ends after it (it could not load its module, or a stray exception
 * left it in an unknown state).
 */
export type JobMessage = { id: number } & ({ progress: number } | { done: unknown } | { failed: ErrorInfo | PlainError; fatal?: boolean });
/** Any error but an AppError, as it crosses: its message, and SQLite's code (SQLITE_CORRUPT...) if it had one. */
type PlainError = { message: string; sqlite?: string };

/** The job thread's nice value on Linux: it yields the CPU to the backend's thread (searches, sales). */
export const JOB_THREAD_NICE = 10;

// A tiny script as the thread's entry, loading the job module once: the built app's module is CommonJS
// inside app.asar (required through Electron's require), the sources' is imported. Whatever goes wrong,
// loading included, is posted as the job's error instead of leaving the job running for ever.
// The thread runs below the backend's own (JOB_THREAD_NICE): on a 2-core shop PC a backup's
// integrity_check took the core a keystroke's search needed. Linux keeps a nice value per thread; elsewhere
// (no /proc/thread-self) the thread keeps the process's.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  require('node:os').setPriority(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()), ${JOB_THREAD_NICE});
} catch {}
const infoOf = (error) => (error && typeof error.toInfo === 'function') ? error.toInfo()
  : { message: String((error && error.message) || error), sqlite: error && typeof error.code === 'string' ? error.code : undefined };
let current = null;
const crash = (error) => {
  parentPort.postMessage({ id: current, failed: infoOf(error), fatal: true });
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
const load = workerData.moduleUrl.endsWith('.cjs')
  ? Promise.resolve().then(() => require(require('node:url').fileURLToPath(workerData.moduleUrl)))
  : import(workerData.moduleUrl);
load.catch(() => {});
parentPort.on('message', ({ id, name, input }) => {
  current = id;
  load.then(
    (m) => Promise.resolve()
      .then(() => m.runJob(name, input, (progress) => parentPort.postMessage({ id, progress })))
      .then((done) => parentPort.postMessage({ id, done }), (error) => parentPort.postMessage({ id, failed: infoOf(error) })),
    crash,
  ).finally(() => { current = null; });
});
`;

const errorOf = (failed: ErrorInfo | PlainError): Error =>
  'code' in failed ? AppError.fromInfo(failed) : Object.assign(new Error(failed.message), failed.sqlite ? { code: failed.sqlite } : {});

/** How long the job thread stays once it has nothing to do. */
export const IDLE_MS = 30_000;

export interface WorkerJobOptions {
  /** Another job module exporting runJob (tests: a job that crashes its thread); it gets a thread of its own. */
  moduleUrl?: string;
  /** How long the thread stays idle after this job (tests). */
  idleMs?: number;
}

interface Queued {
  id: number;
  name: string;
  input: unknown;
  idleMs: number;
  report: (progress: number) => void;
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
}

/** The job thread of one job module: its jobs one after another, the thread started when needed. */
function createJobThread(moduleUrl: string) {
  const queue: Queued[] = [];
  let worker: Worker | null = null;
  let running: Queued | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let endWhenIdle = false;
  /** The idle time the last job started asked for. */
  let lastIdleMs = IDLE_MS;

  function start(): Worker {
    const started = new Worker(BOOTSTRAP, { eval: true, workerData: { moduleUrl } });
    started.on('message', (message: JobMessage) => {
      const job = running;
      if (started !== worker) return;
      if ('failed' in message && message.fatal && message.id !== job?.id) {
        // It died between jobs (a stray exception), as `job` was handed to it: not begun, it waits for the next thread.
        worker = null;
        running = null;
        if (job) queue.unshift(job);
        return next();
      }
      if (!job || message.id !== job.id) return;
      if ('progress' in message) return job.report(message.progress);
      running = null;
      // It ends itself: the next job gets a new thread.
      if ('failed' in message && message.fatal) worker = null;
      if ('done' in message) job.resolve(message.done);
      else job.reject(errorOf(message.failed));
      next();
    });
    // Its own errors arrive as its answer; an 'error' event only repeats one (and must not crash the backend).
    started.on('error', () => {});
    started.once('exit', (code) => {
      if (started !== worker) return;
      worker = null;
      const job = running;
      running = null;
      job?.reject(new Error(`the ${job.name} job's thread stopped (exit code ${code}) before it answered`));
      next();
    });
    return started;
  }

  function next(): void {
    if (running) return;
    clearTimeout(idleTimer);
    const job = queue.shift();
    if (!job) return idle();
    running = job;
    worker ??= start();
    // Held while it works (a job keeps the process alive); let go once idle.
    worker.ref();
    worker.postMessage({ id: job.id, name: job.name, input: job.input });
  }

  function idle(): void {
    if (!worker) return;
    worker.unref();
    if (endWhenIdle) return end();
    idleTimer = setTimeout(end, lastIdleMs);
    idleTimer.unref();
  }

  /** Only ever between jobs: stopping a thread inside better-sqlite3 aborts the process. */
  function end(): void {
    clearTimeout(idleTimer);
    endWhenIdle = false;
    const ending = worker;
    worker = null;
    void ending?.terminate();
  }

  return {
    run(job: Queued): void {
      lastIdleMs = job.idleMs;
      queue.push(job);
      next();
    },
    /** Ends the thread now if it is idle, else once its jobs are done. */
    close(): void {
      if (running || queue.length > 0) endWhenIdle = true;
      else end();
    },
    /** The thread's id while it lives (tests). */
    threadId: (): number | null => worker?.threadId ?? null,
  };
}

const threads = new Map<string, ReturnType<typeof createJobThread>>();
let lastId = 0;

/**
 * Runs job `name` on the job thread; resolves with its answer. Rejects with the job's own AppError (its
 * code kept), or with a plain Error (the job's failure code, jobs.ts) for anything else, a thread that
 * dies without answering included (out of memory, killed): whatever it had not committed is rolled back
 * by SQLite.
 */
export function runJobInWorker<N extends JobName>(
  name: N,
  input: JobInput<N>,
  report: (progress: number) => void = () => {},
  options: WorkerJobOptions = {},
): Promise<JobOutput<N>> {
  const moduleUrl = options.moduleUrl ?? jobThreadUrl();
  let thread = threads.get(moduleUrl);
  if (!thread) threads.set(moduleUrl, (thread = createJobThread(moduleUrl)));
  const queued = thread;
  return new Promise<unknown>((resolve, reject) =>
    queued.run({ id: ++lastId, name, input, idleMs: options.idleMs ?? IDLE_MS, report, resolve, reject }),
  ) as Promise<JobOutput<N>>;
}

/** Ends the job threads (the backend closes): the idle ones now, the busy ones once their jobs are done. */
export function closeJobThreads(): void {
  for (const thread of threads.values()) thread.close();
}

/** The id of the thread that runs the jobs of `moduleUrl` now, or null when none is running (tests). */
export function jobThreadId(moduleUrl: string = jobThreadUrl()): number | null {
  return threads.get(moduleUrl)?.threadId() ?? null;
}
