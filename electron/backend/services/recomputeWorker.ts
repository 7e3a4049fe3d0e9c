/**
 * Loaded on a worker thread by parallelPlan.ts (and built as its own file, recomputeWorker.cjs, beside
 * main.cjs): plans one range of households on a read-only connection of its own.
 */
import Database from 'better-sqlite3';
import { createRangePlanner, packPlan, type PackedPlan } from './forecastPlan.ts';

/** Throws what goes wrong: workerTask.ts answers the app's thread with it, which then plans the range itself. */
export function planForWorker(data: { file: string; from: number; to: number }): PackedPlan {
  const db = new Database(data.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('cache_size = -65536');
    const planRange = createRangePlanner(db);
    // One read transaction: every slice sees the same state of the book.
    return packPlan(db.transaction(() => planRange(data.from, data.to))());
  } finally {
    db.close();
  }
}
