import { afterEach, describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/backend/backend.ts';
import { ftsPhrase, SEARCH_KEYS_VERSION, searchKeysStamp } from '../../shared/domain/searchKeys.ts';
import { makeBackend, type TestBackend } from './helpers.ts';

let backend: TestBackend | undefined;
afterEach(() => backend?.dispose());

function add(b: TestBackend, name: string, phone: string, area = '', address = '') {
  return b.call('customers.create', { draft: { name, phones: [phone], area, address, adults: 1, children: 0, seniors: 0 } });
}

const names = (b: TestBackend, query: string, limit = 200) => b.call('customers.search', { query, limit }).items.map((c) => c.name);

describe('long queries run in rank order, one index stage at a time', () => {
  it('finds by area name exactly and by part of it, also when the address does not mention it', () => {
    backend = makeBackend();
    add(backend, '王芳', '13800000001', '幸福小区', '3栋2单元');
    add(backend, '李强', '13800000002', '东门街', '12号');
    expect(names(backend, '幸福小区')).toEqual(['王芳']);
    expect(names(backend, '东门街')).toEqual(['李强']);
    expect(names(backend, '幸福小')).toEqual(['王芳']);
  });

  it('puts a phone ending in the digits before one merely containing them', () => {
    backend = makeBackend();
    add(backend, '甲', '13912345000');
    add(backend, '乙', '13900001234');
    expect(names(backend, '1234')).toEqual(['乙', '甲']);
  });

  it('a later stage that finds again what an earlier one found still fills the limit, and says there is more', () => {
    backend = makeBackend();
    add(backend, '艾', '13900001234'); // ends in 1234: the first stage, and the second again
    add(backend, '白', '13912340000');
    add(backend, '陈', '13712345555');
    add(backend, '丁', '13612349999');
    add(backend, '吴', '13800005555', '', '1234号'); // found by its address, the last stage
    const page = backend.call('customers.search', { query: '1234', limit: 2 });
    expect(page.items.map((c) => c.name)).toEqual(['艾', '白']);
    expect(page.more).toBe(true);
    expect(names(backend, '1234')).toEqual(['艾', '白', '陈', '丁', '吴']);
  });

  it('ranks a household by any of its phones ending in the digits, not only the first', () => {
    backend = makeBackend();
    add(backend, '甲', '13912345000');
    backend.call('customers.create', {
      draft: { name: '乙', phones: ['13700000000', '13800001234'], area: '', address: '', adults: 1, children: 0, seniors: 0 },
    });
    expect(names(backend, '1234')).toEqual(['乙', '甲']);
    expect(names(backend, '0000')).toEqual(['乙']);
  });

  it('ranks a name match before an address match, and fills the limit across stages with `more`', () => {
    backend = makeBackend();
    add(backend, '路人甲', '13700000001', '', '长安路');
    add(backend, '长安路', '13700000002');
    add(backend, '赵长安路', '13700000003');
    expect(names(backend, '长安路')).toEqual(['长安路', '赵长安路', '路人甲']);
    const page = backend.call('customers.search', { query: '长安路', limit: 2 });
    expect(page.items.map((c) => c.name)).toEqual(['长安路', '赵长安路']);
    expect(page.more).toBe(true);
  });

  it('ranks pinyin prefixes before pinyin found inside a name', () => {
    backend = makeBackend();
    add(backend, '李王', '13600000001');
    add(backend, '王李', '13600000002');
    expect(names(backend, 'wang')).toEqual(['王李', '李王']);
  });
});

describe('pinyin queries in two stages give the order of one ranking of every match', () => {
  // The reference: every trigram match ranked at once, pinyin prefixes first (the single stage this replaced).
  const ranked = (b: TestBackend, q: string, includeArchived: boolean) =>
    (
      b.context.db
        .prepare(
          `SELECT c.id FROM customer_fts f JOIN customers c ON c.id = f.rowid
           WHERE customer_fts MATCH '{pinyin initials} : ' || :match AND (:includeArchived = 1 OR c.archived_at IS NULL)
           ORDER BY CASE WHEN replace(c.sort_key, ' ', '') LIKE :q || '%' THEN 0 ELSE 1 END, c.sort_key, c.id`,
        )
        .all({ match: ftsPhrase(q), q, includeArchived: includeArchived ? 1 : 0 }) as { id: number }[]
    ).map((r) => r.id);

  it('on the demo shop, for every 3- and 4-letter start and middle of its pinyin, archived or not, at limits 3, 20 and 200', () => {
    backend = makeBackend();
    backend.call('shop.createDemo', { language: 'zh-CN' });
    const db = backend.context.db;
    for (const id of db.prepare('SELECT id FROM customers ORDER BY id LIMIT 12').pluck().all() as number[]) backend.call('customers.archive', { id });
    const pinyins = (db.prepare("SELECT replace(sort_key, ' ', '') FROM customers").pluck().all() as string[]).filter((p) => /^[a-z]+$/.test(p));
    const queries = new Set<string>();
    for (const p of pinyins)
      for (const [at, size] of [
        [0, 3],
        [0, 4],
        [2, 3],
        [3, 4],
      ] as const)
        if (p.length >= at + size) queries.add(p.slice(at, at + size));
    expect(queries.size).toBeGreaterThan(200);
    let compared = 0;
    for (const q of queries) {
      for (const includeArchived of [false, true]) {
        const expected = ranked(backend, q, includeArchived);
        for (const limit of [3, 20, 200]) {
          const got = backend.call('customers.search', { query: q, includeArchived, limit }).items.map((c) => c.id);
          // the pinyin stages come first; name and address matches may follow them
          expect(got.slice(0, Math.min(limit, expected.length)), `${q} ${includeArchived} ${limit}`).toEqual(expected.slice(0, limit));
          compared++;
        }
      }
    }
    expect(compared).toBe(queries.size * 6);
  }, 60_000);
});

describe('derived search data follows the rules that derive it', () => {
  it('rebuilds the search index on open when it was built by other rules, and only then', () => {
    backend = makeBackend();
    const { id } = add(backend, '吕布', '13500000001');
    backend.context.db.prepare('DELETE FROM customer_grams').run();
    backend.context.db.prepare('DELETE FROM customer_fts').run();
    backend.services.settings.setInternal('searchKeysVersion', `${SEARCH_KEYS_VERSION - 1}:00000000`);
    backend.close();

    const reopened = openBackend({ dataDir: backend.dataDir });
    try {
      const found = reopened.dispatch('customers.search', { query: 'lvb' });
      expect(found).toMatchObject({ ok: true, data: { items: [{ id, name: '吕布' }] } });
      expect(reopened.services.settings.getInternal('searchKeysVersion')).toBe(searchKeysStamp());
      expect(reopened.services.settings.get()).not.toHaveProperty('internal.searchKeysVersion');
    } finally {
      reopened.close();
    }
    backend = { ...backend, close: () => undefined };
  });
});

describe('the demo shop', () => {
  it('is refused on a book that already has customers, and writes nothing', () => {
    backend = makeBackend();
    add(backend, '真客户', '13300000001');
    expect(backend.dispatch('shop.createDemo', { language: 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'BOOK_NOT_EMPTY' } });
    expect(backend.call('shop.info', {}).customerCount).toBe(1);
  });
});
