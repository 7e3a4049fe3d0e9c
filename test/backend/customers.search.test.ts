import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDraftInput } from '../../shared/contract.ts';
import { makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
});
afterEach(() => b.dispose());

let phoneSeq = 0;
function add(name: string, extra: Partial<CustomerDraftInput> = {}): number {
  phoneSeq++;
  return b.call('customers.create', {
    draft: { name, phones: [`1390000${String(phoneSeq).padStart(4, '0')}`], adults: 1, children: 0, seniors: 0, ...extra },
  }).id;
}

function names(query: string, options: { includeArchived?: boolean; limit?: number } = {}): string[] {
  return b.call('customers.search', { query, ...options }).items.map((c) => c.name);
}

describe('customers.search', () => {
  beforeEach(() => {
    add('王五');
    add('王小二');
    add('张三丰', { phones: ['13812345678'], address: '幸福小区3栋2单元501' });
    add('老王');
    add('李三丰');
    add('单田芳');
    add('曾小贤');
    add('吕布');
    add('赵六', { address: '东门街18号' });
  });

  it('finds by one Chinese character, anywhere in the name, prefix matches first', () => {
    expect(names('王')).toEqual(['王五', '王小二', '老王']); // wangwu < wangxiaoer
  });

  it('finds by two Chinese characters inside a name', () => {
    expect(names('三丰')).toEqual(['李三丰', '张三丰']);
    expect(names('小贤')).toEqual(['曾小贤']);
  });

  it('finds by a full 3-character name, and by a 3-character substring', () => {
    expect(names('张三丰')).toEqual(['张三丰']);
    expect(names('王小二')).toEqual(['王小二']);
  });

  it('finds by pinyin initials, case-insensitively', () => {
    expect(names('zsf')).toEqual(['张三丰']);
    expect(names('ZSF')).toEqual(['张三丰']);
    expect(names('ＺＳＦ')).toEqual(['张三丰']); // full-width IME mode
    expect(names('lsf')).toEqual(['李三丰']);
  });

  it('finds by full pinyin, with or without spaces', () => {
    expect(names('zhangsanfeng')).toEqual(['张三丰']);
    expect(names('zhang san feng')).toEqual(['张三丰']);
    expect(names('zhangsan')).toEqual(['张三丰']);
    expect(names('wangwu')).toEqual(['王五']);
  });

  it('finds by short pinyin prefixes (1-2 letters)', () => {
    expect(names('zs')).toEqual(['张三丰']);
    expect(names('ww')).toEqual(['王五']);
    expect(names('w')).toEqual(expect.arrayContaining(['王五', '王小二']));
  });

  it('finds a heteronym surname under both readings', () => {
    expect(names('stf')).toEqual(['单田芳']);
    expect(names('dtf')).toEqual(['单田芳']);
    expect(names('shantianfang')).toEqual(['单田芳']);
    expect(names('dantianfang')).toEqual(['单田芳']);
    expect(names('zeng')).toEqual(['曾小贤']);
    expect(names('zxx')).toEqual(['曾小贤']);
    expect(names('cxx')).toEqual(['曾小贤']);
  });

  it('finds ü names as typed on a pinyin keyboard (lv)', () => {
    expect(names('lvbu')).toEqual(['吕布']);
    expect(names('lv')).toEqual(['吕布']);
    expect(names('lb')).toEqual(['吕布']);
  });

  it('finds by the last four phone digits, and by digits typed with dashes, spaces or +86', () => {
    expect(names('5678')).toEqual(['张三丰']);
    expect(names('138-1234-5678')).toEqual(['张三丰']);
    expect(names('1234-5678')).toEqual(['张三丰']);
    expect(names('138 1234 5678')).toEqual(['张三丰']);
    expect(names('+86 138 1234 5678')).toEqual(['张三丰']);
    expect(names('５６７８')).toEqual(['张三丰']);
    expect(names('１３８－１２３４－５６７８')).toEqual(['张三丰']);
  });

  it('finds by a 3+ character address substring', () => {
    expect(names('幸福小区')).toEqual(['张三丰']);
    expect(names('3栋2单元')).toEqual(['张三丰']);
    expect(names('东门街')).toEqual(['赵六']);
  });

  it('returns nothing for a query that matches nothing, and for FTS syntax', () => {
    expect(names('不存在的人')).toEqual([]);
    expect(names('"zsf" OR a*')).toEqual([]);
    expect(names('NEAR(a b)')).toEqual([]);
    expect(names('"')).toEqual([]);
    expect(names('a"b')).toEqual([]);
    expect(names('%%%')).toEqual([]);
  });

  it('gives summaries with first phone, people and archived flag', () => {
    const [item] = b.call('customers.search', { query: 'zsf' }).items;
    expect(item).toMatchObject({ name: '张三丰', phone: '13812345678', address: '幸福小区3栋2单元501', people: 1, archived: false });
  });
});

