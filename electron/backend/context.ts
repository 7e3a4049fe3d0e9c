import type Database from 'better-sqlite3';
import { businessDateOf } from '../../shared/domain/dates.ts';

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
