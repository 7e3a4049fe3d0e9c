/** batchInsert on a real SQLite file: a failed statement leaves nothing behind for the next writes. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { batchInsert } from '../../electron/backend/db/batchInsert.ts';
import { makeTempDir } from './helpers.ts';

const dir = makeTempDir('huitou-batch-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('after a statement fails (in a rolled-back transaction), later writes carry none of its rows and still work', () => {
  const db = new Database(join(dir, 'batch.sqlite'));
  try {
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
    const insert = batchInsert(db, 't', ['k', 'v'], 3);
    const write = db.transaction((rows: [number, string][]) => {
      for (const [k, v] of rows) insert.add(k, v);
      insert.flush();
    });
    // a full batch fails (k 1 twice), then a flush fails (k 5 twice): both transactions roll back
    expect(() =>
      write([
        [1, 'a'],
        [1, 'b'],
        [2, 'c'],
      ]),
    ).toThrow(/UNIQUE/);
    expect(() =>
      write([
        [4, 'x'],
        [5, 'y'],
        [6, 'z'],
        [5, 'again'],
      ]),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    write([
      [7, 'p'],
      [8, 'q'],
      [9, 'r'],
      [10, 's'],
    ]);
    expect(db.prepare('SELECT k, v FROM t ORDER BY k').raw().all()).toEqual([
      [7, 'p'],
      [8, 'q'],
      [9, 'r'],
      [10, 's'],
    ]);
  } finally {
    db.close();
  }
});

it('with an upsert clause, full batches and the flushed rest update the rows already there and insert the others', () => {
  const db = new Database(join(dir, 'upsert.sqlite'));
  try {
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT, hits INTEGER NOT NULL DEFAULT 0)');
    const seed = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
    for (let k = 0; k < 10; k += 2) seed.run(k, `old ${k}`);
    const upsert = batchInsert(db, 't', ['k', 'v'], 3, 'ON CONFLICT (k) DO UPDATE SET v = excluded.v, hits = hits + 1');
    db.transaction(() => {
      for (let k = 0; k < 10; k++) upsert.add(k, `new ${k}`); // three full batches of 3, then one row flushed
      upsert.flush();
    })();
    expect(db.prepare('SELECT k, v, hits FROM t ORDER BY k').raw().all()).toEqual(Array.from({ length: 10 }, (_, k) => [k, `new ${k}`, k % 2 === 0 ? 1 : 0]));
  } finally {
    db.close();
  }
});
