/**
 * The long jobs that run on a thread of their own (jobWorker.ts), by name. Loaded on that thread only
 * (and built as its own file, jobThread.cjs, beside main.cjs); each job opens what connection it needs
 * and may report its progress (0..1). Adding a long job: a function here, started with jobs.startInWorker.
 */
import { integrityCheck } from '../services/data/verify.ts';
import { recomputeJob, type RecomputeJobInput } from '../services/forecasts/forecasts.ts';
import { readImportJob, type ReadImportInput } from '../services/data/importJob.ts';
import { exportJob, type ExportJobInput } from '../services/data/export.ts';

type Report = (progress: number) => void;

const JOBS = {
  integrityCheck: (input: { file: string; cacheKiB?: number }) => integrityCheck(input.file, input.cacheKiB),
  recompute: (input: RecomputeJobInput, report: Report) => recomputeJob(input, report),
  readImport: (input: ReadImportInput, report: Report) => readImportJob(input, report),
  export: (input: ExportJobInput, report: Report) => exportJob(input, report),
};

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]>>;

/** Called by jobWorker.ts's bootstrap on the job's thread. */
export function runJob(name: string, input: never, report: Report): unknown {
  if (!Object.hasOwn(JOBS, name)) throw new Error(`no job named ${name}`);
  return JOBS[name as JobName](input, report);
}
