/**
 * Which automatic local backups to keep: the newest few always, the newest of each of the last
 * `days` calendar days, and the newest of each of the last `weeks` calendar weeks (Monday to Sunday).
 * Buckets are fixed calendar days and weeks, never windows sliding with "now": with sliding windows a
 * backup would be replaced every day and none would live long enough to be last week's.
 * Pure: the caller lists the files and deletes what `remove` names.
 */
import { businessDateOf, daysBetween } from './dates.ts';

export interface RotationPolicy {
  /** The newest of each of the last `days` calendar days (today included). */
  days: number;
  /** The newest of each of the last `weeks` calendar weeks (this week included). */
  weeks: number;
  /** Never removed, whatever their dates. */
  keepNewest: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { days: 7, weeks: 8, keepNewest: 3 };

export interface Dated {
  /** ISO timestamp of when the backup was made. */
  createdAt: string;
}

const EPOCH_MONDAY = '1970-01-05';

/** A Monday-based week number for a business date: equal for every day of one calendar week. */
export function weekNumber(date: string): number {
  return Math.floor(daysBetween(EPOCH_MONDAY, date) / 7);
}

export function rotateBackups<T extends Dated>(backups: readonly T[], now: Date, policy: RotationPolicy = DEFAULT_ROTATION): { keep: T[]; remove: T[] } {
  const newestFirst = [...backups].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const today = businessDateOf(now);
  const thisWeek = weekNumber(today);
  const kept = new Set<T>(newestFirst.slice(0, policy.keepNewest));
  const days = new Set<string>();
  const weeks = new Set<number>();
  for (const backup of newestFirst) {
    const instant = new Date(backup.createdAt);
    if (Number.isNaN(instant.getTime())) {
      kept.add(backup); // an unreadable date is never a reason to delete someone's data
      continue;
    }
    if (instant.getTime() > now.getTime()) {
      kept.add(backup); // made "in the future": the clock was changed; keep it and let it age
      continue;
    }
    const date = businessDateOf(instant);
    const age = daysBetween(date, today);
    if (age < policy.days && !days.has(date)) {
      days.add(date);
      kept.add(backup);
    }
    const week = weekNumber(date);
    if (thisWeek - week < policy.weeks && !weeks.has(week)) {
      weeks.add(week);
      kept.add(backup);
    }
  }
  return { keep: newestFirst.filter((b) => kept.has(b)), remove: newestFirst.filter((b) => !kept.has(b)) };
}
