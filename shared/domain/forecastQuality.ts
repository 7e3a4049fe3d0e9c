/**
 * Measuring the forecast on real purchase histories, replayed in time order: before each purchase,
 * what would the method (and two naive baselines) have predicted from the purchases before it?
 *
 * - error: actual purchase date - predicted run-out date, in days (MAE is the mean of |error|).
 * - a reminder (run-out - lead days) is on time when it came 0..lead+7 days before the purchase,
 *   premature when it came earlier than that, late when it came after the purchase.
 * The baselines: "same interval as last time" and "every 30 days" (the shopkeeper's calendar habit).
 */
import { addDays, daysBetween } from './dates.ts';
import { forecast, mergeSameDay, type Purchase } from './forecast.ts';

export interface History {
  prior: number;
  leadDays: number;
  purchases: Purchase[];
}

export interface MethodScore {
  predictions: number;
  mae: number;
  onTime: number;
  premature: number;
  late: number;
}

export interface QualityReport {
  pairs: number;
  purchases: number;
  huitou: MethodScore;
  lastInterval: MethodScore;
  every30Days: MethodScore;
}

type Predictor = (history: History, before: Purchase[]) => string | null;

const huitou: Predictor = (h, before) => forecast(h.prior, before, h.leadDays)?.runOutDate ?? null;
const lastInterval: Predictor = (_h, before) => {
  if (before.length < 2) return null;
  const [a, b] = [before[before.length - 2]!, before[before.length - 1]!];
  return addDays(b.date, daysBetween(a.date, b.date));
};
const every30Days: Predictor = (_h, before) => addDays(before[before.length - 1]!.date, 30);

function score(histories: History[], predictor: Predictor, from: number): MethodScore {
  let predictions = 0;
  let absError = 0;
  let onTime = 0;
  let premature = 0;
  let late = 0;
  for (const h of histories) {
    const purchases = mergeSameDay(h.purchases);
    for (let k = from; k < purchases.length; k++) {
      const runOut = predictor(h, purchases.slice(0, k));
      if (!runOut) continue;
      const actual = purchases[k]!.date;
      predictions++;
      absError += Math.abs(daysBetween(runOut, actual));
      const reminderAhead = daysBetween(addDays(runOut, -h.leadDays), actual);
      if (reminderAhead < 0) late++;
      else if (reminderAhead > h.leadDays + 7) premature++;
      else onTime++;
    }
  }
  const share = (n: number) => (predictions ? n / predictions : 0);
  return { predictions, mae: predictions ? absError / predictions : 0, onTime: share(onTime), premature: share(premature), late: share(late) };
}

/** Scores every method on the same purchases: those with at least two before them. */
export function evaluateForecasts(histories: History[]): QualityReport {
  return {
    pairs: histories.length,
    purchases: histories.reduce((n, h) => n + h.purchases.length, 0),
    huitou: score(histories, huitou, 2),
    lastInterval: score(histories, lastInterval, 2),
    every30Days: score(histories, every30Days, 2),
  };
}
