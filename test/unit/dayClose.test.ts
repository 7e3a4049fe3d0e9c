import { describe, expect, it } from 'vitest';
import { drawerDifferenceFen, slipCreditFen, slipTakings, takingsByMethod } from '../../shared/domain/dayClose.ts';

describe('slipTakings', () => {
  it('a paid slip whose lines were voided gives the money back from its cash first, then WeChat', () => {
    const tenders = [
      { method: 'wechat', amountFen: 4000 },
      { method: 'cash', amountFen: 1000 },
    ] as const;
    expect(slipTakings(tenders, 5000)).toEqual(tenders);
    expect(slipTakings(tenders, 3500)).toEqual([{ method: 'wechat', amountFen: 3500 }]);
    expect(slipTakings(tenders, 0)).toEqual([]);
  });

  it('a slip with a credit part keeps its counter money: the void lowers the credit instead', () => {
    const tenders = [
      { method: 'cash', amountFen: 2000 },
      { method: 'credit', amountFen: 7000 },
    ] as const;
    expect(slipTakings(tenders, 3000)).toEqual([{ method: 'cash', amountFen: 2000 }]);
    expect(slipCreditFen(tenders, 9000)).toBe(7000);
    expect(slipCreditFen(tenders, 3000)).toBe(1000);
    expect(slipCreditFen(tenders, 1000)).toBe(0);
    expect(slipCreditFen([{ method: 'cash', amountFen: 100 }], 100)).toBe(0);
  });
});

describe('takingsByMethod and the drawer', () => {
  it('lists the four counter methods always and unrecorded only when there is some', () => {
    expect(takingsByMethod([{ source: 'slips', method: 'bank', amountFen: 5 }]).map((m) => [m.method, m.amountFen])).toEqual([
      ['cash', 0],
      ['wechat', 0],
      ['alipay', 0],
      ['bank', 5],
    ]);
    expect(takingsByMethod([{ source: 'singleSales', method: 'unrecorded', amountFen: 7 }]).at(-1)).toEqual({ method: 'unrecorded', amountFen: 7 });
    expect(drawerDifferenceFen(5000, null)).toBeNull();
    expect(drawerDifferenceFen(5000, 4800)).toBe(-200);
  });
});
