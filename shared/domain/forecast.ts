/**
 * How fast a household uses a product, and when it will run out.
 *
 * Method (documented because the shop relies on it): a damped, recency-weighted blend of a prior
 * with observed consumption, re-estimated at every purchase like a fuel dealer's K-factor.
 * - Prior: the household's people times the product's per-person daily use. It counts as half a
 *   pseudo-observation (PRIOR_OBSERVATIONS, since version 3), so the first real interval moves the
 *   estimate two-thirds of the way, the second 40 %, then ALPHA_MIN. Why half: the per-person figures
 *   are guidelines, and a household is off them by a quarter either way (meals at work, cooking for
 *   relatives), more than one cycle of its own use is off its usual pace (a tenth or so, plus the odd
 *   early visit); a Bayesian blend weighs them by that. Measured on seeds 1-7 against one whole
 *   pseudo-observation: MAE lower on every seed (2.727 -> 2.711 d on seeds 1-3), on-time up 0.1 point.
 * - Each purchase after the first yields an observed rate: what was used since the previous purchase
 *   (quantity bought then + stock left then - stock left now) / days between. Stock left is what the
 *   household said at the counter ("how much is left at home?"), or 0 when nobody asked: people
 *   mostly come back when they run out.
 * - Recent observations weigh more: the weight never falls below ALPHA_MIN, so the estimate keeps
 *   following a household that changes (a baby, a lodger moving out).
 * - Outliers are damped, not followed: an interval far shorter or longer than expected (a party, a
 *   month away, a bag bought elsewhere) is clamped and given a fraction of the weight.
 * - Confidence is the number of usable observations.
 * - Timing spread (since version 2): at every purchase the method also checks how far the household
 *   came from what it predicted then, |ln(actual days / predicted days)|, recency-weighted and shrunk
 *   toward 10 %. Households with steady habits keep the plain reminder; erratic ones (trips, purchases
 *   elsewhere, buying early now and then) are reminded earlier, by spread x days of stock, at most
 *   MAX_EXTRA_LEAD_DAYS and at most (REMINDER_WINDOW_DAYS - lead) / 2, which centres the useful window
 *   (lead .. lead + 7 days before the purchase) on the expected purchase. Measured with `npm run forecast:eval`: it turns late reminders into on-time ones
 *   at the price of some premature ones (see the commit and the eval output for the figures).
 * What was tried for version 3 and left out, because `npm run forecast:eval` showed no gain in on-time
 * rate on seeds 1-3 (88.6 % all along; each within +-0.3 point or worse): reminding relative to the
 * household's learned habit of coming before or after its run-out (the mean log ratio of actual to
 * predicted interval), fitting each household's own reminder offset to its past misses, estimating the
 * stock left at an early visit when nobody asked, a ratio-of-sums (K-factor) rate, learning in log space,
 * damping long intervals harder than short ones. The rate learned from purchases already absorbs a steady
 * habit, and the rest is not steady: a predictor that knows each household's long-run use in hindsight
 * is on time for 90.5 % of the demo purchases; trips, purchases elsewhere and early visits that no
 * history announces take the rest (forecast:eval prints the breakdown).
 * Version 5 (issue 16): what the shop's own sales teach every household (forecastShop.ts, passed in as a
 * ShopContext). Seasons: a monthly index per product, fitted to every household's intervals and shrunk
 * toward the owner's preset (gas winter, water summer in the default catalog) or 1; a household's use is
 * learned per "usual" day (an interval's days weighed by the index) and its stock runs down along the
 * curve. Starting rate: the prior is the guideline times the shop's households' pooled pace, shrunk toward
 * the guideline by 10 pseudo-households, which is what a new household's first cycles run on.
 * Measured with `npm run forecast:eval` (3 simulated shops of 500 households, 540 days, rice, water and
 * gas, seasons +-25 % on gas and water, shop rates 0.7-1.3x the guideline; sales only), v4 -> v5:
 *   all:   on time 84.2 -> 85.7 % (hindsight 85.0), premature 10.4 -> 8.4 % (8.5), MAE 3.63 -> 3.32 d (3.46);
 *   gas:   on time 53.3 -> 61.3 % (57.2), premature 31.9 -> 18.8 % (20.0), MAE 10.25 -> 8.68 d (9.38);
 *   water: on time 92.3 -> 93.3 % (91.7); rice (flat) 70.0 -> 70.5 % (74.3);
 *   second purchases (first cycle, prior only): on time 82.0 -> 83.7 %, premature 11.5 -> 9.3 %.
 *   Without presets (seasons from the sales alone): on time 84.8 %, premature 9.1 %, MAE 3.46 d; gas 55.9 %.
 * Tried for gas timing and left out (each traded premature for late one for one, or worse): reminding 1 or
 * 2 days later for cycles over 25-40 days (gas 61.3 % -> 60.6 / 59.8 % on time, premature -0.7 / -1.3
 * points), no spread lead for long cycles, weighing faster-than-expected intervals of long cycles less (the
 * early visit with stock at home: premature 18.8 -> 16.1 % but on time 61.3 -> 58.0 %). Gas premature
 * stays near 19 %: a cylinder lasts 30-120 days, its cycle noise and trips, purchases elsewhere and early
 * visits (about 9 points of premature among them) move the purchase by more than the 12-day window; the
 * hindsight reference, knowing each household's use, is at 20 %.
 * Run-out = last purchase date + (quantity bought + stock left then) / daily use;
 * reminder = run-out - lead days - the extra lead for the household's spread (0 .. (7 - lead) / 2 days),
 * never on or before the purchase day (unless a call's stock report says the household has run out).
 */
