/**
 * Schema migrations under PRAGMA user_version: numbered SQL files, each applied in its own
 * transaction together with the version bump, so a failed step leaves the previous version intact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { withoutForeignKeyChecks } from './foreignKeys.ts';

/** "HTK1": stamped in the file header so a backup or a stray .sqlite can be recognised as ours. */
export const APPLICATION_ID = 0x48544b31;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// import.meta.dirname, not new URL(..., import.meta.url): bundlers rewrite the latter as an asset URL.
export const defaultMigrationsDir = join(import.meta.dirname, 'migrations');

export function loadMigrations(dir: string = defaultMigrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: /^(\d{4})_([\w-]+)\.sql$/.exec(file) }))
    .filter((entry) => entry.match)
    .map(({ file, match }) => ({
      version: Number(match![1]),
      name: match![2]!,
      sql: readFileSync(join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${index + 1}`);
  });
  return migrations;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses files that are not ours or are newer than this app; returns the version found. */
export function checkCompatible(db: Database.Database, latest: number): number {
  const version = schemaVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tableCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  const isBlank = version === 0 && appId === 0 && tableCount === 0;
  if (!isBlank && appId !== APPLICATION_ID) {
    throw new AppError('DB_FOREIGN', 'this SQLite file was not made by Huitou');
  }
  if (version > latest) {
    throw new AppError('DB_NEWER_THAN_APP', `database schema ${version} is newer than this app (${latest})`, {
      details: { found: version, supported: latest },
    });
  }
  return version;
}

export function migrate(db: Database.Database, migrations: Migration[]): { from: number; to: number } {
  const latest = migrations.length;
  const from = checkCompatible(db, latest);
  // Rebuilding a table (SQLite's documented way to change a column's constraints, as 0008 does for
  // sales.customer_id) needs foreign-key enforcement off, or dropping the old table breaks every row that
  // points at it. Each migration is then checked whole before it commits, so a broken key still fails it.
  withoutForeignKeyChecks(db, () => {
    for (const migration of migrations) {
      if (migration.version <= schemaVersion(db)) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${migration.version} leaves ${broken.length} broken foreign keys`);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
  });
  return { from, to: schemaVersion(db) };
}
