import { describe, expect, it } from 'vitest';
import {
  memberLevelOf,
  memberPriceFen,
  membershipPeriod,
  pointsEarned,
  pointsFor,
  pointsValueFen,
  rateOn,
  spreadDiscount,
} from '../../shared/domain/membership.ts';

const discounts = { vip: 10, key: 5, regular: 2, paid: 8 };

describe('points', () => {
  it('are whole points per yuan, rounded down', () => {
    expect(pointsFor(1299, 1)).toBe(12); // 12.99 yuan
    expect(pointsFor(1000, 1)).toBe(10);
    expect(pointsFor(129, 2)).toBe(2); // 1.29 yuan x 2 = 2.58
    expect(pointsFor(1010, 0.5)).toBe(5); // 10.10 yuan x 0.5 = 5.05
    expect(pointsFor(5000, 0)).toBe(0);
  });

  it('count a slip whole, at the rate of its day; before the first rate nothing', () => {
    const rates = [
      { fromDate: '2026-03-01', pointsPerYuan: 1 },
      { fromDate: '2026-06-01', pointsPerYuan: 2 },
      // set again the same day: the later one applies to the whole day
      { fromDate: '2026-06-01', pointsPerYuan: 3 },
    ];
    expect(rateOn(rates, '2026-02-28')).toBe(0);
    expect(rateOn(rates, '2026-05-31')).toBe(1);
    expect(rateOn(rates, '2026-06-01')).toBe(3);
    const purchases = [
      { date: '2026-02-10', amountFen: 50_00 }, // before: 0
      { date: '2026-04-02', amountFen: 10_30 }, // 3.50 + 6.80 on one slip: 10.30 yuan x 1 = 10
      { date: '2026-07-15', amountFen: 2_99 }, // 2.99 x 3 = 8.97 -> 8
    ];
    expect(pointsEarned(purchases, rates)).toBe(0 + 10 + 8);
  });

  it('take whole fen off: 100 per yuan is a fen each, 150 per yuan loses the part of a fen', () => {
    expect(pointsValueFen(250, 100)).toBe(250);
    expect(pointsValueFen(300, 150)).toBe(200);
    expect(pointsValueFen(100, 150)).toBe(66); // 66.67 fen
    expect(pointsValueFen(1, 1000)).toBe(0);
  });
});

describe('the member price and the discount on a slip', () => {
  it('takes the percent off each price, to the fen', () => {
    expect(memberPriceFen(600, 5)).toBe(570);
    expect(memberPriceFen(1999, 10)).toBe(1799); // 1799.1
    expect(memberPriceFen(250, 12.5)).toBe(219); // 218.75
    expect(memberPriceFen(600, 0)).toBe(600);
  });

  it('spreads a discount by amount, the fen left over to the largest remainder', () => {
    // 300 off 6000 + 3000 + 1000 (10000): 180 + 90 + 30 exactly
    expect(spreadDiscount([6000, 3000, 1000], 300)).toEqual([5820, 2910, 970]);
    // 100 off three equal lines: 33.33 each, the spare fen to the first
    expect(spreadDiscount([1000, 1000, 1000], 100)).toEqual([966, 967, 967]);
    expect(spreadDiscount([500, 700], 0)).toEqual([500, 700]);
  });
});

describe('member levels', () => {
  it('come from the pyramid (not small) or a running paid membership, the larger discount served', () => {
    expect(memberLevelOf('vip', false, discounts)).toEqual({ level: 'vip', discountPct: 10 });
    expect(memberLevelOf('small', false, discounts)).toEqual({ level: null, discountPct: 0 });
    expect(memberLevelOf(null, true, discounts)).toEqual({ level: 'paid', discountPct: 8 });
    expect(memberLevelOf('key', true, discounts)).toEqual({ level: 'paid', discountPct: 8 });
    expect(memberLevelOf('vip', true, discounts)).toEqual({ level: 'vip', discountPct: 10 });
  });

  it('a bought membership runs its days from today, or on from the end of the one running', () => {
    expect(membershipPeriod('2026-11-22', null, 365)).toEqual({ startDate: '2026-11-22', endDate: '2027-11-21' });
    expect(membershipPeriod('2026-11-22', '2026-12-31', 30)).toEqual({ startDate: '2027-01-01', endDate: '2027-01-30' });
    expect(membershipPeriod('2026-11-22', '2026-11-01', 30)).toEqual({ startDate: '2026-11-22', endDate: '2026-12-21' });
  });
});
