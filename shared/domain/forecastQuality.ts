/**
 * Measuring the forecast on real purchase histories, replayed in time order: on the day of each
 * purchase, what would the method (and two naive baselines) have predicted from everything known the
 * day before? Forecasts only change when a purchase (or a stock report) arrives, so replaying purchase
 * by purchase is the same as replaying day by day: the reminder that stood on the list on any day
 * between two purchases is the one computed at the earlier purchase.
 *
 * - error: actual purchase date - predicted run-out date, in days (MAE is the mean of |error|).
 * - lead time ("ahead") = actual purchase date - reminder date.
 *   on time:   0 <= ahead <= lead + 7 (the reminder came 0..lead+7 days before the purchase);
 *   premature: ahead >  lead + 7 (the call came more than a week earlier than the lead days ask for);
 *   late:      ahead <  0 (the household bought before the reminder came).
 *   These are "strict, first reminder" figures: only the reminder's first day counts.
 * - listed: in the app a reminder that fired and was not followed by a purchase stays on the call list
 *   as overdue until the household buys (or it lapses, LAPSED_AFTER_DAYS overdue). "Listed" is the share
 *   of purchases that had the household on the due list at some point in the lead+7 days before it:
 *   0 <= ahead <= lapse + lead + 7. It is reported next to the strict figures, never instead of them.
 * The baselines: "same interval as last time" and "every 30 days" (the shopkeeper's calendar habit),
 * both with the same lead days.
 * When the shop works its call list (scoreListedCycles; forecast:eval simulates it on demo shops), a call
 * can move the reminder, so a purchase is judged on the reminder in effect (the last one the shopkeeper
 * saw), and every reminder that reached the list is counted too: each one more than lead+7 days before the
 * purchase is a premature reminder, however its call turned out; the calls made are the price.
 */
import { LAPSED_AFTER_DAYS } from './callList.ts';
import { addDays, daysBetween } from './dates.ts';
import { forecast, mergeSameDay, type Purchase, type ShopContext } from './forecast.ts';
import { learnShopProduct, shopContextOf } from './forecastShop.ts';
import type { SeasonPreset } from './forecastSeasons.ts';

export interface History {
  prior: number;
  leadDays: number;
  purchases: Purchase[];
  /** Optional grouping key for the per-product breakdown. */
  product?: string;
  /** Which shop the history is from (forecast:eval replays several): shop-level learning stays within one. */
  shop?: number;
  /** The product's season preset, as the owner set it. */
  seasonPreset?: SeasonPreset;
}

export interface MethodScore {
  predictions: number;
  mae: number;
  /** Median of |error|. */
  medianAbsError: number;
  /** Mean of error (actual - predicted): positive means the method predicts too early. */
  bias: number;
  onTime: number;
  premature: number;
  late: number;
  /** On the due list (first reminder or still overdue, not lapsed) within lead+7 days before the purchase. */
  listed: number;
  /**
   * The words read literally: the reminder came more than 7 days before the purchase. It
   * overlaps "on time" (8..lead+7 days ahead), which is why the strict figures use lead+7; shown beside.
   */
  moreThanAWeekEarly: number;
}

export interface QualityReport {
  pairs: number;
  purchases: number;
  huitou: MethodScore;
  lastInterval: MethodScore;
  every30Days: MethodScore;
}

/** The run-out and reminder dates a method gives, from the purchases before the one being predicted. */
export interface Prediction {
  runOut: string;
  reminder: string;
}
export type Predictor = (history: History, before: Purchase[]) => Prediction | null;

/** A reminder more than lead + PREMATURE_SLACK_DAYS before the purchase is premature. */
export const PREMATURE_SLACK_DAYS = 7;

