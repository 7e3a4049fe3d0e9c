import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { checkCompatible, loadMigrations, migrate, schemaVersion } from './migrate.ts';

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  schemaVersion: number;
  /** Where the pre-migration copy went, when there was one. */
  preMigrationCopy: string | null;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/**
 * Opens (creating if needed) the shop's database: WAL for a responsive UI while writing, foreign
 * keys on, a busy timeout for the second shell, and synchronous=FULL because a shop PC loses power
 * more often than a server does. An existing database is copied aside before it is migrated.
 */
export function openDatabase(file: string, options: { migrationsDir?: string; now?: () => Date } = {}): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const migrations = loadMigrations(options.migrationsDir);
    const found = checkCompatible(db, migrations.length);
    let preMigrationCopy: string | null = null;
    if (found > 0 && found < migrations.length) {
      const backupDir = join(dirname(file), 'backups');
      mkdirSync(backupDir, { recursive: true });
      preMigrationCopy = join(backupDir, `before-migration-v${found}-${timestamp((options.now ?? (() => new Date()))())}.sqlite`);
      if (existsSync(preMigrationCopy)) throw new Error(`backup already exists: ${preMigrationCopy}`);
      db.prepare('VACUUM INTO ?').run(preMigrationCopy);
    }
    const { from } = migrate(db, migrations);
    return { db, migratedFrom: from, schemaVersion: schemaVersion(db), preMigrationCopy };
  } catch (error) {
    db.close();
    throw error;
  }
}
