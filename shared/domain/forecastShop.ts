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
 * Constants: SEASON_SHRINK 20 and backfitting over SEASON_ROUNDS, both against flattening: with 40 and
 * each interval's whole pace put on every month it spans, gas came out +-14 % where the shops had +-25 %
 * (the two changes together, without presets: gas on time 55.5 -> 55.9 %, premature 24.3 -> 22.5 %).
 * What v5 gains: forecast.ts's header.
 */
import type { BusinessDate } from './dates.ts';
import { mergeSameDay, type Purchase, type ShopContext } from './forecast.ts';
import {
  epochDay,
  monthOfDay,
  monthOfYear,
  monthStart,
  presetIndex,
  seasonalDaysOf,
  seasonCurve,
  type SeasonCurve,
  type SeasonPreset,
} from './forecastSeasons.ts';

export const MIN_SEASON_INTERVALS = 3;
export const SEASON_CLAMP = 0.7;
export const SEASON_SHRINK = 20;
export const SEASON_ROUNDS = 6;
export const RATE_CLAMP = Math.log(3);
export const RATE_SHRINK = 10;
/** The Products page offers the learned rates once this many households show them this far (10 %) off. */
export const RATE_HINT_MIN_HOUSEHOLDS = 10;
export const RATE_HINT_MIN_CHANGE = 0.1;

export function offersLearnedRates(learned: { ownFactor: number; households: number }): boolean {
  return learned.households >= RATE_HINT_MIN_HOUSEHOLDS && Math.abs(learned.ownFactor - 1) >= RATE_HINT_MIN_CHANGE;
}

/** The per-person figures times the learned factor, to three significant figures (what the owner types). */
export function applyRateFactor(rates: { adult: number; child: number; senior: number }, factor: number) {
  const times = (v: number) => Number((v * factor).toPrecision(3));
  return { adult: times(rates.adult), child: times(rates.child), senior: times(rates.senior) };
}

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
  /** The prior's multiplier (1: the guideline), shrunk toward 1: what every forecast uses. */
  rateFactor: number;
  /**
   * The households' own pace over the figures, not shrunk: what the Products page offers to write into
   * the figures once enough households show it (the owner's yes replaces the guideline; relearned after,
   * both factors are then about 1).
   */
  ownFactor: number;
  /** Households behind rateFactor. */
  households: number;
}

/** Collects households one at a time (a book's sales are read as a stream) and learns from them all. */
export interface ShopLearner {
  add(prior: number, purchases: readonly Purchase[]): void;
  result(): ShopLearning;
}

const clamp = (x: number, limit: number) => Math.max(-limit, Math.min(limit, x));

/**
 * A learner of one product's seasons and starting-rate factor. `before`: only purchases before this date
 * count (forecast:eval replays a shop month by month). Intervals are kept as epoch days in flat arrays:
 * a big book has millions.
 */
export function createShopLearner(preset: SeasonPreset, before: BusinessDate | null = null): ShopLearner {
  const priors: number[] = [];
  const starts: number[] = [0];
  const from: number[] = [];
  const to: number[] = [];
  const used: number[] = [];
  return {
    add(prior, purchases) {
      if (!(prior > 0)) return;
      const merged = mergeSameDay(purchases);
      const count = from.length;
      for (let i = 1; i < merged.length; i++) {
        const a = merged[i - 1]!;
        const b = merged[i]!;
        if (before !== null && b.date >= before) break;
        const u = a.quantity + (a.stockLeft ?? 0) - (b.stockLeft ?? 0);
        if (u <= 0 || !(b.date > a.date)) continue;
        from.push(epochDay(a.date));
        to.push(epochDay(b.date));
        used.push(u);
      }
      if (from.length === count) return;
      priors.push(prior);
      starts.push(from.length);
    },
    result: () => fit(preset, priors, starts, from, to, used),
  };
}

/**
 * The log of each month's index: what its intervals said (`sum` of weighted logs over `weight`), shrunk
 * toward the preset's log as if SEASON_SHRINK intervals had said it, then centred on 0 (a geometric mean
 * of 1 over the year).
 */
export function shrunkLogIndex(sum: readonly number[], weight: readonly number[], priorLog: readonly number[]): number[] {
  const raw = sum.map((s, m) => (s + SEASON_SHRINK * priorLog[m]!) / (weight[m]! + SEASON_SHRINK));
  const mean = raw.reduce((a, b) => a + b, 0) / 12;
  return raw.map((x) => x - mean);
}

function fit(preset: SeasonPreset, priors: number[], starts: number[], from: number[], to: number[], used: number[]): ShopLearning {
  const prior = presetIndex(preset).map(Math.log);
  let logIndex = [...prior];
  let curve: SeasonCurve | null = seasonCurve(logIndex.map(Math.exp));
  const weight = new Array<number>(12).fill(0);
  const paces: number[] = [];
  for (let round = 0; round < SEASON_ROUNDS; round++) {
    const sum = new Array<number>(12).fill(0);
    weight.fill(0);
    paces.length = 0;
    for (let h = 0; h < priors.length; h++) {
      const first = starts[h]!;
      const end = starts[h + 1]!;
      let total = 0;
      let days = 0;
      for (let i = first; i < end; i++) {
        total += used[i]!;
        days += seasonalDaysOf(curve, from[i]!, to[i]!);
      }
      const pace = total / days;
      paces.push(Math.log(pace / priors[h]!));
      if (end - first < MIN_SEASON_INTERVALS) continue;
      for (let i = first; i < end; i++) {
        // What the interval says beyond what the current index already expects of it (backfitting: an
        // interval averages the months it spans, so its whole pace put on each month would flatten them).
        const length = to[i]! - from[i]!;
        const said = clamp(Math.log(used[i]! / length / pace), SEASON_CLAMP);
        const residual = said - Math.log(seasonalDaysOf(curve, from[i]!, to[i]!) / length);
        for (let k = monthOfDay(from[i]!); monthStart(k) < to[i]!; k++) {
          const share = (Math.min(to[i]!, monthStart(k + 1)) - Math.max(from[i]!, monthStart(k))) / length;
          const m = monthOfYear(k);
          sum[m]! += share * (logIndex[m]! + residual);
          weight[m]! += share;
        }
      }
    }
    logIndex = shrunkLogIndex(sum, weight, prior);
    curve = seasonCurve(logIndex.map(Math.exp));
  }
  const rateSum = paces.reduce((a, x) => a + clamp(x, RATE_CLAMP), 0);
  return {
    season: logIndex.map(Math.exp),
    seasonWeight: weight,
    rateFactor: Math.exp(rateSum / (paces.length + RATE_SHRINK)),
    ownFactor: paces.length > 0 ? Math.exp(rateSum / paces.length) : 1,
    households: paces.length,
  };
}

/** The product's seasons and starting-rate factor from the pairs' purchases (before `before`, when given). */
export function learnShopProduct(pairs: readonly ShopPair[], preset: SeasonPreset, before: BusinessDate | null = null): ShopLearning {
  const learner = createShopLearner(preset, before);
  for (const p of pairs) learner.add(p.prior, p.purchases);
  return learner.result();
}

/** The forecast's view of what the shop learned. */
export function shopContextOf(learning: Pick<ShopLearning, 'season' | 'rateFactor'>): ShopContext {
  return { season: seasonCurve(learning.season), rateFactor: learning.rateFactor };
}