import { addDays, daysBetween, type BusinessDate } from './dates.ts';
import { calendarDaysFor, seasonalDays, type SeasonCurve } from './forecastSeasons.ts';
import type { HouseholdPeople } from './household.ts';

/**
 * What the shop's own sales teach every household's forecast of one product (forecastShop.ts): its
 * seasons, and how far the shop's households are from the guideline per-person figures.
 */
export interface ShopContext {
  /** Null: no seasons (flat). */
  season: SeasonCurve | null;
  /** The prior's multiplier: the shop's households' pooled use over the guideline's (1: the guideline). */
  rateFactor: number;
}
export const NO_SHOP_CONTEXT: ShopContext = { season: null, rateFactor: 1 };

export interface DailyUseRates {
  adult: number;
  child: number;
  senior: number;
}

export interface Purchase {
  date: BusinessDate;
  quantity: number;
  /** What the household said it still had at home when it bought this, if anyone asked. */
  stockLeft?: number | null | undefined;
}

export type Confidence = 'prior' | 'low' | 'medium' | 'high';

export interface Forecast {
  priorDailyUse: number;
  dailyUse: number;
  observations: number;
  confidence: Confidence;
  lastPurchaseDate: BusinessDate;
  lastQuantity: number;
  stockAtLastPurchase: number;
  runOutDate: BusinessDate;
  reminderDate: BusinessDate;
}

/** Bump when the method changes: every stored forecast is then recomputed on the next start. */
export const FORECAST_VERSION = 5;

export const ALPHA_MIN = 0.3;
/** How many observations the prior is worth (see the module comment: households stray from it). */
export const PRIOR_OBSERVATIONS = 0.5;
/** Observed/expected beyond these is "unusual" (half weight) or "outlier" (clamped, quarter weight). */
export const UNUSUAL_RATIO = 1.6;
export const OUTLIER_RATIO = 2.5;
/** No household is forecast to last longer than this: beyond it, the estimate says nothing useful. */
export const MAX_DAYS_OF_STOCK = 365;

export function priorDailyUse(people: HouseholdPeople, rates: DailyUseRates): number {
  return people.adults * rates.adult + people.children * rates.child + people.seniors * rates.senior;
}

/**
 * Purchases on the same day are one purchase (a second bag fetched from the car is not a new interval).
 * Date-ordered purchases with one a day (the usual case, read from the book in that order) come back
 * as they are: a full recompute passes two million of them, and copying each cost more than the forecast.
 */
