import { describe, expect, it } from 'vitest';
import { addDays, businessDateOf, daysBetween, isBusinessDate, isWithinReach, lastDayOfMonth, oneYearAfter } from '../../shared/domain/dates.ts';

describe('isBusinessDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2026-02-28'])('accepts %s', (d) => expect(isBusinessDate(d)).toBe(true));

  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is not a leap year
    '1900-02-29', // century, not a leap year
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '2026/01/01',
    '20260101',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
    'today',
  ])('rejects %j', (d) => expect(isBusinessDate(d)).toBe(false));
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2028-02-29', 365, '2029-02-28'],
    ['2028-02-29', 366, '2029-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-22', 0, '2026-11-22'],
    ['2026-11-22', -365, '2025-11-22'],
  ])('%s %+d -> %s', (from, days, to) => expect(addDays(from, days)).toBe(to));

  it('is not shifted by daylight-saving changes (March and October)', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('rounds fractional days', () => {
    expect(addDays('2026-01-01', 2.4)).toBe('2026-01-03');
    expect(addDays('2026-01-01', 2.6)).toBe('2026-01-04');
  });

  it('throws on something that is not a date', () => {
    expect(() => addDays('01/02/2026', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts whole days, negative backwards', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });

  it('is the inverse of addDays', () => {
    for (const n of [-400, -31, -1, 0, 1, 29, 59, 366, 1000]) expect(daysBetween('2028-02-29', addDays('2028-02-29', n))).toBe(n);
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%d-%d -> %d', (y, m, d) => expect(lastDayOfMonth(y, m)).toBe(d));
});

describe('businessDateOf', () => {
  it('uses the local calendar date, zero-padded', () => {
    expect(businessDateOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(businessDateOf(new Date(2026, 10, 22, 0, 0))).toBe('2026-11-22');
  });
});

describe('isWithinReach', () => {
  it('takes 2000-01-01 up to the same day a year after today', () => {
    expect(isWithinReach('2000-01-01', '2026-11-22')).toBe(true);
    expect(isWithinReach('1999-12-31', '2026-11-22')).toBe(false);
    expect(isWithinReach('0100-01-15', '2026-11-22')).toBe(false);
    expect(isWithinReach('2027-11-22', '2026-11-22')).toBe(true);
    expect(isWithinReach('2027-11-23', '2026-11-22')).toBe(false);
    expect(isWithinReach('9999-12-31', '2026-11-22')).toBe(false);
  });

  it('a year after 29 February is 28 February', () => {
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
    expect(oneYearAfter('2027-02-28')).toBe('2028-02-28');
    expect(oneYearAfter('2026-12-31')).toBe('2027-12-31');
  });
});
