import { describe, expect, it } from 'vitest';
import {
  buildSearchKeys,
  ftsPhrase,
  normalizeName,
  normalizeQuery,
  SEARCH_KEYS_VERSION,
  searchKeysStamp,
  searchRank,
  sortKeyRanges,
} from '../../shared/domain/searchKeys.ts';

const keysOf = (name: string) => buildSearchKeys(name);
const gramRank = (name: string, gram: string) => keysOf(name).grams.find((g) => g.gram === gram)?.rank;

describe('buildSearchKeys: pinyin and initials', () => {
  it('gives full pinyin and initials of a common name', () => {
    const keys = keysOf('张三丰');
    expect(keys.pinyin).toEqual(['zhangsanfeng']);
    expect(keys.initials).toEqual(['zsf']);
    expect(keys.sortKey).toBe('zhang san feng');
  });

  it('sorts by syllable: 陈 chen before 程 cheng, 杜 du before 段 duan, 詹 zhan before 张 zhang', () => {
    const names = ['程国怡', '陈娜欣', '段磊志', '杜娟秀', '张三', '詹姆'];
    const sorted = [...names].sort((a, b) => (keysOf(a).sortKey < keysOf(b).sortKey ? -1 : 1));
    expect(sorted).toEqual(['陈娜欣', '程国怡', '杜娟秀', '段磊志', '詹姆', '张三']);
  });

  it('keeps letters and digits as words in the sort key', () => {
    expect(keysOf('Anna Li').sortKey).toBe('anna li');
    expect(keysOf('Tom李').sortKey).toBe('tom li');
    expect(keysOf('王 小二').sortKey).toBe('wang xiao er');
    expect(keysOf('3号楼王五').sortKey).toBe('3 hao lou wang wu');
  });

  it('ignores surrounding whitespace', () => {
    expect(keysOf('  张三丰 ').initials).toEqual(['zsf']);
  });

  it.each([
    ['单田芳', ['shantianfang', 'dantianfang'], ['stf', 'dtf']],
    ['曾小贤', ['zengxiaoxian', 'cengxiaoxian'], ['zxx', 'cxx']],
    ['解晓东', ['xiexiaodong', 'jiexiaodong'], ['xxd', 'jxd']],
  ])('indexes heteronym surname %s under both readings, surname reading first', (name, pinyin, initials) => {
    const keys = keysOf(name);
    expect(keys.pinyin).toEqual(pinyin);
    expect(keys.initials).toEqual(initials);
    expect(keys.sortKey.replace(/ /g, '')).toBe(pinyin[0]);
  });

  it('writes ü as v, the way a pinyin keyboard types it', () => {
    const keys = keysOf('吕布');
    expect(keys.pinyin).toEqual(['lvbu']);
    expect(keys.initials).toEqual(['lb']);
    expect(keys.grams.map((g) => g.gram)).toContain('lv');
    for (const p of [...keys.pinyin, keys.sortKey, ...keys.grams.map((g) => g.gram)]) expect(p).not.toMatch(/ü/);
  });

  it('only ever holds lower-case ASCII letters and digits in pinyin keys', () => {
    for (const name of ['张三丰', '吕布', '单田芳', '女娲', '略略', 'Tom Lee', '王 小二']) {
      const keys = keysOf(name);
      for (const p of [...keys.pinyin, ...keys.initials]) expect(p).toMatch(/^[a-z0-9]*$/);
    }
  });
});

describe('buildSearchKeys: grams', () => {
  it('ranks the whole name as exact, its start as prefix and the rest as contains', () => {
    expect(gramRank('王五', '王五')).toBe(searchRank.nameExact);
    expect(gramRank('王五', '王')).toBe(searchRank.namePrefix);
    expect(gramRank('王五', '五')).toBe(searchRank.nameContains);
    expect(gramRank('张三丰', '张')).toBe(searchRank.namePrefix);
    expect(gramRank('张三丰', '张三')).toBe(searchRank.namePrefix);
    expect(gramRank('张三丰', '三丰')).toBe(searchRank.nameContains);
    expect(gramRank('王', '王')).toBe(searchRank.nameExact);
  });

  it('has only 1- and 2-character name grams (longer queries use the trigram index)', () => {
    expect(gramRank('张三丰', '张三丰')).toBeUndefined();
    for (const g of keysOf('欧阳娜娜').grams) expect([...g.gram].length).toBeLessThanOrEqual(2);
  });

  it('adds 1-2 letter pinyin prefixes of initials and of full pinyin for every reading', () => {
    const grams = new Map(keysOf('单田芳').grams.map((g) => [g.gram, g.rank]));
    for (const g of ['s', 'st', 'sh', 'd', 'dt', 'da']) expect(grams.get(g)).toBe(searchRank.pinyinPrefix);
    // not a prefix: no gram for letters in the middle
    expect(grams.has('tf')).toBe(false);
  });

  it('keeps the best rank for a gram offered twice, and lists each gram once', () => {
    const keys = keysOf('王王');
    expect(keys.grams.filter((g) => g.gram === '王')).toEqual([{ gram: '王', rank: searchRank.namePrefix }]);
    const grams = keys.grams.map((g) => g.gram);
    expect(new Set(grams).size).toBe(grams.length);
  });

  it('lower-cases latin names and skips grams that are only whitespace', () => {
    const keys = keysOf('Tom Lee');
    const grams = keys.grams.map((g) => g.gram);
    expect(grams).toContain('to');
    expect(grams).not.toContain('To');
    expect(grams.some((g) => g.trim().length < [...g].length)).toBe(false);
  });

  it('ranks are ordered exact < prefix < pinyin < contains < phone < other', () => {
    const r = searchRank;
    expect(r.nameExact < r.namePrefix && r.namePrefix < r.pinyinPrefix && r.pinyinPrefix < r.nameContains).toBe(true);
    expect(r.nameContains < r.phoneContains && r.phoneContains < r.otherContains).toBe(true);
  });
});

