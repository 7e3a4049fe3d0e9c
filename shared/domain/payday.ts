/**
 * Paydays: a day of the month, or the last day of every month. A day the month does not have
 * (the 31st in April, the 30th in February) falls on that month's last day.
 */
import { lastDayOfMonth, type BusinessDate } from './dates.ts';
import type { Payday } from './household.ts';

function parts(date: BusinessDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function format(year: number, month: number, day: number): BusinessDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The payday's date in a given month. */
export function paydayInMonth(payday: Exclude<Payday, null>, year: number, month1to12: number): BusinessDate {
  const last = lastDayOfMonth(year, month1to12);
  return format(year, month1to12, payday === 'end' ? last : Math.min(payday, last));
}

/** The first payday strictly after `date`: when money owed since `date` can be asked for. */
export function nextPaydayAfter(payday: Exclude<Payday, null>, date: BusinessDate): BusinessDate {
  const [y, m] = parts(date);
  const thisMonth = paydayInMonth(payday, y, m);
  if (thisMonth > date) return thisMonth;
  return m === 12 ? paydayInMonth(payday, y + 1, 1) : paydayInMonth(payday, y, m + 1);
}

/** The latest payday on or before `date`. */
export function lastPaydayOnOrBefore(payday: Exclude<Payday, null>, date: BusinessDate): BusinessDate {
  const [y, m] = parts(date);
  const thisMonth = paydayInMonth(payday, y, m);
  if (thisMonth <= date) return thisMonth;
  return m === 1 ? paydayInMonth(payday, y - 1, 12) : paydayInMonth(payday, y, m - 1);
}
