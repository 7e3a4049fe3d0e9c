/**
 * Long work (a backup, reading a spreadsheet, writing an export, a big book's recompute) runs as a job:
 * dispatch handlers are synchronous, so a call starts the job and returns its id at once, and the UI
 * polls its status. What would hold the backend's thread runs on a thread of its own (startInWorker).
 * Jobs live in memory for the life of the backend; the last few finished ones are remembered.
 */
import { randomBytes } from 'node:crypto';
import { AppError, type ErrorInfo } from '../../../shared/errors.ts';
import type { JobInput, JobName, JobOutput } from './jobThread.ts';
import { runJobInWorker, type WorkerJobOptions } from './jobWorker.ts';

export type JobState = 'running' | 'done' | 'failed';

export interface Job<R = unknown> {
  id: string;
  kind: string;
  state: JobState;
  /** 0..1 */
  progress: number;
  result?: R;
  error?: ErrorInfo;
  startedAt: string;
  finishedAt?: string;
  /** Settles (never rejects) when the job has finished: for tests and for closing the backend. */
  finished: Promise<void>;
}

const KEEP_FINISHED = 50;

export function toErrorInfo(error: unknown, fallback: ErrorInfo['code'] = 'INTERNAL'): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: fallback, message };
}

export function createJobs(now: () => Date = () => new Date()) {
  const jobs = new Map<string, Job>();
  let counter = 0;

  function forget() {
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.id);
  }

  /** Starts `run` on the next turn of the event loop; `report(p)` moves the progress bar. */
  function start<R>(kind: string, run: (report: (progress: number) => void) => Promise<R>, failureCode: ErrorInfo['code'] = 'INTERNAL'): Job<R> {
    const id = `${kind}-${++counter}-${randomBytes(4).toString('hex')}`;
    const job = { id, kind, state: 'running', progress: 0, startedAt: now().toISOString() } as Job<R>;
    const report = (progress: number) => {
      if (job.state === 'running') job.progress = Math.max(job.progress, Math.min(1, Math.max(0, progress)));
    };
    job.finished = Promise.resolve()
      .then(() => run(report))
      .then(
        (result) => {
          job.result = result;
          job.progress = 1;
          job.state = 'done';
        },
        (error: unknown) => {
          job.error = toErrorInfo(error, failureCode);
          job.state = 'failed';
        },
      )
      .finally(() => {
        job.finishedAt = now().toISOString();
        forget();
      });
    jobs.set(id, job as Job);
    return job;
  }

  /** A job whose work is job function `name` of jobThread.ts, on a thread of its own (jobWorker.ts). */
  function startInWorker<N extends JobName>(kind: string, name: N, input: JobInput<N>, failureCode: ErrorInfo['code'] = 'INTERNAL', options?: WorkerJobOptions): Job<JobOutput<N>> {
    return start(kind, (report) => runJobInWorker(name, input, report, options), failureCode);
  }

  function get(id: string, kind?: string): Job {
    const job = jobs.get(id);
    if (!job || (kind && job.kind !== kind)) throw new AppError('JOB_NOT_FOUND', `no job ${id}`, { details: { jobId: id } });
    return job;
  }

  const running = (kinds?: readonly string[]) => [...jobs.values()].filter((j) => j.state === 'running' && (!kinds || kinds.includes(j.kind)));

  /** Resolves when every job running now has finished. */
  const settled = () => Promise.all([...jobs.values()].map((j) => j.finished)).then(() => undefined);

  return { start, startInWorker, get, running, settled };
}
export type Jobs = ReturnType<typeof createJobs>;
