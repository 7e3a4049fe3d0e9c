/** What run.ts hands every benchmark module, and what a module looks like. */
import type { BigShop, WorkingCopy } from './bigShop.ts';
import type { Result } from './stats.ts';

export interface BenchContext {
  shop: BigShop;
  /** A throwaway copy of the big shop: modules may write to it. Close every connection you open. */
  work: WorkingCopy;
  seed: number;
  /** Smaller sample counts for a smoke run (BENCH_QUICK=1 or a small BENCH_CUSTOMERS). */
  quick: boolean;
  log: (message: string) => void;
}

export interface Bench {
  /** Short name, also accepted by BENCH_ONLY=name1,name2. */
  name: string;
  run(ctx: BenchContext): Promise<Result[]> | Result[];
}

/** Integer from the environment, or the fallback. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
