import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIER_SHARES,
  pyramidOf,
  rfmOf,
  rfmScorer,
  tierFloors,
  tierMove,
  tierOf,
  tierRank,
  TIERS,
  validTierShares,
  type Tier,
} from '../../shared/domain/customerValue.ts';
import { createRandom } from '../../shared/domain/random.ts';

const households = (values: number[]) => values.map((valueFen, i) => ({ customerId: i + 1, valueFen }));

describe('the customer pyramid', () => {
  it('splits 150 households 2 / 6 / 22 / 120 by the classic 1-4-15-80', () => {
    const ranked = pyramidOf(households(Array.from({ length: 150 }, (_, i) => 150_00 - i * 100)));
    const count = (t: Tier) => ranked.filter((h) => h.tier === t).length;
    expect([count('vip'), count('key'), count('regular'), count('small')]).toEqual([2, 6, 22, 120]);
    expect(ranked[0]).toMatchObject({ customerId: 1, tier: 'vip' });
    expect(ranked[2]).toMatchObject({ customerId: 3, tier: 'key' });
    expect(ranked[29]).toMatchObject({ customerId: 30, tier: 'regular' });
    expect(ranked[30]).toMatchObject({ customerId: 31, tier: 'small' });
  });

  it('gives a tiny shop one VIP and keeps households of equal spend together', () => {
    // 10 households: VIP up to rank 1, key up to 1, regular up to 2; the third ties with the second.
    const ranked = pyramidOf(households([900, 800, 800, 500, 400, 300, 200, 100, 50, 10]));
    expect(ranked.map((h) => h.tier)).toEqual(['vip', 'regular', 'regular', 'small', 'small', 'small', 'small', 'small', 'small', 'small']);
  });

  it('leaves out households that spent nothing, and ranks ties by id so the order is stable', () => {
    const ranked = pyramidOf(households([0, 500, 500, 0]));
    expect(ranked.map((h) => h.customerId)).toEqual([2, 3]);
    expect(ranked.every((h) => h.tier === 'vip')).toBe(true);
    expect(pyramidOf([])).toEqual([]);
  });

  it('takes the owner’s own shares', () => {
    const ranked = pyramidOf(households(Array.from({ length: 10 }, (_, i) => 1000 - i)), { vip: 0.1, key: 0.2, regular: 0.3 });
    expect(ranked.map((h) => h.tier)).toEqual(['vip', 'key', 'key', 'regular', 'regular', 'regular', 'small', 'small', 'small', 'small']);
    expect(validTierShares(DEFAULT_TIER_SHARES)).toBe(true);
    expect(validTierShares({ vip: 0.5, key: 0.3, regular: 0.2 })).toBe(false);
    expect(validTierShares({ vip: 0, key: 0.3, regular: 0.2 })).toBe(false);
  });

  it('tells a move the owner should hear of from one that is no news', () => {
    expect(tierMove(1, 'key', 'regular')).toEqual({ customerId: 1, from: 'key', to: 'regular' });
    expect(tierMove(2, 'regular', 'regular')).toBeNull();
    expect(tierMove(3, 'regular', null)).toEqual({ customerId: 3, from: 'regular', to: null });
    expect(tierMove(4, null, 'key')).toEqual({ customerId: 4, from: null, to: 'key' });
    // A small household that comes or goes is no news.
    expect(tierMove(5, 'small', null)).toBeNull();
    expect(tierMove(6, null, 'small')).toBeNull();
    expect(tierRank('regular') > tierRank('key')).toBe(true);
  });

  it('gives every household its tier by the rank rule, from the floors alone, ties and all', () => {
    const random = createRandom(7);
    for (const n of [1, 2, 3, 10, 150, 1000]) {
      // Few distinct values, so that many households tie at the cut-offs.
      const values = Array.from({ length: n }, () => 1 + Math.floor(random.next() * 20));
      for (const shares of [DEFAULT_TIER_SHARES, { vip: 0.1, key: 0.2, regular: 0.3 }]) {
        const floors = tierFloors(values, shares);
        // The rule as the module states it: the first tier whose rank cut-off is beyond every household that spent more.
        const upTo = [shares.vip, shares.vip + shares.key, shares.vip + shares.key + shares.regular].map((x) => Math.ceil(n * x - 1e-9));
        const byRank = (v: number) => TIERS[upTo.filter((cut) => cut <= values.filter((w) => w > v).length).length]!;
        expect(values.map((v) => tierOf(v, floors))).toEqual(values.map(byRank));
      }
    }
  });
});

describe('RFM', () => {
  it('scores by quintile, 5 best, ties sharing the score of their middle rank', () => {
    const scores = rfmOf(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((v, i) => ({ customerId: i + 1, valueFen: v * 100, purchases: i < 5 ? 1 : i, daysSinceLast: 100 - v })),
    );
    // Recency: 90 days ago scores 1, 0 days ago 5; two households per quintile.
    expect(scores.map((s) => s.recency)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scores.map((s) => s.monetary)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Five households bought once: they share the score of the middle one (rank 3 of 10: the 25th percentile).
    expect(scores.map((s) => s.frequency)).toEqual([2, 2, 2, 2, 2, 3, 4, 4, 5, 5]);
  });

  it('scores one household by its middle rank among all, as the module states', () => {
    const random = createRandom(11);
    const list = Array.from({ length: 500 }, (_, i) => ({
      customerId: i + 1,
      valueFen: 100 * (1 + Math.floor(random.next() * 50)),
      purchases: Math.floor(random.next() * 6),
      daysSinceLast: Math.floor(random.next() * 365),
    }));
    const buying = list.filter((h) => h.purchases > 0);
    const quintile = (values: number[], v: number) => {
      const middle = (values.filter((w) => w < v).length + values.filter((w) => w <= v).length - 1) / 2;
      return Math.min(5, 1 + Math.floor((5 * (middle + 0.5)) / values.length));
    };
    const score = rfmScorer(list);
    for (const h of buying) {
      expect(score(h)).toEqual({
        customerId: h.customerId,
        recency: quintile(
          buying.map((b) => -b.daysSinceLast),
          -h.daysSinceLast,
        ),
        frequency: quintile(
          buying.map((b) => b.purchases),
          h.purchases,
        ),
        monetary: quintile(
          buying.map((b) => b.valueFen),
          h.valueFen,
        ),
      });
    }
  });

  it('scores a figure outside the households ranked as the nearest ranked figure below it (or 1)', () => {
    const list = [100, 200, 300, 400, 500].map((v, i) => ({ customerId: i + 1, valueFen: v, purchases: 1 + i, daysSinceLast: 10 * i }));
    const score = rfmScorer(list);
    const byValue = (valueFen: number) => score({ customerId: 9, valueFen, purchases: 1, daysSinceLast: 0 }).monetary;
    expect([50, 100, 150, 250, 450, 499, 500, 1e9].map(byValue)).toEqual([1, 1, 1, 2, 4, 4, 5, 5]);
    // Recency: fewer days is better; 5 days sits between the households of 0 and 10 days.
    expect(score({ customerId: 9, valueFen: 100, purchases: 1, daysSinceLast: 5 }).recency).toBe(4);
  });

  it('leaves out households without purchases', () => {
    expect(rfmOf([{ customerId: 1, valueFen: 0, purchases: 0, daysSinceLast: 400 }])).toEqual([]);
  });
});
