/**
 * What one product's sales across the whole shop teach each household's forecast (forecast v5): its
 * seasons and the shop's own per-person pace. Both are learned from the same intervals forecast.ts learns
 * a household from (purchase to purchase: bought + left then - left now, over the days between).
 *
 * Method.
 * - Each household's long-run pace R = what it used / the seasonal days it took (forecastSeasons.ts), so a
 *   winter-only household is not read as a heavy one.
 * - Seasons: every interval of a household with MIN_SEASON_INTERVALS or more says ln(its pace / R),
 *   clamped to +-SEASON_CLAMP (a trip, a party), for each month it overlaps, weighted by the share of its
 *   days there. A month's index is the weighted mean, shrunk toward the preset (1 without one) as if
 *   SEASON_SHRINK intervals had said the preset: exp((sum w ln x + K ln preset) / (sum w + K)). A month
 *   the shop has no history of keeps the preset; a month with a few households' cycles moves a little.
 *   R and the index are fitted in turn (SEASON_ROUNDS). The index is then scaled to a geometric mean of 1
 *   over the year, so seasons move use between months and the pace says how much in all.
 * - Starting rate: ln(R / guideline prior) per household (clamped to +-RATE_CLAMP), summed and divided by
 *   (households + RATE_SHRINK): a shop with a handful of households stays near the guideline, one with
 *   a hundred gets its own. The factor multiplies every household's prior (forecast.ts), which is what a
 *   new household's first cycles run on; the Products page offers to write it into the product's figures.
 * What was measured (`npm run forecast:eval`, 3 simulated shops of 500 households, 540 days, seasonal
 * gas and water, shop rates 0.7-1.3; see the commit for the full output): see forecast.ts's header.
 */
import { daysBetween, type BusinessDate } from './dates.ts';
import { mergeSameDay, type Purchase, type ShopContext } from './forecast.ts';
import { presetIndex, seasonalDays, seasonCurve, type SeasonCurve, type SeasonPreset } from './forecastSeasons.ts';

export const MIN_SEASON_INTERVALS = 3;
export const SEASON_CLAMP = 0.7;
export const SEASON_SHRINK = 20;
export const SEASON_ROUNDS = 6;
export const RATE_CLAMP = Math.log(3);
export const RATE_SHRINK = 10;

/** One household's history of the product: its guideline prior and its purchases (any order, merged here). */
export interface ShopPair {
  prior: number;
  purchases: readonly Purchase[];
}

export interface ShopLearning {
  /** Monthly index, January first (the preset's when the shop has no history). */
  season: number[];
  /** Intervals behind each month's index (after the overlap weights). */
  seasonWeight: number[];
  /** The prior's multiplier (1: the guideline). */
  rateFactor: number;
  /** Households behind rateFactor. */
  households: number;
}

interface Interval {
  from: BusinessDate;
  to: BusinessDate;
  used: number;
}

function intervalsOf(purchases: readonly Purchase[], before: BusinessDate | null): Interval[] {
  const merged = mergeSameDay(purchases);
  const list: Interval[] = [];
  for (let i = 1; i < merged.length; i++) {
    const a = merged[i - 1]!;
    const b = merged[i]!;
    if (before !== null && b.date >= before) break;
    const used = a.quantity + (a.stockLeft ?? 0) - (b.stockLeft ?? 0);
    if (daysBetween(a.date, b.date) >= 1 && used > 0) list.push({ from: a.date, to: b.date, used });
  }
  return list;
}

/** The interval's days in each month it overlaps, as shares of its length. */
function monthShares(from: BusinessDate, to: BusinessDate, add: (month: number, share: number) => void): void {
  const total = daysBetween(from, to);
  let cursor = from;
  while (cursor < to) {
    const y = Number(cursor.slice(0, 4));
    const m = Number(cursor.slice(5, 7));
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = next < to ? next : to;
    add(m - 1, daysBetween(cursor, end) / total);
    cursor = end;
  }
}

const clamp = (x: number, limit: number) => Math.max(-limit, Math.min(limit, x));

/**
 * The product's seasons and starting-rate factor from the pairs' purchases (those before `before` only,
 * when given: forecast:eval replays a shop month by month).
 */
export function learnShopProduct(pairs: readonly ShopPair[], preset: SeasonPreset, before: BusinessDate | null = null): ShopLearning {
  const prior = presetIndex(preset).map(Math.log);
  const households = pairs.map((p) => ({ prior: p.prior, intervals: intervalsOf(p.purchases, before) })).filter((h) => h.intervals.length > 0 && h.prior > 0);
  let logIndex = [...prior];
  let curve: SeasonCurve | null = seasonCurve(logIndex.map(Math.exp));
  const weight = new Array<number>(12).fill(0);
  const paces: number[] = [];
  for (let round = 0; round < SEASON_ROUNDS; round++) {
    const sum = new Array<number>(12).fill(0);
    weight.fill(0);
    paces.length = 0;
    for (const h of households) {
      let used = 0;
      let days = 0;
      for (const i of h.intervals) {
        used += i.used;
        days += seasonalDays(curve, i.from, i.to);
      }
      const pace = used / days;
      paces.push(Math.log(pace / h.prior));
      if (h.intervals.length < MIN_SEASON_INTERVALS) continue;
      for (const i of h.intervals) {
        // What the interval says beyond what the current index already expects of it (backfitting: an
        // interval averages the months it spans, so its whole pace put on each month would flatten them).
        const days = daysBetween(i.from, i.to);
        const said = clamp(Math.log(i.used / days / pace), SEASON_CLAMP);
        const residual = said - Math.log(seasonalDays(curve, i.from, i.to) / days);
        monthShares(i.from, i.to, (m, share) => {
          sum[m]! += share * (logIndex[m]! + residual);
          weight[m]! += share;
        });
      }
    }
    const raw = sum.map((s, m) => (s + SEASON_SHRINK * prior[m]!) / (weight[m]! + SEASON_SHRINK));
    const mean = raw.reduce((a, b) => a + b, 0) / 12;
    logIndex = raw.map((x) => x - mean);
    curve = seasonCurve(logIndex.map(Math.exp));
  }
  const rateSum = paces.reduce((a, x) => a + clamp(x, RATE_CLAMP), 0);
  return {
    season: logIndex.map(Math.exp),
    seasonWeight: weight,
    rateFactor: Math.exp(rateSum / (paces.length + RATE_SHRINK)),
    households: paces.length,
  };
}

/** The forecast's view of what the shop learned. */
export function shopContextOf(learning: Pick<ShopLearning, 'season' | 'rateFactor'>): ShopContext {
  return { season: seasonCurve(learning.season), rateFactor: learning.rateFactor };
}
