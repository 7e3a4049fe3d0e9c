/** withIndexesBuiltAfter on a real SQLite file: the indexes come back as they were, also when the write fails. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { dropIndexesUntilBuilt, withIndexesBuiltAfter } from '../../electron/backend/db/indexes.ts';
import { makeTempDir } from './helpers.ts';

const dir = makeTempDir('huitou-indexes-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(name: string) {
  const db = new Database(join(dir, name));
  db.exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL, w TEXT UNIQUE);
    CREATE INDEX t_by_v ON t (v, k);
    CREATE INDEX t_w_set ON t (k) WHERE w IS NOT NULL;
    CREATE TABLE other (x TEXT); CREATE INDEX other_by_x ON other (x);`);
  return db;
}
const schema = (db: Database.Database) => db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();

it("drops the tables' own indexes for the write (not their constraints', not other tables'), then builds them again", () => {
  const db = open('bulk.sqlite');
  try {
    const before = schema(db);
    const during = db.transaction(() =>
      withIndexesBuiltAfter(db, ['t'], true, () => {
        for (let k = 0; k < 100; k++) db.prepare('INSERT INTO t (k, v, w) VALUES (?, ?, ?)').run(k, `v${99 - k}`, k % 2 ? `w${k}` : null);
        return (schema(db) as { name: string }[]).map((i) => i.name);
      }),
    )();
    expect(during).toEqual(['other_by_x', 'sqlite_autoindex_t_1']);
    expect(schema(db)).toEqual(before);
    expect(db.prepare("SELECT k FROM t INDEXED BY t_by_v WHERE v >= 'v98' ORDER BY v").pluck().all()).toEqual([1, 0]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  } finally {
    db.close();
  }
});

it('a failed write rolls the drop back with it; outside a transaction it refuses', () => {
  const db = open('failed.sqlite');
  try {
    const before = schema(db);
    const failing = db.transaction(() =>
      withIndexesBuiltAfter(db, ['t'], true, () => {
        db.prepare("INSERT INTO t (k, v) VALUES (1, 'a')").run();
        db.prepare("INSERT INTO t (k, v) VALUES (1, 'b')").run();
      }),
    );
    expect(() => failing()).toThrow(/UNIQUE/);
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    expect(() => withIndexesBuiltAfter(db, ['t'], true, () => 0)).toThrow(/inside a transaction/);
    expect(withIndexesBuiltAfter(db, ['t'], false, () => 7)).toBe(7);
  } finally {
    db.close();
  }
});

it('dropped for a write that comes in parts, they are built once, after the last part', () => {
  const db = open('parts.sqlite');
  try {
    const before = schema(db);
    db.transaction(() => {
      const buildAgain = dropIndexesUntilBuilt(db, ['t']);
      for (const part of [0, 50]) {
        for (let k = part; k < part + 50; k++) db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, `v${99 - k}`);
        expect((schema(db) as { name: string }[]).map((i) => i.name)).toEqual(['other_by_x', 'sqlite_autoindex_t_1']);
      }
      buildAgain();
    })();
    expect(schema(db)).toEqual(before);
    expect(db.prepare("SELECT k FROM t INDEXED BY t_by_v WHERE v IN ('v0', 'v1') ORDER BY v").pluck().all()).toEqual([99, 98]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(() => dropIndexesUntilBuilt(db, ['t'])).toThrow(/inside a transaction/);
  } finally {
    db.close();
  }
});
