/**
 * The one way long work leaves the backend's thread: a named job function of jobThread.ts, run on a
 * worker thread of its own with its own SQLite connection, its progress and its answer posted back.
 * The backend's thread keeps answering searches and sales meanwhile; what it must wait for is at most
 * one short transaction of the job (a recompute writes in small chunks).
 *
 * One thread per job, started when the job starts and gone when it ends: jobs are rare (a backup every
 * few hours, an import now and then), starting a thread costs ~50 ms, and a thread that ends gives its
 * memory (its page cache, its rows) back. No pool: nothing here is ever run twice in a row fast.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorInfo } from '../../../shared/errors.ts';
import type { JobInput, JobName, JobOutput } from './jobThread.ts';

/**
 * The URL of a worker module beside the calling module (`here`: that module's own URL): its .ts file when
 * run from the sources, its .cjs file in the built app, where every module's URL is main.cjs
 * (vite.electron.config.ts). The file names stay literal so that the bundle names the files it needs.
 */
export function workerModuleUrl(here: string, files: { ts: string; cjs: string }): string {
  return new URL(here.endsWith('.ts') ? files.ts : files.cjs, here).href;
}

/** jobThread beside this module. */
export const jobThreadUrl = (here: string = import.meta.url): string => workerModuleUrl(here, { ts: './jobThread.ts', cjs: './jobThread.cjs' });

/**
 * What a job's thread posts: progress (0..1) any number of times, then its answer or its error (an
 * AppError's info; any other error as a message alone, which the job then reports with its failure code).
 */
export type JobMessage = { progress: number } | { done: unknown } | { failed: ErrorInfo | PlainError };
/** Any error but an AppError, as it crosses: its message, and SQLite's code (SQLITE_CORRUPT...) if it had one. */
type PlainError = { message: string; sqlite?: string };

// A tiny script as the thread's entry, loading the job module itself: the built app's module is CommonJS
// inside app.asar (required through Electron's require), the sources' is imported. Whatever goes wrong,
// loading included, is posted as the job's error instead of leaving the job running for ever.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const failed = (error) => parentPort.postMessage({ failed: (error && typeof error.toInfo === 'function') ? error.toInfo()
  : { message: String((error && error.message) || error), sqlite: error && typeof error.code === 'string' ? error.code : undefined } });
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);
const load = workerData.moduleUrl.endsWith('.cjs')
  ? Promise.resolve().then(() => require(require('node:url').fileURLToPath(workerData.moduleUrl)))
  : import(workerData.moduleUrl);
load
  .then((m) => m.runJob(workerData.name, workerData.input, (progress) => parentPort.postMessage({ progress })))
  .then((done) => parentPort.postMessage({ done }), failed);
`;

const errorOf = (failed: ErrorInfo | PlainError): Error =>
  'code' in failed
    ? new AppError(failed.code, failed.message, { details: failed.details, issues: failed.issues })
    : Object.assign(new Error(failed.message), failed.sqlite ? { code: failed.sqlite } : {});

export interface WorkerJobOptions {
  /** Another job module exporting runJob (tests: a job that crashes its thread). */
  moduleUrl?: string;
}

/**
 * Runs job `name` on a thread of its own; resolves with its answer. Rejects with the job's own
 * AppError (its code kept), or with a plain Error (the job's failure code, jobs.ts) for anything else,
 * a thread that dies without answering included (out of memory, killed): whatever it had not committed
 * is rolled back by SQLite.
 */
export function runJobInWorker<N extends JobName>(
  name: N,
  input: JobInput<N>,
  report: (progress: number) => void = () => {},
  options: WorkerJobOptions = {},
): Promise<JobOutput<N>> {
  return new Promise<JobOutput<N>>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { moduleUrl: options.moduleUrl ?? jobThreadUrl(), name, input } });
    worker.on('message', (message: JobMessage) => {
      if ('progress' in message) report(message.progress);
      // Terminated only once it has answered: stopping a thread inside better-sqlite3 aborts the process.
      else if ('done' in message) settle(() => resolve(message.done as JobOutput<N>));
      else settle(() => reject(errorOf(message.failed)));
      if (!('progress' in message)) void worker.terminate();
    });
    // Its own errors arrive as its answer; an 'error' event only repeats one (and must not crash the backend).
    worker.on('error', () => {});
    worker.once('exit', (code) => settle(() => reject(new Error(`the ${name} job's thread stopped (exit code ${code}) before it answered`))));
  });
}
