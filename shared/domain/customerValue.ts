/**
 * Who matters to the shop: the customer pyramid and RFM scores, from each household's spend in twelve
 * calendar months, this one so far included (the backend sums them; this module only ranks).
 *
 * The pyramid is the classic customer-relationship split by value: the top 1 % of households are VIP,
 * the next 4 % key, the next 15 % regular and the other 80 % small. The owner may change the shares.
 * Cut-offs are by rank, rounded up so that a small shop still has one VIP (150 households: 2 VIP, 6 key,
 * 22 regular, 120 small); households that spend the same as the last one of a tier join that tier, so
 * two households with equal spend are never told apart. Households that spent nothing in the window are
 * not in the pyramid: they are the "not heard from" list's business.
 *
 * RFM: recency (days since the last purchase), frequency (purchases) and monetary value (spend), each
 * scored 1..5 by quintile among the households ranked, 5 best; ties share the score of their middle rank.
 */

export const TIERS = ['vip', 'key', 'regular', 'small'] as const;
export type Tier = (typeof TIERS)[number];

/** Shares of households per tier, top down; the last tier takes the rest. */
export interface TierShares {
  vip: number;
  key: number;
  regular: number;
}

export const DEFAULT_TIER_SHARES: TierShares = { vip: 0.01, key: 0.04, regular: 0.15 };

/** Shares must be positive and leave room for small households. */
export function validTierShares(s: TierShares): boolean {
  return [s.vip, s.key, s.regular].every((v) => Number.isFinite(v) && v > 0) && s.vip + s.key + s.regular < 1;
}

export interface HouseholdValue {
  customerId: number;
  /** Spend (or margin) in the window, in fen. */
  valueFen: number;
  purchases: number;
  /** Days from the last purchase to the day ranked. */
  daysSinceLast: number;
}

/** Each household with spend > 0 and its tier, highest value first. */
export function pyramidOf<T extends Pick<HouseholdValue, 'customerId' | 'valueFen'>>(
  households: readonly T[],
  shares: TierShares = DEFAULT_TIER_SHARES,
): (T & { tier: Tier })[] {
  const ranked = households.filter((h) => h.valueFen > 0).sort((p, q) => q.valueFen - p.valueFen || p.customerId - q.customerId);
  const floors = tierFloors(
    ranked.map((h) => h.valueFen),
    shares,
  );
  return ranked.map((h) => ({ ...h, tier: tierOf(h.valueFen, floors) }));
}

/**
 * The least value that still reaches VIP, key and regular among `values` (the spend > 0 of every household
 * ranked, in any order): the cut-offs by rank, a tie with the last of a tier joining it. With tierOf, the
 * tier of 100k households in one numeric sort, for a caller that needs only a few of them in order.
 */
export function tierFloors(values: ArrayLike<number>, shares: TierShares = DEFAULT_TIER_SHARES): number[] {
  const ascending = Float64Array.from(values).sort();
  const n = ascending.length;
  // How many households are in this tier or above, by rank (less a hair: 10 × 0.3 is 3.0000000000000004).
  const upTo = [shares.vip, shares.vip + shares.key, shares.vip + shares.key + shares.regular].map((share) => Math.ceil(n * share - 1e-9));
  // A household is in tier k or above when fewer than upTo[k] households spent more: when it spent at least
  // as much as the one ranked upTo[k] (1-based), so ties with it join it.
  return upTo.map((count) => (count <= 0 ? Infinity : count >= n ? -Infinity : ascending[n - count]!));
}

/** The tier of a household that spent `valueFen` (> 0), by tierFloors. */
export function tierOf(valueFen: number, floors: readonly number[]): Tier {
  const index = floors.findIndex((floor) => valueFen >= floor);
  return TIERS[index === -1 ? TIERS.length - 1 : index]!;
}

export interface TierMove {
  customerId: number;
  /** null: not in the pyramid before (a newcomer) or now (a leaver). */
  from: Tier | null;
  to: Tier | null;
}