export const huitouPredictor: Predictor = (h, before) => {
  const f = forecast(h.prior, before, h.leadDays);
  return f ? { runOut: f.runOutDate, reminder: f.reminderDate } : null;
};
/**
 * Huitou as the app runs it: each prediction with what the shop's own sales of the product taught
 * (forecastShop.ts) from the sales before the month of the household's last purchase (the app relearns
 * as sales come; a month's lag is the replay's simplification). Pairs of the same shop and product learn
 * together.
 */
// Learned once per group of histories and month, across the eval's several passes over the same histories.
const learnedByGroup = new WeakMap<History, Map<string, ShopContext>>();

export function shopContextsFor(histories: readonly History[]): (h: History, date: string) => ShopContext {
  const groups = new Map<string, History[]>();
  const keyOf = (h: History) => `${h.shop ?? ''}|${h.product ?? ''}`;
  for (const h of histories) {
    const list = groups.get(keyOf(h)) ?? [];
    list.push(h);
    groups.set(keyOf(h), list);
  }
  const contextAt = (h: History, date: string): ShopContext => {
    const month = `${date.slice(0, 7)}-01`;
    const group = groups.get(keyOf(h)) ?? [h];
    let learned = learnedByGroup.get(group[0]!);
    if (!learned) learnedByGroup.set(group[0]!, (learned = new Map()));
    let context = learned.get(month);
    if (!context) {
      context = shopContextOf(learnShopProduct(group, h.seasonPreset ?? 'none', month));
      learned.set(month, context);
    }
    return context;
  };
  return contextAt;
}

export function huitouPredictorFor(histories: readonly History[]): Predictor {
  const contextAt = shopContextsFor(histories);
  return (h, before) => {
    const f = forecast(h.prior, before, h.leadDays, null, contextAt(h, before[before.length - 1]!.date));
    return f ? { runOut: f.runOutDate, reminder: f.reminderDate } : null;
  };
}

export const lastIntervalPredictor: Predictor = (h, before) => {
  if (before.length < 2) return null;
  const [a, b] = [before[before.length - 2]!, before[before.length - 1]!];
  const runOut = addDays(b.date, daysBetween(a.date, b.date));
  return { runOut, reminder: addDays(runOut, -h.leadDays) };
};
export const every30DaysPredictor: Predictor = (h, before) => {
  const runOut = addDays(before[before.length - 1]!.date, 30);
  return { runOut, reminder: addDays(runOut, -h.leadDays) };
};

/** One scored prediction. */
export interface Outcome {
  product: string;
  leadDays: number;
  /** actual - predicted run-out */
  error: number;
  /** actual - reminder date */
  ahead: number;
}

export function outcomes(histories: readonly History[], predictor: Predictor, from = 2): Outcome[] {
  const result: Outcome[] = [];
  for (const h of histories) {
    const purchases = mergeSameDay(h.purchases);
    for (let k = from; k < purchases.length; k++) {
      const prediction = predictor(h, purchases.slice(0, k));
      if (!prediction) continue;
      const actual = purchases[k]!.date;
      result.push({
        product: h.product ?? '',
        leadDays: h.leadDays,
        error: daysBetween(prediction.runOut, actual),
        ahead: daysBetween(prediction.reminder, actual),
      });
    }
  }
  return result;
}

/** A reminder `ahead` days before the purchase came earlier than the lead days and a week of slack allow. */
export function isPremature(ahead: number, leadDays: number): boolean {
  return ahead > leadDays + PREMATURE_SLACK_DAYS;
}

/** The words read literally: more than 7 days before the purchase (overlaps on time for lead days > 0). */
export function isMoreThanAWeekEarly(ahead: number): boolean {
  return ahead > PREMATURE_SLACK_DAYS;
}

export function classify(o: Pick<Outcome, 'ahead' | 'leadDays'>): 'onTime' | 'premature' | 'late' {
  if (o.ahead < 0) return 'late';
  if (isPremature(o.ahead, o.leadDays)) return 'premature';
  return 'onTime';
}

