/**
 * Who matters to the shop: the customer pyramid and RFM scores, from each household's last twelve
 * months of slips (the backend sums them; this module only ranks).
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
  const n = ranked.length;
  // How many households are in this tier or above, by rank (less a hair: 10 × 0.3 is 3.0000000000000004).
  const upTo = [shares.vip, shares.vip + shares.key, shares.vip + shares.key + shares.regular].map((share) => Math.ceil(n * share - 1e-9));
  const result: (T & { tier: Tier })[] = [];
  let tierIndex = 0;
  ranked.forEach((h, i) => {
    const tiedWithPrevious = i > 0 && ranked[i - 1]!.valueFen === h.valueFen;
    while (tierIndex < upTo.length && i >= upTo[tierIndex]! && !tiedWithPrevious) tierIndex++;
    result.push({ ...h, tier: TIERS[tierIndex]! });
  });
  return result;
}

/** Households whose tier changed between two rankings, with both tiers (new households and leavers included). */
export function tierMoves(before: ReadonlyMap<number, Tier>, after: ReadonlyMap<number, Tier>) {
  const moves: { customerId: number; from: Tier | null; to: Tier | null }[] = [];
  for (const [customerId, to] of after) if (before.get(customerId) !== to) moves.push({ customerId, from: before.get(customerId) ?? null, to });
  for (const [customerId, from] of before) if (!after.has(customerId)) moves.push({ customerId, from, to: null });
  return moves;
}

/** A tier's rank, 0 for VIP: a move to a higher index is a drop. */
export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/**
 * Scores 1..5 by quintile of `value` (higher is better). Households on the same figure share the score of
 * their middle rank: the many who bought once are neither all at the bottom nor all at the top.
 */
function quintileScores(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((p, q) => p.v - q.v);
  const scores = new Array<number>(values.length);
  for (let first = 0; first < order.length;) {
    let last = first;
    while (last + 1 < order.length && order[last + 1]!.v === order[first]!.v) last++;
    const share = ((first + last) / 2 + 0.5) / values.length;
    for (let k = first; k <= last; k++) scores[order[k]!.i] = Math.min(5, 1 + Math.floor(5 * share));
    first = last + 1;
  }
  return scores;
}

export interface RfmScore {
  customerId: number;
  recency: number;
  frequency: number;
  monetary: number;
}

/** RFM scores of households that bought in the window (purchases > 0). */
export function rfmOf(households: readonly HouseholdValue[]): RfmScore[] {
  const buying = households.filter((h) => h.purchases > 0);
  const recency = quintileScores(buying.map((h) => -h.daysSinceLast));
  const frequency = quintileScores(buying.map((h) => h.purchases));
  const monetary = quintileScores(buying.map((h) => h.valueFen));
  return buying.map((h, i) => ({ customerId: h.customerId, recency: recency[i]!, frequency: frequency[i]!, monetary: monetary[i]! }));
}
