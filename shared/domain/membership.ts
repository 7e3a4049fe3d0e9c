/**
 * Membership: member levels, the member price, and points earned on slips and spent at the counter.
 * Nothing here is stored as a balance: points are summed from the household's live sales at the rate in
 * force on each sale's date, less the points redeemed on slips still standing.
 *
 * A household is a member by its place in the pyramid (VIP, key or regular: shared/domain/customerValue.ts)
 * or by a bought membership still running ('paid'); holding both, it gets the larger discount.
 */
import type { Tier } from './customerValue.ts';
import { addDays } from './dates.ts';

export const MEMBER_LEVELS = ['vip', 'key', 'regular', 'paid'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

export interface MemberRules {
  /** Points earned per yuan spent; 0 turns earning off. */
  pointsPerYuan: number;
  /** How many points take one yuan off a slip (100 points = 1 yuan, the usual 积分抵现). */
  pointsPerYuanOff: number;
  /** Percent off the price per level. */
  discounts: Record<MemberLevel, number>;
  /** A bought membership: its price and how many days it runs. */
  priceFen: number;
  days: number;
}

/** Until the owner sets the rules: no points, no discounts. */
export const DEFAULT_MEMBER_RULES: MemberRules = {
  pointsPerYuan: 0,
  pointsPerYuanOff: 100,
  discounts: { vip: 0, key: 0, regular: 0, paid: 0 },
  priceFen: 0,
  days: 365,
};

/** A rate as the owner set it, in force from its date on (a later one of the same date wins). */
export interface DatedRate {
  fromDate: string;
  pointsPerYuan: number;
}

/** The rate on a date, from rates in the order they were set; 0 before the first. */
export function rateOn(rates: readonly DatedRate[], date: string): number {
  let rate = 0;
  let from = '';
  for (const r of rates) {
    if (r.fromDate <= date && r.fromDate >= from) {
      rate = r.pointsPerYuan;
      from = r.fromDate;
    }
  }
  return rate;
}

/** Whole points for an amount: 12.99 yuan at 1 point per yuan is 12 points (a hair for 0.29 x 100 = 28.999...). */
export function pointsFor(amountFen: number, pointsPerYuan: number): number {
  return Math.max(0, Math.floor((amountFen * pointsPerYuan) / 100 + 1e-9));
}

/**
 * Points earned: each purchase (a slip, or a sale recorded alone) earns on its live amount at the rate in
 * force on its date. A purchase counts whole, not line by line: 3.50 + 6.80 on one slip is 10 points, not 9.
 */
export function pointsEarned(purchases: readonly { date: string; amountFen: number }[], rates: readonly DatedRate[]): number {
  return purchases.reduce((sum, p) => sum + pointsFor(p.amountFen, rateOn(rates, p.date)), 0);
}

/** What points take off, in whole fen (a part of a fen is not given). */
export function pointsValueFen(points: number, pointsPerYuanOff: number): number {
  return Math.floor((points * 100) / pointsPerYuanOff + 1e-9);
}

/** A price less the member discount, to the fen (half up). */
export function memberPriceFen(priceFen: number, discountPct: number): number {
  return Math.round((priceFen * (100 - discountPct)) / 100 + 1e-9);
}

/**
 * A discount spread over a slip's lines in proportion to their amounts, to the fen: the remainders go to
 * the lines with the largest fractions (then the first), so the parts add up to the discount exactly.
 */
export function spreadDiscount(amounts: readonly number[], discountFen: number): number[] {
  const total = amounts.reduce((s, a) => s + a, 0);
  if (discountFen <= 0 || total === 0) return [...amounts];
  const exact = amounts.map((a) => (a * Math.min(discountFen, total)) / total);
  const parts = exact.map((x) => Math.floor(x + 1e-9));
  let left = Math.min(discountFen, total) - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => ({ i, frac: x - parts[i]! })).sort((p, q) => q.frac - p.frac || p.i - q.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (parts[i]! < amounts[i]!) {
      parts[i]!++;
      left--;
    }
  }
  return amounts.map((a, i) => a - parts[i]!);
}

/** The levels a household holds, and the one it is served at: the largest discount (the pyramid's first on a tie). */
export function memberLevelOf(tier: Tier | null, paidActive: boolean, discounts: MemberRules['discounts']): { level: MemberLevel | null; discountPct: number } {
  const held: MemberLevel[] = [];
  if (tier !== null && tier !== 'small') held.push(tier);
  if (paidActive) held.push('paid');
  let best: MemberLevel | null = null;
  for (const level of held) if (best === null || discounts[level] > discounts[best]) best = level;
  return { level: best, discountPct: best === null ? 0 : discounts[best] };
}

/** A bought membership starts today, or the day after the one still running ends; it runs `days` days. */
export function membershipPeriod(today: string, runningUntil: string | null, days: number): { startDate: string; endDate: string } {
  const startDate = runningUntil !== null && runningUntil >= today ? addDays(runningUntil, 1) : today;
  return { startDate, endDate: addDays(startDate, days - 1) };
}
