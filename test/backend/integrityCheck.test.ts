/**
 * The split integrity check (one integrity_check(T) per table on two threads, plus a whole-file page
 * accounting) against the whole-file check, on real SQLite files damaged in the ways a per-table check
 * alone cannot see: a page used by two tables, a page on the freelist that a table uses, pages nobody
 * uses; and in the way only a check of every index sees: an index whose entries no longer match its rows.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { integrityCheckOffThread, planIntegrityCheck } from '../../electron/backend/book/integrityWorker.ts';
import { makeTempDir } from './helpers.ts';
import { editSchema, misdefineIndex } from './backupHelpers.ts';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('huitou-check-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Two tables of the same rows (each several pages), an indexed third, and `free` pages on the freelist. */
function makeFile(name: string, autoVacuum: 'NONE' | 'FULL', free = true): string {
  const file = join(dir, name);
  const db = new Database(file);
  db.pragma(`auto_vacuum = ${autoVacuum}`);
  db.exec(`
    CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
    CREATE TABLE b (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
    CREATE TABLE c (id INTEGER PRIMARY KEY, area TEXT, name TEXT);
    CREATE INDEX c_by_area ON c (area);
    CREATE TABLE gone (x);
    CREATE VIRTUAL TABLE f USING fts5 (body);
  `);
  const fill = db.transaction(() => {
    for (let i = 1; i <= 400; i++) {
      const note = `row ${i} ${'x'.repeat(60)}`;
      db.prepare('INSERT INTO a VALUES (?, ?)').run(i, note);
      db.prepare('INSERT INTO b VALUES (?, ?)').run(i, note);
      db.prepare('INSERT INTO c VALUES (?, ?, ?)').run(i, `area ${i % 7}`, `name ${i}`);
      db.prepare('INSERT INTO gone VALUES (?)').run('y'.repeat(200));
      db.prepare('INSERT INTO f VALUES (?)').run(`word${i % 13} note ${i}`);
    }
  });
  fill();
  if (free) db.exec('DROP TABLE gone');
  db.close();
  return file;
}

/** integrity_check(T) for every table, each alone: what the split runs besides its page accounting. */
function perTableOnly(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    return [...tables, 'sqlite_schema'].flatMap((t) => db.prepare(`PRAGMA integrity_check("${t}")`).pluck().all() as string[]).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

const split = (file: string) => integrityCheckOffThread(file, { workers: 2 });
const whole = (file: string) => integrityCheckOffThread(file, { workers: 1 });

/** Table b's b-tree swapped for a's (the same rows): every table alone looks sound, b's own pages are orphans. */
function shareRoot(file: string): void {
  editSchema(file, "UPDATE sqlite_schema SET rootpage = (SELECT rootpage FROM sqlite_schema WHERE name = 'a') WHERE name = 'b'");
}

/** The freelist's first leaf replaced by a page of table a: the page is free and in use at once. */
function freeAPageInUse(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageOfA = db.prepare("SELECT pageno FROM dbstat WHERE name = 'a' AND pagetype = 'leaf' LIMIT 1").pluck().get() as number;
  db.close();
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const trunk = bytes.readUInt32BE(32);
  expect(trunk).toBeGreaterThan(0);
  expect(bytes.readUInt32BE((trunk - 1) * pageSize + 4)).toBeGreaterThan(0); // it has leaves
  bytes.writeUInt32BE(pageOfA, (trunk - 1) * pageSize + 8);
  writeFileSync(file, bytes);
}

describe('the split integrity check is as strong as the whole-file one', () => {
  it.each(['NONE', 'FULL'] as const)('sound files pass, with free pages on the freelist (auto_vacuum %s)', async (autoVacuum) => {
    const file = makeFile('sound.sqlite', autoVacuum);
    expect(await whole(file)).toEqual(['ok']);
    expect(await split(file)).toEqual(['ok']);
  });

  it("a virtual table of a module this SQLite lacks is passed over by both, as by the whole-file check", async () => {
    const file = makeFile('foreign.sqlite', 'NONE');
    editSchema(file, "INSERT INTO sqlite_schema VALUES ('table', 'v', 'v', 0, 'CREATE VIRTUAL TABLE v USING nosuchmodule (x)')");
    expect(await whole(file)).toEqual(['ok']);
    expect(await split(file)).toEqual(['ok']);
  });

  it('plans one check per table, sqlite_schema (the freelist) and a page accounting; quick_check for auto-vacuum files', () => {
    const plain = planIntegrityCheck(makeFile('plain.sqlite', 'NONE'));
    expect(plain.filter((j) => 'sql' in j).map((j) => ('sql' in j ? j.sql : ''))).toEqual(
      expect.arrayContaining(['PRAGMA integrity_check("f")', 'PRAGMA integrity_check("f_data")', 'PRAGMA integrity_check("a")', 'PRAGMA integrity_check("b")', 'PRAGMA integrity_check("c")', 'PRAGMA integrity_check(sqlite_schema)']),
    );
    expect(plain.filter((j) => 'pages' in j)).toHaveLength(1);
    const vacuumed = planIntegrityCheck(makeFile('vacuumed.sqlite', 'FULL'));
    expect(vacuumed.filter((j) => 'pages' in j)).toHaveLength(0);
    expect(vacuumed.map((j) => ('sql' in j ? j.sql : ''))).toContain('PRAGMA quick_check');
  });

  it.each(['NONE', 'FULL'] as const)('a page used by two tables, and pages nobody uses (auto_vacuum %s)', async (autoVacuum) => {
    const file = makeFile('shared.sqlite', autoVacuum, false);
    shareRoot(file);
    expect(perTableOnly(file)).toEqual([]); // invisible to the per-table checks alone
    expect((await whole(file))[0]).not.toBe('ok');
    const problems = await split(file);
    expect(problems.some((p) => /2nd reference to page|never used/.test(p))).toBe(true);
  });

  it('a page on the freelist that a table uses', async () => {
    const file = makeFile('freed.sqlite', 'NONE');
    freeAPageInUse(file);
    expect(perTableOnly(file)).toEqual([]);
    expect((await whole(file))[0]).not.toBe('ok');
    expect((await split(file)).some((p) => /2nd reference to page|never used/.test(p))).toBe(true);
  });

  it("an index whose entries no longer match its table's rows (a small table's, not the biggest's)", async () => {
    const file = makeFile('misindexed.sqlite', 'NONE');
    misdefineIndex(file, 'c_by_area', 'CREATE INDEX c_by_area ON c (name)');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok'); // only a check of every index sees it
    db.close();
    expect((await whole(file))[0]).not.toBe('ok');
    expect((await split(file)).some((p) => p.includes('missing from index c_by_area'))).toBe(true);
  });

  it('a problem found stops the handing out of jobs, and every thread ends by itself: none is terminated (one stopped inside better-sqlite3 aborts the process)', async () => {
    const file = makeFile('misindexed-again.sqlite', 'NONE');
    misdefineIndex(file, 'c_by_area', 'CREATE INDEX c_by_area ON c (name)');
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      expect((await split(file)).some((p) => p.includes('missing from index c_by_area'))).toBe(true);
      expect(terminate).not.toHaveBeenCalled();
    } finally {
      terminate.mockRestore();
    }
  });
});
