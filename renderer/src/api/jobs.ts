/**
 * Long backend work (a backup, reading a spreadsheet, an export) runs as a job: the start call returns
 * a jobId and the status call is polled until the job is done or failed.
 */
import type { ErrorInfo } from '../../../shared/errors.ts';
import { ApiError } from './client.ts';

export interface JobStatusLike {
  state: 'running' | 'done' | 'failed';
  progress: number;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
}

export const POLL_MS = 200;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `status` a few times a second until the job has finished; reports progress (0..1) on the way.
 * Resolves with the final status, or rejects with an ApiError carrying the job's error code.
 */
export async function waitForJob<S extends JobStatusLike>(status: () => Promise<S>, onProgress?: (progress: number) => void, intervalMs = POLL_MS): Promise<S> {
  for (;;) {
    const current = await status();
    onProgress?.(current.progress);
    if (current.state === 'done') return current;
    if (current.state === 'failed') throw new ApiError((current.error ?? { code: 'INTERNAL', message: 'the job failed' }) as ErrorInfo);
    await sleep(intervalMs);
  }
}