export function mergeSameDay(purchases: readonly Purchase[]): readonly Purchase[] {
  if (isOnePerDayInOrder(purchases)) return purchases;
  const sorted = [...purchases].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const merged: Purchase[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.date === p.date) {
      last.quantity += p.quantity;
      if (p.stockLeft != null) last.stockLeft = Math.max(last.stockLeft ?? 0, p.stockLeft);
    } else {
      merged.push({ date: p.date, quantity: p.quantity, stockLeft: p.stockLeft ?? null });
    }
  }
  return merged;
}

function isOnePerDayInOrder(purchases: readonly Purchase[]): boolean {
  for (let i = 1; i < purchases.length; i++) if (!(purchases[i - 1]!.date < purchases[i]!.date)) return false;
  return true;
}

/** From this many intervals learned, a forecast is of medium confidence: the household has a rhythm. */
export const MEDIUM_CONFIDENCE_FROM = 3;

export function confidenceOf(observations: number): Confidence {
  if (observations === 0) return 'prior';
  if (observations < MEDIUM_CONFIDENCE_FROM) return 'low';
  if (observations <= 5) return 'medium';
  return 'high';
}

/** One learning step: the estimate after seeing `observed` as the n-th (0-based) observation. */
export function updateDailyUse(estimate: number, observed: number, n: number): number {
  const alpha = Math.max(ALPHA_MIN, 1 / (n + 1 + PRIOR_OBSERVATIONS));
  const ratio = observed / estimate;
  if (ratio > OUTLIER_RATIO || ratio < 1 / OUTLIER_RATIO) {
    const clamped = Math.min(estimate * OUTLIER_RATIO, Math.max(estimate / OUTLIER_RATIO, observed));
    return estimate + (alpha / 4) * (clamped - estimate);
  }
  const weight = ratio > UNUSUAL_RATIO || ratio < 1 / UNUSUAL_RATIO ? alpha / 2 : alpha;
  return estimate + weight * (observed - estimate);
}

export function estimateDailyUse(prior: number, purchases: readonly Purchase[], season: SeasonCurve | null = null): { dailyUse: number; observations: number } {
  const { dailyUse, observations } = learn(prior, mergeSameDay(purchases), season);
  return { dailyUse, observations };
}

/**
 * How erratic this household's purchases are: the recency-weighted mean absolute deviation of
 * ln(actual days / predicted days), each clamped to +-TIMING_CLAMP (a month away counts as "late", not
 * as "three times late"), shrunk toward TIMING_PRIOR_SPREAD by TIMING_PRIOR_WEIGHT pseudo-observations
 * so that one odd interval moves it little. The reminder comes that much earlier (see forecast()).
 */
export interface Timing {
  spread: number;
  samples: number;
}

export const TIMING_CLAMP = 0.5;
export const TIMING_PRIOR_WEIGHT = 2;
export const TIMING_PRIOR_SPREAD = 0.1;
export const TIMING_DECAY = 0.85;

/** The daily-use estimate and the household's timing, learned in one pass over merged purchases. */
export function learn(
  prior: number,
  merged: readonly Purchase[],
  season: SeasonCurve | null = null,
): { dailyUse: number; observations: number; timing: Timing } {
  let estimate = prior;
  let observations = 0;
  let weight = 0;
  let spreadSum = 0;
  let samples = 0;
  for (let i = 1; i < merged.length; i++) {
    const previous = merged[i - 1]!;
    const current = merged[i]!;
    if (daysBetween(previous.date, current.date) < 1) continue;
    // With seasons, the use is learned per "usual" day: a January gas cycle counts as more days.
    const days = seasonalDays(season, previous.date, current.date);
    if (estimate > 0) {
      // What the method would have said at the previous purchase, against when the household came.
      const predictedDays = Math.max(1, Math.min(MAX_DAYS_OF_STOCK, (previous.quantity + (previous.stockLeft ?? 0)) / estimate));
      const error = Math.max(-TIMING_CLAMP, Math.min(TIMING_CLAMP, Math.log(days / predictedDays)));
      weight = weight * TIMING_DECAY + 1;
      spreadSum = spreadSum * TIMING_DECAY + Math.abs(error);
      samples++;
    }
    const used = previous.quantity + (previous.stockLeft ?? 0) - (current.stockLeft ?? 0);
    if (used <= 0) continue;
    const observed = used / days;
    estimate = estimate > 0 ? updateDailyUse(estimate, observed, observations) : observed;
    observations++;
  }
  const spread = (spreadSum + TIMING_PRIOR_WEIGHT * TIMING_PRIOR_SPREAD) / (weight + TIMING_PRIOR_WEIGHT);
  return { dailyUse: estimate, observations, timing: { spread, samples } };
}

