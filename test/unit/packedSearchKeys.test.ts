import { describe, expect, it } from 'vitest';
import { forEachGramRowInKeyOrder, packedSearchKeysByName, packGrams, packSearchKeys, unpackGrams } from '../../shared/domain/packedSearchKeys.ts';
import { buildSearchKeys } from '../../shared/domain/searchKeys.ts';

const names = ['单田芳', '曾小贤', ' 张伟 ', 'Anna Li', '欧阳 娜娜', '𠮷野家', '吕布', '3号楼王五', 'a\u0001b9c'];

describe('packed search keys (strings, to cross threads cheaply)', () => {
  it('hold what the keys hold: the FTS columns as written, every gram with its rank', () => {
    for (const name of names) {
      const keys = buildSearchKeys(name);
      const packed = packSearchKeys(keys);
      expect(packed).toMatchObject({ sortKey: keys.sortKey, pinyin: keys.pinyin.join(' '), initials: keys.initials.join(' ') });
      expect(unpackGrams(packed.grams)).toEqual(keys.grams);
    }
  });

  it('any character may be in a gram: characters beyond the BMP, digits, control characters', () => {
    const grams = [
      { gram: '𠮷野', rank: 1 },
      { gram: '9', rank: 3 },
      { gram: '\u0001b', rank: 5 },
      { gram: '12', rank: 0 },
    ];
    expect(unpackGrams(packGrams(grams))).toEqual(grams);
    expect(unpackGrams('')).toEqual([]);
  });

  it('are computed once per distinct name', () => {
    const keysOf = packedSearchKeysByName();
    expect(keysOf('张伟')).toBe(keysOf('张伟'));
    for (const name of ['张伟', '单田芳', '曾小贤', ' 张伟 ', 'Anna Li', '欧阳 娜娜']) expect(keysOf(name)).toEqual(packSearchKeys(buildSearchKeys(name)));
  });
});

describe("gram rows in the table's key order", () => {
  it('gives every (gram, rank, sort key, id) once, sorted as customer_grams is keyed', () => {
    const keysOf = packedSearchKeysByName();
    const customers = ['张伟', '王芳', '张伟', '张三丰', '单田芳', 'Anna Li'].map((name, i) => ({ id: 10 - i, keys: keysOf(name) }));
    const rows: [string, number, string, number][] = [];
    forEachGramRowInKeyOrder(customers, (...row) => rows.push(row));
    const expected = customers.flatMap(({ id, keys }) =>
      unpackGrams(keys.grams).map(({ gram, rank }) => [gram, rank, keys.sortKey, id] as [string, number, string, number]),
    );
    const byKey = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
      for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
      return 0;
    };
    expect(rows).toEqual([...expected].sort(byKey));
  });
});
