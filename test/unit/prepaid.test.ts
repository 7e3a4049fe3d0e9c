import { describe, expect, it } from 'vitest';
import { balanceOf, isLow, quoteRefund, replayLots, type PrepaidFact, type RefundRule } from '../../shared/domain/prepaid.ts';

/** 20 tickets for ¥300 with 2 free, bought as fact `id`. */
const bundle = (id: number, rule: RefundRule = 'forfeitBonus', moneyFen = 30000): PrepaidFact => ({
  kind: 'bought',
  id,
  units: 22,
  bonusUnits: 2,
  moneyFen,
  rule,
});
const drawn = (units: number): PrepaidFact => ({ kind: 'drawn', units: -units });
const refunded = (units: number, moneyFen: number): PrepaidFact => ({ kind: 'refunded', units: -units, moneyFen });
const quote = (facts: PrepaidFact[], units: number) => quoteRefund(replayLots(facts), units)?.moneyFen ?? null;

describe('refund rules', () => {
  it('forfeitBonus: what was used is charged at the price paid, the bonus is given up', () => {
    expect(quote([bundle(1)], 22)).toBe(30000);
    expect(quote([bundle(1), drawn(10)], 12)).toBe(15000);
    // 20 used of 20 paid for: the 2 free tickets left are worth nothing back
    expect(quote([bundle(1), drawn(20)], 2)).toBe(0);
    expect(quote([bundle(1), drawn(21)], 1)).toBe(0);
  });

  it('proRata: every unit left at the average price, bonus included', () => {
    expect(quote([bundle(1, 'proRata'), drawn(10)], 12)).toBe(16364);
    expect(quote([bundle(1, 'proRata'), drawn(20)], 2)).toBe(2727);
  });

  it('stored value 500 + 50 with 200 spent: 300 back, or 318.18 pro rata', () => {
    const topUp = (rule: RefundRule): PrepaidFact => ({ kind: 'bought', id: 1, units: 55000, bonusUnits: 5000, moneyFen: 50000, rule });
    expect(quote([topUp('forfeitBonus'), drawn(20000)], 35000)).toBe(30000);
    expect(quote([topUp('proRata'), drawn(20000)], 35000)).toBe(31818);
  });

  it('a partial refund shares the value left over the units left, and the rest refunds what remains', () => {
    const facts = [bundle(1), drawn(10)];
    expect(quote(facts, 6)).toBe(7500);
    const after = [...facts, refunded(6, 7500)];
    expect(quote(after, 6)).toBe(7500);
    // never more in two refunds than in one
    expect(7500 + quote(after, 6)!).toBe(quote(facts, 12));
  });

  it('draws take the oldest bundle first; a refund the newest, each at its own price', () => {
    // An old bundle at ¥300 and a new one at ¥360; 22 drawn empties the old one.
    const facts = [bundle(1), bundle(2, 'forfeitBonus', 36000), drawn(22)];
    expect(replayLots(facts).map((l) => [l.id, l.drawn])).toEqual([
      [1, 22],
      [2, 0],
    ]);
    expect(quote(facts, 22)).toBe(36000);
    // 30 drawn: 8 from the new one, charged at ¥18 each
    expect(quote([bundle(1), bundle(2, 'forfeitBonus', 36000), drawn(30)], 14)).toBe(36000 - 8 * 1800);
  });

  it('refuses a refund of nothing or of more than is left', () => {
    expect(quote([bundle(1), drawn(10)], 13)).toBeNull();
    expect(quote([bundle(1)], 0)).toBeNull();
    expect(quote([], 1)).toBeNull();
  });
});

describe('balances and renewal', () => {
  it('the balance is what was bought less what was drawn and refunded', () => {
    expect(balanceOf([bundle(1), drawn(3), refunded(4, 6000)])).toBe(15);
  });

  it('is low at or under the threshold of the bundle bought last, never without one', () => {
    expect([isLow(2, 2), isLow(3, 2), isLow(0, null)]).toEqual([true, false, false]);
  });
});