describe('normalizeQuery', () => {
  it.each([
    ['', { text: '', kind: 'empty', length: 0 }],
    ['   ', { text: '', kind: 'empty', length: 0 }],
    ['5678', { text: '5678', kind: 'digits', length: 4 }],
    ['５６７８', { text: '5678', kind: 'digits', length: 4 }],
    ['１３８', { text: '138', kind: 'digits', length: 3 }],
    ['138-1234-5678', { text: '13812345678', kind: 'digits', length: 11 }],
    ['138 1234 5678', { text: '13812345678', kind: 'digits', length: 11 }],
    ['(0755) 1234', { text: '07551234', kind: 'digits', length: 8 }],
    ['+86 138 1234 5678', { text: '13812345678', kind: 'digits', length: 11 }],
    ['0086 138 1234 5678', { text: '13812345678', kind: 'digits', length: 11 }],
    ['zsf', { text: 'zsf', kind: 'latin', length: 3 }],
    ['ZSF', { text: 'zsf', kind: 'latin', length: 3 }],
    ['Zhang San Feng', { text: 'zhangsanfeng', kind: 'latin', length: 12 }],
    ['z', { text: 'z', kind: 'latin', length: 1 }],
    ['王', { text: '王', kind: 'text', length: 1 }],
    ['三丰', { text: '三丰', kind: 'text', length: 2 }],
    [' 张三丰 ', { text: '张三丰', kind: 'text', length: 3 }],
    ['幸福小区', { text: '幸福小区', kind: 'text', length: 4 }],
    // full-width mode of a Chinese IME
    ['ＺＳＦ', { text: 'zsf', kind: 'latin', length: 3 }],
    ['１３８－１２３４', { text: '1381234', kind: 'digits', length: 7 }],
    ['（０７５５）１２３４', { text: '07551234', kind: 'digits', length: 8 }],
    ['\u3000王\u3000', { text: '王', kind: 'text', length: 1 }],
  ])('%j', (raw, expected) => expect(normalizeQuery(raw)).toEqual(expected));

  it('counts length in code points, not UTF-16 units', () => {
    expect(normalizeQuery('𠀋𠀋').length).toBe(2);
  });

  it('treats punctuation alone as text, not as an empty digit query', () => {
    expect(normalizeQuery('--').kind).toBe('text');
  });
});

describe('normalizeName and ftsPhrase', () => {
  it('normalizeName trims, collapses spaces and lower-cases', () => {
    expect(normalizeName('  Tom   LEE ')).toBe('tom lee');
  });
  it('ftsPhrase quotes and escapes double quotes so user text is never FTS syntax', () => {
    expect(ftsPhrase('abc')).toBe('"abc"');
    expect(ftsPhrase('a"b')).toBe('"a""b"');
    expect(ftsPhrase('x OR y*')).toBe('"x OR y*"');
  });
});

describe('searchKeysStamp: the rules and the pinyin library together', () => {
  it("names the rules version and a digest of the library's readings; the same run to run", () => {
    expect(searchKeysStamp()).toMatch(new RegExp(`^${SEARCH_KEYS_VERSION}:[0-9a-f]{8}$`));
    expect(searchKeysStamp()).toBe(searchKeysStamp());
  });
});

describe('sortKeyRanges: where keys starting with the query (spaces removed) can be', () => {
  it('the query itself, and each shorter start of it followed by a space, in list order', () => {
    expect(sortKeyRanges('yan')).toEqual([
      ['y ', 'y!'],
      ['ya ', 'ya!'],
      ['yan', 'yao'],
    ]);
    expect(sortKeyRanges('zsf')).toEqual([
      ['z ', 'z!'],
      ['zs ', 'zs!'],
      ['zsf', 'zsg'],
    ]);
  });

  it('covers every key of a name whose spaced-out key starts with the query', () => {
    const inRanges = (key: string, q: string) => sortKeyRanges(q).some(([from, to]) => key >= from && key < to);
    for (const name of ['张三丰', '单田芳', '西安', '先生', '欧阳娜娜', 'Anna Li', '鹅毛', '3号楼王五']) {
      const key = keysOf(name).sortKey;
      const flat = key.replace(/ /g, '');
      for (let n = 3; n <= flat.length; n++) expect(inRanges(key, flat.slice(0, n)), `${name} ${flat.slice(0, n)}`).toBe(true);
    }
    const ranges = sortKeyRanges('xian');
    for (let i = 1; i < ranges.length; i++) expect(ranges[i - 1]![1] <= ranges[i]![0]).toBe(true); // ascending, disjoint
  });
});
