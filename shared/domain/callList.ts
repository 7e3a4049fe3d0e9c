/**
 * The call list's rules: which reminders are due today, and when a call or a snooze brings a reminder
 * back. The app applies them (electron/backend/services/callList/callList.ts, whose SQL reads the column
 * reminders.lapses_on that lapsesOn defines) and so does forecast:eval's "call list worked" scenario
 * (isOnToday), so both follow a reminder the same way.
 */
import type { ReminderAction } from '../contract.ts';
import { addDays, type BusinessDate } from './dates.ts';
import type { Forecast } from './forecast.ts';

/**
 * The fixed lapse of the first call lists. Today and the owner's win-back count lapse each reminder after
 * the household's own interval instead (lapsesOn); still read by forecast:eval's sales-only "listed"
 * figure (forecastQuality.ts), which has no interval at hand.
 */
export const LAPSED_AFTER_DAYS = 30;

/** The shortest "usual interval": a household that buys every other day is not lost after two days. */
export const MIN_CYCLE_DAYS = 7;
/** The longest: a guess at a year's worth of gas from one cylinder still lapses within a year. */
export const MAX_CYCLE_DAYS = 365;

/** How many calls Today lists as the day's work when the shop has not said (a shop setting). */
export const DEFAULT_DAILY_CALLS = 30;

/** How long each call outcome keeps a household off the list when no date was given. */
export const OUTCOME_FOLLOW_UP_DAYS = { will_come: 1, deliver: 0, not_needed: 3, no_answer: 1 } as const;

/** A message sent waits this long for its answer before the household is due again (as a call unanswered). */
export const MESSAGE_FOLLOW_UP_DAYS = 1;

/** The date a reminder is listed under: its snooze (a follow-up) when it has one, else its due date. */
export function effectiveDueDate(reminder: { dueDate: BusinessDate; snoozedUntil: BusinessDate | null }): BusinessDate {
  return reminder.snoozedUntil ?? reminder.dueDate;
}

/** A pair's forecast as a call's stock report re-dated it: its reminder and run-out dates. */
export type Redated = Pick<Forecast, 'reminderDate' | 'runOutDate'>;

/**
 * When the reminder comes back after a call or a snooze made today (its snoozed_until), or null for none:
 * the date given, else the outcome's fixed follow-up. "Not needed yet" with what is left and no date is
 * the exception: the stock report re-dates the reminder (`redated`), and that decides
 * (followUpAfterStockReport).
 */
export function followUpDate(
  action: Pick<ReminderAction, 'action' | 'outcome' | 'date' | 'stockLeft'>,
  today: BusinessDate,
  redated: Redated | null = null,
): BusinessDate | null {
  if (action.date) return action.date;
  if (action.action === 'message') return addDays(today, MESSAGE_FOLLOW_UP_DAYS);
  if (action.action !== 'called' || !action.outcome) return null;
  if (action.outcome === 'not_needed' && action.stockLeft !== undefined) return redated ? followUpAfterStockReport(redated, today) : null;
  return addDays(today, OUTCOME_FOLLOW_UP_DAYS[action.outcome]);
}

/**
 * After "not needed yet" with what is left, the reminder as the report re-dated it. When that date is
 * sooner than the undated "not needed" would call back (OUTCOME_FOLLOW_UP_DAYS), the household is called
 * again on the day it should run out, tomorrow at the earliest: it has just said it needs nothing yet.
 * Without this it stayed due and was called every morning until it bought (forecast:eval's worked list:
 * 3.4 calls a purchase).
 */
export function followUpAfterStockReport(redated: Redated, today: BusinessDate): BusinessDate | null {
  if (redated.reminderDate >= addDays(today, OUTCOME_FOLLOW_UP_DAYS.not_needed)) return null;
  const tomorrow = addDays(today, 1);
  return redated.runOutDate > tomorrow ? redated.runOutDate : tomorrow;
}

/**
 * A household's usual interval for a product, in days: what it bought last time lasts this long at its
 * daily use (the forecast's), between MIN_CYCLE_DAYS and MAX_CYCLE_DAYS. Stored on the reminder
 * (reminders.cycle_days) so that the lapse below is an index range.
 */
export function cycleDays(lastQuantity: number, dailyUse: number): number {
  if (!(dailyUse > 0) || !(lastQuantity > 0)) return MIN_CYCLE_DAYS;
  return Math.min(MAX_CYCLE_DAYS, Math.max(MIN_CYCLE_DAYS, Math.round(lastQuantity / dailyUse)));
}

/** What the lapse rule reads of a reminder: its dates, its follow-up if someone set one, its own interval. */
export interface LapsingReminder {
  runOutDate: BusinessDate;
  dueDate: BusinessDate;
  snoozedUntil?: BusinessDate | null;
  cycleDays: number;
}

