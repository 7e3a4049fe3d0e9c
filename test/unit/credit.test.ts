import { describe, expect, it } from 'vitest';
import { allocatePayments, collectFrom, COLLECT_WITHOUT_PAYDAY_AFTER_DAYS } from '../../shared/domain/credit.ts';
import { lastPaydayOnOrBefore, nextPaydayAfter, paydayInMonth } from '../../shared/domain/payday.ts';
import { addDays } from '../../shared/domain/dates.ts';

describe('allocating payments, oldest credit first', () => {
  const sales = [
    { id: 2, date: '2026-03-10', amountFen: 5000 },
    { id: 1, date: '2026-03-01', amountFen: 3000 },
    { id: 3, date: '2026-03-10', amountFen: 2000 },
  ];

  it('settles the oldest sale first, partially paying the next', () => {
    const b = allocatePayments(sales, [{ id: 1, date: '2026-03-15', amountFen: 4000 }]);
    expect(b.allocations.map((a) => [a.saleId, a.paidFen, a.remainingFen])).toEqual([
      [1, 3000, 0],
      [2, 1000, 4000],
      [3, 0, 2000],
    ]);
    expect(b).toMatchObject({ creditFen: 10000, paidFen: 4000, balanceFen: 6000, oldestUnpaidDate: '2026-03-10' });
  });

  it('a household that paid everything owes nothing and has no "owes since"', () => {
    const b = allocatePayments(sales, [
      { id: 1, date: '2026-03-15', amountFen: 6000 },
      { id: 2, date: '2026-03-20', amountFen: 4000 },
    ]);
    expect(b).toMatchObject({ balanceFen: 0, oldestUnpaidDate: null });
  });

  it('paying more than owed leaves a negative balance (paid ahead)', () => {
    expect(allocatePayments(sales, [{ id: 1, date: '2026-03-15', amountFen: 12000 }]).balanceFen).toBe(-2000);
    expect(allocatePayments([], []).balanceFen).toBe(0);
  });
});

describe('paydays', () => {
  it('falls on the last day of short months, February included', () => {
    expect(paydayInMonth(31, 2026, 4)).toBe('2026-04-30');
    expect(paydayInMonth(30, 2026, 2)).toBe('2026-02-28');
    expect(paydayInMonth(30, 2028, 2)).toBe('2028-02-29');
    expect(paydayInMonth('end', 2027, 2)).toBe('2027-02-28');
    expect(paydayInMonth('end', 2026, 12)).toBe('2026-12-31');
    expect(paydayInMonth(15, 2026, 6)).toBe('2026-06-15');
  });

  it('finds the next payday strictly after a date, across months and years', () => {
    expect(nextPaydayAfter(15, '2026-06-14')).toBe('2026-06-15');
    expect(nextPaydayAfter(15, '2026-06-15')).toBe('2026-07-15');
    expect(nextPaydayAfter('end', '2026-12-31')).toBe('2027-01-31');
    expect(nextPaydayAfter('end', '2028-02-10')).toBe('2028-02-29');
    expect(nextPaydayAfter(31, '2026-01-31')).toBe('2026-02-28');
  });

  it('finds the last payday on or before a date', () => {
    expect(lastPaydayOnOrBefore(10, '2026-01-05')).toBe('2025-12-10');
    expect(lastPaydayOnOrBefore(10, '2026-01-10')).toBe('2026-01-10');
    expect(lastPaydayOnOrBefore('end', '2026-03-01')).toBe('2026-02-28');
  });

  it('collects from the first payday after the oldest unpaid credit, or a month on without a payday', () => {
    expect(collectFrom('2026-03-03', 5)).toBe('2026-03-05');
    expect(collectFrom('2026-03-06', 5)).toBe('2026-04-05');
    expect(collectFrom('2026-02-03', 'end')).toBe('2026-02-28');
    expect(collectFrom('2026-03-03', null)).toBe(addDays('2026-03-03', COLLECT_WITHOUT_PAYDAY_AFTER_DAYS));
    expect(collectFrom(null, 5)).toBeNull();
  });
});
