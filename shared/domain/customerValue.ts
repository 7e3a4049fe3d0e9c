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

/** Sorted copy of `values`, for quintileOf. */
function ascending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Where `value` first appears in `sorted` (`after`: where the first larger value is). */
function position(sorted: Float64Array, value: number, after: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value || (after && sorted[mid] === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The score 1..5 by quintile of `value` (higher is better) among `sorted` (which holds it). Households on the
 * same figure share the score of their middle rank: the many who bought once are neither all at the bottom
 * nor all at the top.
 */
function quintileOf(sorted: Float64Array, value: number): number {
  const first = position(sorted, value, false);
  const last = position(sorted, value, true) - 1;
  const share = ((first + last) / 2 + 0.5) / sorted.length;
  return Math.min(5, 1 + Math.floor(5 * share));
}

export interface RfmScore {
  customerId: number;
  recency: number;
  frequency: number;
  monetary: number;
}

/**
 * The RFM scores of any household among `households` (those that bought in the window: purchases > 0), in
 * three numeric sorts: a caller listing a few of 100k households scores only those.
 */
export function rfmScorer(households: readonly HouseholdValue[]): (h: HouseholdValue) => RfmScore {
  const buying = households.filter((h) => h.purchases > 0);
  const recency = ascending(buying.map((h) => -h.daysSinceLast));
  const frequency = ascending(buying.map((h) => h.purchases));
  const monetary = ascending(buying.map((h) => h.valueFen));
  return (h) => ({
    customerId: h.customerId,
    recency: quintileOf(recency, -h.daysSinceLast),
    frequency: quintileOf(frequency, h.purchases),
    monetary: quintileOf(monetary, h.valueFen),
  });
}

/** RFM scores of households that bought in the window (purchases > 0). */
export function rfmOf(households: readonly HouseholdValue[]): RfmScore[] {
  const score = rfmScorer(households);
  return households.filter((h) => h.purchases > 0).map(score);
}
