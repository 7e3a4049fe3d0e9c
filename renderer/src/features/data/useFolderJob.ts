import { useState } from 'react';
import { remember } from './format.ts';

export type FolderJobOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown; message?: string } | null;

/**
 * A long job written to a folder the user chose (backup, export): progress while it runs, the
 * outcome after, and the folder remembered for next time once it worked.
 */
export function useFolderJob<T>(memoryKey: string) {
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<FolderJobOutcome<T>>(null);

  async function run(folder: string, job: (folder: string, onProgress: (p: number) => void) => Promise<T>) {
    setOutcome(null);
    setProgress(0);
    try {
      const value = await job(folder, setProgress);
      remember(memoryKey, folder);
      setOutcome({ ok: true, value });
    } catch (error) {
      setOutcome({ ok: false, error });
    } finally {
      setProgress(null);
    }
  }

  /** Refuses before starting (no folder, nothing chosen): shown like a failure, with its own words. */
  function refuse(message?: string) {
    setOutcome(message === undefined ? { ok: false, error: null } : { ok: false, error: null, message });
  }

  return { progress, outcome, run, refuse };
}
