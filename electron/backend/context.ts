import type Database from 'better-sqlite3';
import { businessDateOf, isWithinReach } from '../../shared/domain/dates.ts';
import { AppError } from '../../shared/errors.ts';

/** What every service needs: the database and a clock (injectable so tests can pick "today"). */
export interface BackendContext {
  db: Database.Database;
  now: () => Date;
  today: () => string;
  dataDir: string;
  databaseFile: string;
  appVersion: string;
}

export function isoNow(ctx: Pick<BackendContext, 'now'>): string {
  return ctx.now().toISOString();
}

export function todayOf(now: () => Date): () => string {
  return () => businessDateOf(now());
}

/** The context of a job on a thread of its own: its own connection, and the clock the backend's thread gave it. */
export function jobContext(db: Database.Database, now: string): BackendContext {
  const clock = () => new Date(now);
  return { db, now: clock, today: todayOf(clock), dataDir: '', databaseFile: db.name, appVersion: '' };
}

/**
 * Refuses a date the shopkeeper gave that lies more than a year past the shop's today, as the contract
 * refuses one outside the business range (the same issue, under the same field).
 */
export function requireWithinReach(ctx: Pick<BackendContext, 'today'>, date: string | undefined, path: (string | number)[] = ['date']): void {
  if (date === undefined || isWithinReach(date, ctx.today())) return;
  throw new AppError('VALIDATION', `the date ${date} is more than a year after today`, { issues: [{ path, issue: 'date_out_of_range' }] });
}
