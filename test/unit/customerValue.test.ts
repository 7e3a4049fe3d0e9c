import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_SHARES, pyramidOf, rfmOf, tierMoves, tierRank, validTierShares, type Tier } from '../../shared/domain/customerValue.ts';

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

  it('lists who moved between tiers, drops ranked below rises', () => {
    const before = new Map<number, Tier>([
      [1, 'key'],
      [2, 'regular'],
      [3, 'small'],
    ]);
    const after = new Map<number, Tier>([
      [1, 'regular'],
      [2, 'regular'],
      [4, 'small'],
    ]);
    const moves = tierMoves(before, after);
    expect(moves).toEqual([
      { customerId: 1, from: 'key', to: 'regular' },
      { customerId: 4, from: null, to: 'small' },
      { customerId: 3, from: 'small', to: null },
    ]);
    expect(tierRank('regular') > tierRank('key')).toBe(true);
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

  it('leaves out households without purchases', () => {
    expect(rfmOf([{ customerId: 1, valueFen: 0, purchases: 0, daysSinceLast: 400 }])).toEqual([]);
  });
});