/**
 * A household's move between two rankings, or null when it is no news to the owner: the same tier, or a
 * small household that comes or goes (the owner calls the households that dropped).
 */
export function tierMove(customerId: number, from: Tier | null, to: Tier | null): TierMove | null {
  if (from === to || (from === 'small' && to === null) || (from === null && to === 'small')) return null;
  return { customerId, from, to };
}

/** A tier's rank, 0 for VIP: a move to a higher index is a drop. */
export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/**
 * The least figure that scores 2, 3, 4 and 5 among `sorted` (Infinity: none does). A figure's score is its
 * quintile by middle rank, which never falls as the figure rises: these four numbers score any household of
 * the set, and place a figure outside it (a household's spend since) between its neighbours. Sorts `sorted`.
 */
function quintileCutoffs(sorted: Float64Array): number[] {
  sorted.sort();
  const n = sorted.length;
  const cutoffs = [Infinity, Infinity, Infinity, Infinity];
  for (let first = 0; first < n;) {
    const value = sorted[first]!;
    let last = first;
    while (last + 1 < n && sorted[last + 1] === value) last++;
    const score = Math.min(5, 1 + Math.floor((5 * ((first + last) / 2 + 0.5)) / n));
    for (let s = 2; s <= score; s++) if (cutoffs[s - 2] === Infinity) cutoffs[s - 2] = value;
    first = last + 1;
  }
  return cutoffs;
}

function scoreOf(cutoffs: readonly number[], value: number): number {
  return 1 + cutoffs.filter((cutoff) => value >= cutoff).length;
}

export interface RfmScore {
  customerId: number;
  recency: number;
  frequency: number;
  monetary: number;
}

/** What RFM scores need of the households ranked: four cut-offs per figure, recency as minus the days. */
export interface RfmCutoffs {
  recency: readonly number[];
  frequency: readonly number[];
  monetary: readonly number[];
}

/**
 * The cut-offs of the households that bought in the window (purchases > 0), given figure by figure (the
 * i-th of each array is one household's): a day's ranking of 100k households kept as twelve numbers.
 */
export function rfmCutoffs(figures: { daysSinceLast: ArrayLike<number>; purchases: ArrayLike<number>; valueFen: ArrayLike<number> }): RfmCutoffs {
  const n = figures.purchases.length;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  let buying = 0;
  for (let i = 0; i < n; i++) {
    if (figures.purchases[i]! <= 0) continue;
    recency[buying] = -figures.daysSinceLast[i]!;
    frequency[buying] = figures.purchases[i]!;
    monetary[buying] = figures.valueFen[i]!;
    buying++;
  }
  return {
    recency: quintileCutoffs(recency.subarray(0, buying)),
    frequency: quintileCutoffs(frequency.subarray(0, buying)),
    monetary: quintileCutoffs(monetary.subarray(0, buying)),
  };
}

/** A household's RFM scores by the cut-offs of its day's ranking. */
export function rfmScore(cutoffs: RfmCutoffs, h: HouseholdValue): RfmScore {
  return {
    customerId: h.customerId,
    recency: scoreOf(cutoffs.recency, -h.daysSinceLast),
    frequency: scoreOf(cutoffs.frequency, h.purchases),
    monetary: scoreOf(cutoffs.monetary, h.valueFen),
  };
}

/** The RFM scores of any household among `households` (those that bought in the window: purchases > 0). */
export function rfmScorer(households: readonly HouseholdValue[]): (h: HouseholdValue) => RfmScore {
  const cutoffs = rfmCutoffs({
    daysSinceLast: households.map((h) => h.daysSinceLast),
    purchases: households.map((h) => h.purchases),
    valueFen: households.map((h) => h.valueFen),
  });
  return (h) => rfmScore(cutoffs, h);
}

/** RFM scores of households that bought in the window (purchases > 0). */
export function rfmOf(households: readonly HouseholdValue[]): RfmScore[] {
  const score = rfmScorer(households);
  return households.filter((h) => h.purchases > 0).map(score);
}