/** "How much is left at home?" answered after the last purchase (on a call): it resets the run-out. */
export interface StockReport {
  date: BusinessDate;
  stockLeft: number;
}

/** How far the reminder may move ahead of "run-out - lead days" for an erratic household. */
export const MAX_EXTRA_LEAD_DAYS = 4;
/** The reminder comes this many spreads (a share of the days of stock) ahead, beyond the lead days. */
export const SPREAD_LEAD = 1;

/**
 * A reminder is useful from the lead days up to a week more before the purchase (the shop's own
 * tolerance: "call me a week early, fine; after I bought, useless"). The extra lead never goes past the
 * middle of that window: (REMINDER_WINDOW_DAYS - lead) / 2, so a long lead gets little or none.
 */
export const REMINDER_WINDOW_DAYS = 7;

/** Days the reminder comes before "run-out - lead days" for a household this erratic (not rounded). */
export function extraLeadDays(timing: Timing, daysOfStock: number, leadDays: number): number {
  const centre = Math.max(0, (REMINDER_WINDOW_DAYS - leadDays) / 2);
  return Math.min(MAX_EXTRA_LEAD_DAYS, centre, SPREAD_LEAD * timing.spread * daysOfStock);
}

/** The forecast for one household and product, or null when there is nothing to forecast from. */
export function forecast(
  guidelinePrior: number,
  purchases: readonly Purchase[],
  leadDays: number,
  report?: StockReport | null,
  shop: ShopContext = NO_SHOP_CONTEXT,
): Forecast | null {
  const merged = mergeSameDay(purchases);
  const last = merged[merged.length - 1];
  if (!last) return null;
  const prior = guidelinePrior * shop.rateFactor;
  const { dailyUse, observations, timing } = learn(prior, merged, shop.season);
  if (!(dailyUse > 0)) return null;
  const stock = last.stockLeft ?? 0;
  const reported = report && report.date >= last.date ? report : null;
  const from = reported ? reported.date : last.date;
  const left = reported ? reported.stockLeft : last.quantity + stock;
  const daysOfStock = calendarDaysFor(shop.season, from, left / dailyUse, MAX_DAYS_OF_STOCK);
  const runOutDate = addDays(from, Math.round(daysOfStock));
  // An erratic household is reminded earlier than run-out - lead days: by its spread times the days of
  // stock, at most MAX_EXTRA_LEAD_DAYS or the middle of the reminder window, and never by so much that
  // the reminder falls on or before `from`.
  const extraDays = Math.max(0, Math.min(Math.round(extraLeadDays(timing, daysOfStock, leadDays)), Math.round(daysOfStock) - leadDays - 1));
  const planned = addDays(runOutDate, -leadDays - extraDays);
  // Stock that lasts no longer than the lead days (a bottle of milk, lead 2) would put a household on
  // the call list the day it bought. It is due the next day at the earliest (since version 4). A stock
  // report is not held back: "nothing left" on a call means the household needs it now.
  const reminderDate = reported || planned > last.date ? planned : addDays(last.date, 1);
  return {
    priorDailyUse: prior,
    dailyUse,
    observations,
    confidence: confidenceOf(observations),
    lastPurchaseDate: last.date,
    lastQuantity: last.quantity,
    stockAtLastPurchase: stock,
    runOutDate,
    reminderDate,
  };
}