describe('customers.search ranking', () => {
  it('puts the exact name before prefix matches before names that merely contain it (3+ chars)', () => {
    add('老张三丰');
    add('张三丰大');
    add('张三丰');
    expect(names('张三丰')).toEqual(['张三丰', '张三丰大', '老张三丰']);
  });

  it('puts the exact name first for 1-2 character queries too', () => {
    add('小王');
    add('王');
    add('王大');
    expect(names('王')).toEqual(['王', '王大', '小王']);
    add('三丰');
    add('李三丰');
    add('三丰老');
    expect(names('三丰')).toEqual(['三丰', '三丰老', '李三丰']);
  });

  it('ranks a name match before a phone match before an address match', () => {
    add('住在张三丰路', { address: '' });
    add('路人甲', { address: '张三丰路1号' });
    add('张三丰');
    expect(names('张三丰')).toEqual(['张三丰', '住在张三丰路', '路人甲']);
    add('号码人', { phones: ['13855556666'] });
    add('地址人', { phones: ['13911112222'], address: '5555号' });
    expect(names('5555')).toEqual(['号码人', '地址人']);
  });

  it('lists ties in pinyin order', () => {
    add('王五');
    add('王八');
    add('王一');
    expect(names('王')).toEqual(['王八', '王五', '王一']);
  });
});

describe('customers.search: archived, limit, re-indexing, empty query', () => {
  it('leaves archived customers out unless asked, and marks them', () => {
    const id = add('张三丰');
    add('张三');
    b.call('customers.archive', { id });
    expect(names('张三')).toEqual(['张三']);
    expect(names('zsf')).toEqual([]);
    expect(names('')).toEqual(['张三']);
    const all = b.call('customers.search', { query: '张三', includeArchived: true }).items;
    expect(all.map((c) => [c.name, c.archived])).toEqual([
      ['张三', false],
      ['张三丰', true],
    ]);
    expect(names('zsf', { includeArchived: true })).toEqual(['张三丰']);
    b.call('customers.restore', { id });
    expect(names('zsf')).toEqual(['张三丰']);
  });

  it('stops at the limit and says there are more (every index path)', () => {
    for (let i = 0; i < 7; i++) add(`王${'一二三四五六七'[i]}丰`);
    for (const query of ['', '王', 'wa', '丰', 'w', '1390000']) {
      const five = b.call('customers.search', { query, limit: 5 });
      expect(five.items, query).toHaveLength(5);
      expect(five.more, query).toBe(true);
      const seven = b.call('customers.search', { query, limit: 7 });
      expect(seven.items, query).toHaveLength(7);
      expect(seven.more, query).toBe(false);
    }
    expect(b.call('customers.search', { query: '王', limit: 200 }).more).toBe(false);
  });

  it('re-indexes on update: the new name is found, the old one is gone', () => {
    const id = add('张三丰', { phones: ['13812345678'], address: '幸福小区' });
    b.call('customers.update', {
      id,
      draft: { name: '李四光', phones: ['13700009999'], address: '东门街', adults: 1, children: 0, seniors: 0 },
    });
    expect(names('李四光')).toEqual(['李四光']);
    expect(names('李')).toEqual(['李四光']);
    expect(names('lsg')).toEqual(['李四光']);
    expect(names('9999')).toEqual(['李四光']);
    expect(names('东门街')).toEqual(['李四光']);
    for (const old of ['张三丰', '张', '三丰', 'zsf', 'zh', '5678', '幸福小区']) expect(names(old), old).toEqual([]);
    // exactly one row per customer in the long-query index
    expect(b.count('customer_fts')).toBe(1);
  });

  it('lists everyone in pinyin order for an empty or blank query', () => {
    for (const n of ['赵六', '阿明', '王五', '张三丰', '李四', '单田芳', '曾小贤']) add(n);
    const expected = ['阿明', '李四', '单田芳', '王五', '曾小贤', '张三丰', '赵六'];
    expect(names('')).toEqual(expected);
    expect(names('   ')).toEqual(expected);
    expect(b.call('customers.search', { query: '' }).more).toBe(false);
  });

  it('keeps surnames together in that order: 陈 chen before 程 cheng, 杜 du before 段 duan', () => {
    for (const n of ['程国怡', '陈娜欣', '程平', '段磊志', '杜娟秀']) add(n);
    expect(names('').filter((n) => '陈程杜段'.includes(n[0]!))).toEqual(['陈娜欣', '程国怡', '程平', '杜娟秀', '段磊志']);
  });

  it('refuses a query over 60 characters and a limit out of range', () => {
    expect(b.callError('customers.search', { query: 'x'.repeat(61) }).code).toBe('VALIDATION');
    expect(b.callError('customers.search', { query: '', limit: 0 }).code).toBe('VALIDATION');
    expect(b.callError('customers.search', { query: '', limit: 501 }).code).toBe('VALIDATION');
    expect(b.callError('customers.search', {}).code).toBe('VALIDATION');
  });
});
