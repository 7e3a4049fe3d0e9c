/**
 * Loaded on a worker thread by parallelPlan.ts (and built as its own file, recomputeWorker.cjs, beside
 * main.cjs): plans ranges of households on a read-only connection of its own.
 */
import Database from 'better-sqlite3';
import { createRangePlanner, packPlan, type PackedPlan } from './forecastPlan.ts';

/** One range's plan as a worker hands it over: which range (its index in the list), and the plan. */
export interface PlanOfRange {
  index: number;
  plan: PackedPlan;
}

export interface RangesForWorker {
  file: string;
  ranges: [number, number][];
  /** The range this worker plans first, before claiming any. */
  first: number;
  /** Int32 [0]: the next range nobody has claimed; the app's thread claims from it too. */
  claim: SharedArrayBuffer;
}

/**
 * Plans its first range, then each range it claims, until none is left; hands each plan over (`emit`) as
 * soon as it is made, so that the app's thread writes it while this one plans the next. Returns how many
 * it planned. Throws what goes wrong: workerTask.ts answers the app's thread with it, which then plans
 * the ranges this worker claimed and did not hand over.
 */
export function planRangesForWorker(input: RangesForWorker, emit: (planned: PlanOfRange) => void): number {
  const db = new Database(input.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('cache_size = -65536');
    const planRange = createRangePlanner(db);
    const claim = new Int32Array(input.claim);
    // One read transaction: every range sees the same state of the book.
    return db.transaction(() => {
      let planned = 0;
      for (let index = input.first; index < input.ranges.length; index = Atomics.add(claim, 0, 1)) {
        const [from, to] = input.ranges[index]!;
        emit({ index, plan: packPlan(planRange(from, to)) });
        planned++;
      }
      return planned;
    })();
  } finally {
    db.close();
  }
}
