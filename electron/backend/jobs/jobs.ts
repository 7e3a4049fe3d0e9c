/**
 * Long work (a backup, reading a spreadsheet, writing an export, a big book's recompute) runs as a job:
 * dispatch handlers are synchronous, so a call starts the job and returns its id at once, and the UI
 * polls its status. What would hold the backend's thread runs on the job thread (startInWorker).
 * Jobs live in memory for the life of the backend; the last few finished ones are remembered.
 */
import { randomBytes } from 'node:crypto';
import type { ImportPreview, ImportResult } from '../../../shared/contract.ts';
import { AppError, errorInfoOf, type ErrorInfo } from '../../../shared/errors.ts';
import type { RecomputeCounts } from '../services/forecasts/forecasts.ts';
import type { BackupDone } from '../services/data/backupEngine.ts';
import type { RestorePreview, RestoreResult } from '../services/data/book.ts';
import type { JobInput, JobName, JobOutput } from './jobThread.ts';
import { runJobInWorker, type WorkerJobOptions } from './jobWorker.ts';

export type JobState = 'running' | 'done' | 'failed';

/** What a finished job of each kind answers. */
export interface JobResults {
  backup: BackupDone;
  'auto-backup': BackupDone & { removed: string[] };
  restore: RestoreResult;
  'restore-inspect': RestorePreview;
  import: { preview?: ImportPreview; applied?: ImportResult };
  /** The files written. */
  export: string[];
  recompute: RecomputeCounts;
}
export type JobKind = keyof JobResults;

export interface JobOf<K extends JobKind> {
  id: string;
  kind: K;
  state: JobState;
  /** 0..1 */
  progress: number;
  result?: JobResults[K];
  error?: ErrorInfo;
  startedAt: string;
  finishedAt?: string;
  /** Settles (never rejects) when the job has finished: for tests and for closing the backend. */
  finished: Promise<void>;
}

/** A job of one of these kinds, told apart by its `kind`. */
export type Job<K extends JobKind = JobKind> = { [k in K]: JobOf<k> }[K];

const KEEP_FINISHED = 50;

export function createJobs(now: () => Date = () => new Date()) {
  const jobs = new Map<string, Job>();
  let counter = 0;

  function forget() {
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.id);
  }

  /** Starts `run` on the next turn of the event loop; `report(p)` moves the progress bar. */
  function start<K extends JobKind>(
    kind: K,
    run: (report: (progress: number) => void) => Promise<JobResults[K]>,
    failureCode: ErrorInfo['code'] = 'INTERNAL',
  ): JobOf<K> {
    const id = `${kind}-${++counter}-${randomBytes(4).toString('hex')}`;
    const job: JobOf<K> = { id, kind, state: 'running', progress: 0, startedAt: now().toISOString(), finished: Promise.resolve() };
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
          job.error = errorInfoOf(error, failureCode);
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

  /**
   * A job whose work is job function `name` of jobThread.ts, on the job thread (jobWorker.ts),
   * answering what its kind answers.
   */
  function startInWorker<K extends JobKind, N extends JobName>(
    kind: K,
    name: N & { [M in JobName]: JobOutput<M> extends JobResults[K] ? M : never }[JobName],
    input: JobInput<N>,
    failureCode: ErrorInfo['code'] = 'INTERNAL',
    options?: WorkerJobOptions,
  ): JobOf<K> {
    return start(kind, (report) => runJobInWorker(name, input, report, options) as Promise<JobResults[K]>, failureCode);
  }

  /** The job `id`, of one of `kinds` (any kind when none is given); else JOB_NOT_FOUND. */
  function get<K extends JobKind = JobKind>(id: string, ...kinds: K[]): Job<K> {
    const job = jobs.get(id);
    if (!job || (kinds.length > 0 && !(kinds as JobKind[]).includes(job.kind))) throw new AppError('JOB_NOT_FOUND', `no job ${id}`, { details: { jobId: id } });
    return job as Job<K>;
  }

  const running = (kinds?: readonly JobKind[]) => [...jobs.values()].filter((j) => j.state === 'running' && (!kinds || kinds.includes(j.kind)));

  /** Resolves when every job running now has finished. */
  const settled = () => Promise.all([...jobs.values()].map((j) => j.finished)).then(() => undefined);

  return { start, startInWorker, get, running, settled };
}
export type Jobs = ReturnType<typeof createJobs>;