export function scoreOutcomes(list: readonly Outcome[]): MethodScore {
  const n = list.length;
  let absError = 0;
  let error = 0;
  let onTime = 0;
  let premature = 0;
  let late = 0;
  let listed = 0;
  let moreThanAWeekEarly = 0;
  for (const o of list) {
    absError += Math.abs(o.error);
    error += o.error;
    const kind = classify(o);
    if (kind === 'late') late++;
    else if (kind === 'premature') premature++;
    else onTime++;
    if (o.ahead >= 0 && o.ahead <= LAPSED_AFTER_DAYS + o.leadDays + PREMATURE_SLACK_DAYS) listed++;
    if (isMoreThanAWeekEarly(o.ahead)) moreThanAWeekEarly++;
  }
  const sorted = list.map((o) => Math.abs(o.error)).sort((a, b) => a - b);
  const median = n ? (n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2) : 0;
  const share = (k: number) => (n ? k / n : 0);
  return {
    predictions: n,
    mae: share(absError),
    medianAbsError: median,
    bias: share(error),
    onTime: share(onTime),
    premature: share(premature),
    late: share(late),
    listed: share(listed),
    moreThanAWeekEarly: share(moreThanAWeekEarly),
  };
}

function score(histories: History[], predictor: Predictor, from: number): MethodScore {
  return scoreOutcomes(outcomes(histories, predictor, from));
}

/** Scores every method on the same purchases: those with at least two before them. */
export function evaluateForecasts(histories: History[]): QualityReport {
  return {
    pairs: histories.length,
    purchases: histories.reduce((n, h) => n + h.purchases.length, 0),
    huitou: score(histories, huitouPredictorFor(histories), 2),
    lastInterval: score(histories, lastIntervalPredictor, 2),
    every30Days: score(histories, every30DaysPredictor, 2),
  };
}

/** Items by their product ('' when none), products in the order they first appear. */
export function groupByProduct<T extends { product?: string | undefined }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.product ?? '';
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}

/** The same report for each product (History.product) on its own. */
export function evaluateByProduct(histories: History[]): Map<string, QualityReport> {
  return new Map([...groupByProduct(histories)].map(([key, list]) => [key, evaluateForecasts(list)]));
}

export interface QualityGoals {
  onTime: number;
  premature: number;
  /** Required MAE improvement over the last-interval baseline (0.3 = 30 % lower). */
  maeImprovement: number;
}
export const QUALITY_GOALS: QualityGoals = { onTime: 0.95, premature: 0.1, maeImprovement: 0.3 };

export function checkGoals(report: QualityReport, goals: QualityGoals = QUALITY_GOALS) {
  return goalsOf(report.huitou.onTime, report.huitou.premature, report.huitou.mae, report.lastInterval.mae, goals);
}

/**
 * The goals with the call list worked: on time on the reminder in effect; premature as the share of
 * purchases that had any premature reminder in their cycle (the strictest form, which extra calls near the
 * purchase cannot dilute); MAE of the run-out in effect against the last-interval baseline's.
 */
export function checkListGoals(worked: ListScore, lastIntervalMae: number, goals: QualityGoals = QUALITY_GOALS) {
  return goalsOf(worked.onTime, worked.purchasesWithPrematureReminder, worked.mae, lastIntervalMae, goals);
}

function goalsOf(onTime: number, premature: number, mae: number, baselineMae: number, goals: QualityGoals) {
  const maeImprovement = baselineMae > 0 ? 1 - mae / baselineMae : 0;
  return {
    onTime: { value: onTime, goal: goals.onTime, pass: onTime >= goals.onTime },
    premature: { value: premature, goal: goals.premature, pass: premature <= goals.premature },
    maeImprovement: { value: maeImprovement, goal: goals.maeImprovement, pass: maeImprovement >= goals.maeImprovement },
  };
}

/**
 * One purchase when the shop works its call list (forecast:eval's second scenario), every reminder of
 * its cycle that reached the list, and the calls made. As an Outcome: `ahead` is the reminder in effect,
 * the last one the shopkeeper saw on the list by the purchase day (when none reached it, the one still to
 * come: late); `error` is against the run-out the book held when the household came (after any stock
 * report on a call).
 */