/**
 * The last day a reminder stays on Today: its own interval after the later of its run-out and the day it
 * is listed under (effectiveDueDate: a follow-up someone set counts from that day). After it, nobody
 * acted and the household did not come: it goes to the "not heard from" list. Mirrored by the column
 * reminders.lapses_on, kept by triggers (migration 0013), which the service's queries use.
 */
export function lapsesOn(reminder: LapsingReminder): BusinessDate {
  const listed = effectiveDueDate({ dueDate: reminder.dueDate, snoozedUntil: reminder.snoozedUntil ?? null });
  const from = reminder.runOutDate > listed ? reminder.runOutDate : listed;
  return addDays(from, reminder.cycleDays);
}

/** On Today's due list: the day it is listed under reached and not yet lapsed (the service's query, as a pure rule). */
export function isOnToday(reminder: LapsingReminder, today: BusinessDate): boolean {
  return effectiveDueDate({ dueDate: reminder.dueDate, snoozedUntil: reminder.snoozedUntil ?? null }) <= today && lapsesOn(reminder) >= today;
}

/** Why a row is where it is on Today, most pressing first; shown on the row, so the order explains itself. */
export const callPriorities = ['promised', 'new', 'needsCall', 'valued', 'other'] as const;
export type CallPriority = (typeof callPriorities)[number];

/** What the ranking reads of a due row. */
export interface RankedCall {
  customerId: number;
  productId: number;
  /** The day it is listed under (effectiveDueDate). */
  dueDate: BusinessDate;
  runOutDate: BusinessDate;
  snoozedUntil: BusinessDate | null;
  outcome: string | null;
  /** What the household spends a month with the shop, all products (forecast use × price). */
  monthlyFen: number;
  /** Earlier calls after which it came back (will come, deliver): a household that waits to be called. */
  callsAnswered: number;
}

/** The top share of households by monthly spend that count as high-value, among those due. */
export const HIGH_VALUE_SHARE = 0.2;
/** High-value is told apart only among at least this many households with a spend. */
export const HIGH_VALUE_AMONG = 5;

/** The monthly spend from which a household counts as high-value among `rows` (Infinity when none stands out). */
export function highValueFen(rows: readonly Pick<RankedCall, 'monthlyFen'>[]): number {
  const spends = rows.map((r) => r.monthlyFen).filter((v) => v > 0);
  // Among a handful, the top fifth is one household: that says nothing about its worth.
  if (spends.length < HIGH_VALUE_AMONG) return Infinity;
  spends.sort((a, b) => b - a);
  const from = spends[Math.max(0, Math.ceil(spends.length * HIGH_VALUE_SHARE) - 1)]!;
  // Where everyone spends about the same, nobody stands out.
  return from > spends[spends.length - 1]! ? from : Infinity;
}

/**
 * Where a due row ranks: a delivery or a visit promised for today or before; then what became due today
 * (always shown, whatever the capacity); then households that come back only when called; then the
 * high-value ones; then the rest.
 */
export function callPriority(row: RankedCall, today: BusinessDate, valuedFrom: number): CallPriority {
  if ((row.outcome === 'deliver' || row.outcome === 'will_come') && row.snoozedUntil !== null && row.snoozedUntil <= today) return 'promised';
  if (row.dueDate === today) return 'new';
  if (row.callsAnswered > 0) return 'needsCall';
  if (row.monthlyFen >= valuedFrom) return 'valued';
  return 'other';
}

/**
 * Today's due rows, ranked and cut to the day's work. Order: priority, then run-out soonest (the date the
 * row shows), then the household. `shown`: how many of the ranked rows are today's work: `capacity`, or
 * more when more than that became due today or were promised (those are always shown); the rest waits
 * behind "N more".
 */
export function planToday<T extends RankedCall>(
  rows: readonly T[],
  today: BusinessDate,
  capacity: number,
): { rows: (T & { priority: CallPriority })[]; shown: number } {
  const valuedFrom = highValueFen(rows);
  const ranked = rows.map((row) => ({ ...row, priority: callPriority(row, today, valuedFrom) }));
  const order = (p: CallPriority) => callPriorities.indexOf(p);
  ranked.sort(
    (a, b) =>
      order(a.priority) - order(b.priority) ||
      (a.runOutDate < b.runOutDate ? -1 : a.runOutDate > b.runOutDate ? 1 : 0) ||
      a.customerId - b.customerId ||
      a.productId - b.productId,
  );
  const always = ranked.filter((r) => r.priority === 'promised' || r.priority === 'new').length;
  return { rows: ranked, shown: todaysWork(capacity, always, ranked.length) };
}

/**
 * How many of the due rows, ranked, are the day's work: the shop's daily calls, or more when more were
 * promised or became due today (`always`: those are always shown), never more than are due.
 */
export function todaysWork(capacity: number, always: number, due: number): number {
  return Math.min(due, Math.max(capacity, always));
}
