/**
 * Loaded on a worker thread by parallelPlan.ts (and built as its own file, recomputeWorker.cjs, beside
 * main.cjs): plans one range of households on a read-only connection of its own.
 */
import Database from 'better-sqlite3';
import { createRangePlanner, type RangePlan } from './forecastPlan.ts';

export type WorkerAnswer = { ok: true; plan: RangePlan } | { ok: false; message: string };

export function planForWorker(data: { file: string; from: number; to: number }): WorkerAnswer {
  let db: Database.Database | undefined;
  try {
    db = new Database(data.file, { readonly: true, fileMustExist: true });
    db.pragma('cache_size = -65536');
    const planRange = createRangePlanner(db);
    // One read transaction: every slice sees the same state of the book.
    const plan = db.transaction(() => planRange(data.from, data.to))();
    return { ok: true, plan };
  } catch (error) {
    return { ok: false, message: String((error as Error)?.message ?? error) };
  } finally {
    db?.close();
  }
}
