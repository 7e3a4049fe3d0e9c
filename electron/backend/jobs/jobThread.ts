/**
 * The long jobs that run on a thread of their own (jobWorker.ts), by name. Loaded on that thread only
 * (and built as its own file, jobThread.cjs, beside main.cjs); each job opens what connection it needs
 * and may report its progress (0..1). Adding a long job: a function here, started with jobs.startInWorker.
 */
import type { RecomputeJobInput } from '../services/forecasts/forecasts.ts';
import type { ReadImportInput } from '../services/data/importJob.ts';
import type { ExportJobInput } from '../services/data/export.ts';

type Report = (progress: number) => void;

// Each job's module is loaded by its first run: a backup's check on a thread that loaded them all took
// 77 MB instead of 40 MB (from the sources). The build keeps them apart too (jobThread-*.cjs chunks).
const JOBS = {
  integrityCheck: async (input: { file: string; cacheKiB?: number }) => (await import('../services/data/verify.ts')).integrityCheck(input.file, input.cacheKiB),
  recompute: async (input: RecomputeJobInput, report: Report) => (await import('../services/forecasts/forecasts.ts')).recomputeJob(input, report),
  readImport: async (input: ReadImportInput, report: Report) => (await import('../services/data/importJob.ts')).readImportJob(input, report),
  export: async (input: ExportJobInput, report: Report) => (await import('../services/data/export.ts')).exportJob(input, report),
};

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]>>;

/** Called by jobWorker.ts's bootstrap on the job's thread. */
export function runJob(name: string, input: never, report: Report): unknown {
  if (!Object.hasOwn(JOBS, name)) throw new Error(`no job named ${name}`);
  return JOBS[name as JobName](input, report);
}