export interface ListedCycle extends Outcome {
  /**
   * actual - the day each reminder of the cycle reached the call list, for those that reached it by the
   * purchase day: the first one, and each one a call moved (an answered call ends a reminder: what it
   * said re-dates the pair; a call nobody answered keeps the same reminder on the list).
   */
  listedAhead: number[];
  /** Calls made in the cycle, unanswered ones included. */
  calls: number;
  /** actual - the day of each call the household answered. */
  answeredAhead: number[];
}

/** A MethodScore (on the reminder in effect) and what every reminder that reached the list adds to it. */
export interface ListScore extends MethodScore {
  /** Reminders that reached the list, per purchase. */
  remindersPerPurchase: number;
  /** Share of the reminders that reached the list more than lead+7 days before the purchase. */
  prematureReminders: number;
  /** The same, read literally: more than 7 days before. */
  remindersMoreThanAWeekEarly: number;
  /**
   * Share of purchases with at least one premature reminder in their cycle: unlike the share of
   * reminders, calls near the purchase cannot dilute it.
   */
  purchasesWithPrematureReminder: number;
  purchasesWithReminderMoreThanAWeekEarly: number;
  /** The shopkeeper's workload: calls made, unanswered ones included, per purchase. */
  callsPerPurchase: number;
  answeredCallsPerPurchase: number;
  /**
   * Share of purchases whose household answered a call 0..lead+7 days before: actually spoken to in time,
   * where "on time" asks only that the reminder in effect was on the list then.
   */
  reachedInTime: number;
}

/** A purchase of the sales-only replay as a listed cycle: its one reminder reached the list if it came by the purchase day; no calls. */
export function unworkedCycle(o: Outcome): ListedCycle {
  return { ...o, listedAhead: o.ahead >= 0 ? [o.ahead] : [], calls: 0, answeredAhead: [] };
}

/**
 * Scores purchases on the reminder in effect (on time, premature, late, as scoreOutcomes) and counts
 * every reminder that reached the list: one that came more than lead+7 days (or literally 7 days) before
 * the purchase is a premature reminder even when its call found the household stocked and re-dated the pair.
 */
export function scoreListedCycles(cycles: readonly ListedCycle[]): ListScore {
  const n = cycles.length;
  let reminders = 0;
  let premature = 0;
  let weekEarly = 0;
  let purchasesPremature = 0;
  let purchasesWeekEarly = 0;
  let calls = 0;
  let answered = 0;
  let reached = 0;
  for (const c of cycles) {
    const early = c.listedAhead.filter((ahead) => isPremature(ahead, c.leadDays)).length;
    const literal = c.listedAhead.filter(isMoreThanAWeekEarly).length;
    reminders += c.listedAhead.length;
    premature += early;
    weekEarly += literal;
    if (early > 0) purchasesPremature++;
    if (literal > 0) purchasesWeekEarly++;
    calls += c.calls;
    answered += c.answeredAhead.length;
    if (c.answeredAhead.some((ahead) => ahead >= 0 && !isPremature(ahead, c.leadDays))) reached++;
  }
  const perPurchase = (k: number) => (n ? k / n : 0);
  const perReminder = (k: number) => (reminders ? k / reminders : 0);
  return {
    ...scoreOutcomes(cycles),
    remindersPerPurchase: perPurchase(reminders),
    prematureReminders: perReminder(premature),
    remindersMoreThanAWeekEarly: perReminder(weekEarly),
    purchasesWithPrematureReminder: perPurchase(purchasesPremature),
    purchasesWithReminderMoreThanAWeekEarly: perPurchase(purchasesWeekEarly),
    callsPerPurchase: perPurchase(calls),
    answeredCallsPerPurchase: perPurchase(answered),
    reachedInTime: perPurchase(reached),
  };
}
