/**
 * The call list's rules: which reminders are due today, and when a call or a snooze brings a reminder
 * back. The app applies them (electron/backend/services/callList/callList.ts, whose SQL takes its bounds from
 * lapsedBeforeOf) and so does forecast:eval's "call list worked" scenario, so both follow a reminder the
 * same way.
 */
import type { ReminderAction } from '../contract.ts';
import { addDays, type BusinessDate } from './dates.ts';
import type { Forecast } from './forecast.ts';

/**
 * A reminder overdue by more than this is no longer a call to make today but a customer who may have
 * stopped coming: counted apart (lapsedTotal) instead of burying today's calls.
 */
export const LAPSED_AFTER_DAYS = 30;

/** How long each call outcome keeps a household off the list when no date was given. */
export const OUTCOME_FOLLOW_UP_DAYS = { will_come: 1, deliver: 0, not_needed: 3, no_answer: 1 } as const;

/** A message sent waits this long for its answer before the household is due again (as a call unanswered). */
export const MESSAGE_FOLLOW_UP_DAYS = 1;

/** Reminders due before this day have lapsed: the call list counts them apart, reminders.lapsed lists them. */
export function lapsedBeforeOf(today: BusinessDate): BusinessDate {
  return addDays(today, -LAPSED_AFTER_DAYS - 1);
}

/** The date a reminder is listed under: its snooze (a follow-up) when it has one, else its due date. */
export function effectiveDueDate(reminder: { dueDate: BusinessDate; snoozedUntil: BusinessDate | null }): BusinessDate {
  return reminder.snoozedUntil ?? reminder.dueDate;
}

/** On today's call list as due (overdue included, lapsed not): the bounds of the app's due query. */
export function isDueToday(effectiveDue: BusinessDate, today: BusinessDate): boolean {
  return effectiveDue > lapsedBeforeOf(today) && effectiveDue <= today;
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
