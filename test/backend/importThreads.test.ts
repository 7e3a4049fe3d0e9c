/**
 * A big import's worker threads (importThreads.ts): the search keys computed while the rows are
 * checked, the grams written into a scratch database and copied in. Here with the threshold lowered to
 * every import: real threads, on small books, leaving exactly the book the app's thread alone leaves.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysAhead, withGramsOffThread, type ImportThreadOptions } from '../../electron/backend/services/importThreads.ts';
import { packedSearchKeysByName } from '../../shared/domain/packedSearchKeys.ts';
import { draft, makeBackend, makeTempDir, type TestBackend } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = makeTempDir('huitou-import-threads-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onThreads: ImportThreadOptions = { threadsFrom: 0 };
const alone: ImportThreadOptions = { threadsFrom: Number.POSITIVE_INFINITY };
const missingModule = () => pathToFileURL(join(dir, 'no-such-worker.cjs')).href;

const names = ['单田芳', '曾小贤', '解晓东', '张伟', '张伟', '吕小红', 'Anna Li', '欧阳 娜娜', '𠮷野家', '王芳'];

/** Rows for a file: people with one or two phones, a name twice, a phone repeated (a duplicate within the file). */
function sheet(count: number): string {
  const lines = ['姓名,电话,电话2,地址,片区,大人'];
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length]! + (i >= names.length ? String(i % 7) : '');
    lines.push([name, `1390000${String(i).padStart(4, '0')}`, i % 5 === 0 ? `1370000${String(i).padStart(4, '0')}` : '', `幸福路${i}号`, `片区${i % 3}`, 1 + (i % 3)].join(','));
  }
  lines.push('张伟重复,13900000003,,重复路,片区0,2'); // the phone of line 5: merged or skipped
  return lines.join('\n');
}

const attached = (db: TestBackend['context']['db']) => (db.pragma('database_list') as { name: string }[]).map((d) => d.name);

const book = (b: TestBackend) => {
  const all = (sql: string) => b.context.db.prepare(sql).all();
  return {
    customers: all('SELECT * FROM customers ORDER BY id'),
    phones: all('SELECT * FROM customer_phones ORDER BY customer_id, position'),
    grams: all('SELECT * FROM customer_grams ORDER BY gram, rank, sort_key, customer_id'),
    fts: all('SELECT rowid, * FROM customer_fts ORDER BY rowid'),
  };
};

async function importWith(b: TestBackend, file: string, duplicates: 'skip' | 'merge', threads: ImportThreadOptions) {
  const preview = await b.services.importer.preview(file, undefined, threads);
  return b.services.importer.apply(file, preview.mapping, { duplicates, differing: 'file', choices: [] }, undefined, threads);
}

