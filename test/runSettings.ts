import { accessSync, constants, statfsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** What the vitest configs share about where and how many tests run. */

/**
 * Files run at once: vitest's own default (one less than the cores) gave a 2-core machine one worker, so
 * every file ran in turn while the main process mostly waited; two there, as many as before elsewhere.
 */
export function workers(): number {
  return Math.max(2, availableParallelism() - 1);
}

/**
 * The test books' temp folders go to a RAM disk (/dev/shm) where there is a roomy one. Every commit of
 * the book is fsynced (synchronous=FULL): on this machine's virtual disk opening a fresh book (seven
 * migrations) took 120 ms instead of 20, closing it 30 ms instead of 1, and most tests open one or more.
 * Nothing a test asserts depends on the disk keeping data across a power cut (the crash tests kill a
 * process, not the machine). Not where /dev/shm is small (Docker's 64 MB): the big-shop tests would fill
 * it. HUITOU_TEST_TMPDIR=disk keeps them on the disk.
 */
export function ramDiskEnv(): Record<string, string> {
  if (process.platform !== 'linux' || process.env.HUITOU_TEST_TMPDIR === 'disk') return {};
  try {
    accessSync('/dev/shm', constants.W_OK);
    const s = statfsSync('/dev/shm');
    return Number(s.bavail) * Number(s.bsize) >= 2 * 2 ** 30 ? { TMPDIR: '/dev/shm' } : {};
  } catch {
    return {};
  }
}
