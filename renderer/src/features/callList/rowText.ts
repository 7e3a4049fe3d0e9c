/** The words of a call-list row, shared by the Today screen and the printed list. */
import type { TFunction } from 'i18next';
import { callOutcomes, type ReminderRow } from '../../../../shared/contract.ts';
import { daysBetween } from '../../../../shared/domain/dates.ts';
import { quantityText, shortDate } from '../../components/format.ts';
import { isOneOf } from '../../i18n/keys.ts';

/** 上次 10 公斤，11月2日（20 天前） */
export function lastPurchaseText(t: TFunction, row: ReminderRow, today: string): string {
  const ago = daysBetween(row.lastPurchaseDate, today);
  return t('callList.lastPurchase', {
    quantity: quantityText(t, row.lastQuantity, row.unit),
    date: shortDate(t, row.lastPurchaseDate, today),
    ago: ago <= 0 ? t('callList.daysAgoToday') : t('callList.daysAgo', { count: ago }),
  });
}

/** Days until the predicted run-out: negative when it already ran out. */
export function daysToRunOut(row: ReminderRow, today: string): number {
  return daysBetween(today, row.runOutDate);
}

/** 已用完 2 天 / 今天用完 / 还有 3 天 */
export function runOutRelative(t: TFunction, row: ReminderRow, today: string): string {
  const days = daysToRunOut(row, today);
  if (days < 0) return t('callList.overdue', { count: -days });
  if (days === 0) return t('callList.runsOutToday');
  return t('callList.runsOutIn', { count: days });
}

/** 今天提醒 / 已提醒 3 天: how long a due reminder has waited, the order of the due list. */
export function dueSinceText(t: TFunction, row: ReminderRow, today: string): string {
  const days = daysBetween(row.dueDate, today);
  return days <= 0 ? t('callList.dueToday') : t('callList.dueSince', { count: days });
}

const knownOutcomes = [...callOutcomes, 'snooze', 'skip', 'message'] as const;

export function outcomeText(t: TFunction, outcome: string | null): string | null {
  if (!outcome) return null;
  return isOneOf(knownOutcomes, outcome) ? t(`callList.outcome.${outcome}`) : outcome;
}

/**
 * What was last done about this reminder in two parts, e.g. "约好送货" and "11月23日", or "暂不需要" and
 * "到 11月25日" (a narrow column shows them on two lines); null when nothing yet.
 */
export function statusParts(t: TFunction, row: Pick<ReminderRow, 'outcome' | 'snoozedUntil'>, today: string): { what: string; when: string | null } | null {
  const what = outcomeText(t, row.outcome);
  if (!what) return null;
  if (!row.snoozedUntil) return { what, when: null };
  const date = shortDate(t, row.snoozedUntil, today);
  return { what, when: row.outcome === 'deliver' || row.outcome === 'will_come' ? t('callList.on', { date }) : t('callList.until', { date }) };
}

/** What was last done about this reminder, e.g. "约好送货 11月23日" or "暂不需要 到 11月25日"; null when nothing yet. */
export function statusText(t: TFunction, row: Pick<ReminderRow, 'outcome' | 'snoozedUntil'>, today: string): string | null {
  const parts = statusParts(t, row, today);
  return parts && (parts.when ? `${parts.what} ${parts.when}` : parts.what);
}