describe('an import on worker threads', () => {
  it.each([
    ['an empty book (the grams copied as they are)', 0],
    ['a book with customers (the grams copied row by row)', 12],
  ])('into %s: the same book as on the app thread alone', async (_what, existing) => {
    const file = join(dir, `threads-${existing}.csv`);
    writeFileSync(file, sheet(300));
    const books = [makeBackend(), makeBackend()] as const;
    for (const b of books) {
      for (let i = 0; i < existing; i++) b.call('customers.create', { draft: draft({ name: names[i % names.length]!, phones: [`1390000${String(i * 2).padStart(4, '0')}`] }), allowDuplicatePhone: true });
    }
    const [threaded, single] = books;
    const results = [await importWith(threaded, file, 'merge', onThreads), await importWith(single, file, 'merge', alone)];
    expect(results[0]).toMatchObject({ created: results[1]!.created, merged: results[1]!.merged, skipped: results[1]!.skipped });
    expect(results[0]!.created).toBeGreaterThan(250);
    expect(book(threaded)).toEqual(book(single));
    // The scratch database is gone, the checks are back on.
    expect(attached(threaded.context.db)).not.toContain('import_scratch');
    expect(threaded.context.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(threaded.context.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    for (const query of ['张', '张伟', 'zw', 'stf', '0003', '幸福路12']) {
      expect(threaded.call('customers.search', { query }).items).toEqual(single.call('customers.search', { query }).items);
    }
    for (const b of books) b.dispose();
  });

  it('a worker module that cannot be loaded: the app thread does it all, the same book', async () => {
    const file = join(dir, 'threads-missing.csv');
    writeFileSync(file, sheet(120));
    const books = [makeBackend(), makeBackend()] as const;
    await importWith(books[0], file, 'skip', { threadsFrom: 0, moduleUrl: missingModule() });
    await importWith(books[1], file, 'skip', alone);
    expect(book(books[0])).toEqual(book(books[1]));
    expect(attached(books[0].context.db)).not.toContain('import_scratch');
    for (const b of books) b.dispose();
  });
});

describe('search keys ahead', () => {
  it('gives each name the keys the app thread computes, also names the workers were not given', async () => {
    const here = packedSearchKeysByName();
    const ahead = keysAhead(names.slice(0, 6), { keyWorkers: 2 });
    const keysOf = await ahead.lookup();
    for (const name of [...names, '没给过的名字']) expect(keysOf(name)).toEqual(here(name));
    ahead.cancel();
  });

  it('a worker that cannot start leaves every name to the app thread', async () => {
    const here = packedSearchKeysByName();
    const keysOf = await keysAhead(names, { moduleUrl: missingModule() }).lookup();
    for (const name of names) expect(keysOf(name)).toEqual(here(name));
  });

  it('a worker still loading is not waited for: the names no worker has begun are keyed here', async () => {
    const slow = join(dir, 'slow-worker.cjs');
    writeFileSync(slow, 'const until = Date.now() + 20000; while (Date.now() < until) {}\nexports.searchKeysForWorker = () => ({ chunks: [], sortKeys: [], pinyin: [], initials: [], grams: [] });');
    const many = Array.from({ length: 2500 }, (_, i) => `${names[i % names.length]}${i}`);
    const ahead = keysAhead(many, { moduleUrl: pathToFileURL(slow).href, keyWorkers: 1 });
    const started = performance.now();
    const keysOf = await ahead.lookup();
    expect(performance.now() - started).toBeLessThan(10_000); // far from the worker's 20 s of loading
    const here = packedSearchKeysByName();
    for (const name of many.filter((_, i) => i % 97 === 0)) expect(keysOf(name)).toEqual(here(name));
    ahead.cancel();
  }, 30_000);

  it('cancelled (the preview replaced): the names are keyed here when asked for', async () => {
    const ahead = keysAhead(names);
    ahead.cancel();
    const keysOf = await ahead.lookup();
    expect(keysOf('张伟')).toEqual(packedSearchKeysByName()('张伟'));
  });
});

describe('grams off the app thread', () => {
  /** Customers with their grams, then their grams removed: the rows withGramsOffThread must write back. */
  function bookWithoutGrams() {
    const b = makeBackend();
    const keysOf = packedSearchKeysByName();
    const customers = names.map((name, i) => ({ id: b.call('customers.create', { draft: draft({ name, phones: [`1380000${String(i).padStart(4, '0')}`] }) }).id, keys: keysOf(name) }));
    const grams = () => b.context.db.prepare('SELECT * FROM customer_grams ORDER BY gram, rank, sort_key, customer_id').all();
    const expected = grams();
    b.context.db.prepare('DELETE FROM customer_grams').run();
    return { b, customers, grams, expected };
  }

  it.each([
    ['foreign keys off (an import): copied as they are', false],
    ['foreign keys on: copied row by row, each checked', true],
  ])('writes the rows the app thread writes, %s', (_what, keysOn) => {
    const { b, customers, grams, expected } = bookWithoutGrams();
    const db = b.context.db;
    if (!keysOn) db.pragma('foreign_keys = OFF');
    const copied = withGramsOffThread(db, true, (off) => {
      expect(attached(db)).toContain('import_scratch');
      // Deferred, as the import's own write is: IMMEDIATE would lock the scratch file the thread writes.
      return db.transaction(() => off!.start(customers)!.finish()).deferred();
    });
    db.pragma('foreign_keys = ON');
    expect(copied).toBe(true);
    expect(grams()).toEqual(expected);
    expect(attached(db)).not.toContain('import_scratch');
    b.dispose();
  });

  it('a worker that cannot start: finish says so and nothing is copied', () => {
    const { b, customers, grams } = bookWithoutGrams();
    const db = b.context.db;
    const copied = withGramsOffThread(db, true, (off) => db.transaction(() => off!.start(customers)!.finish())(), { moduleUrl: missingModule() });
    expect(copied).toBe(false);
    expect(grams()).toEqual([]);
    b.dispose();
  });

  it('not inside a transaction of the caller\'s (ATTACH would be refused), nor when not asked', () => {
    const { b } = bookWithoutGrams();
    const db = b.context.db;
    expect(db.transaction(() => withGramsOffThread(db, true, (off) => off))()).toBeNull();
    expect(withGramsOffThread(db, false, (off) => off)).toBeNull();
    b.dispose();
  });
});
