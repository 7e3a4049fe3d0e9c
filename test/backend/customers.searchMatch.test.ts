/**
 * The renderer's own search of a small book (shared/domain/searchMatch.ts) must give the backend's
 * answer, row for row: generated books, every kind of query a counter types (names and their pieces,
 * pinyin and initials, phone endings, addresses, areas, odd input), both archive filters, a short and
 * the default limit. Each query asks the real backend (SQLite, FTS5) and the in-memory copy.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDraftInput } from '../../shared/contract.ts';
import { createRandom, type Random } from '../../shared/domain/random.ts';
import { buildSearchKeys } from '../../shared/domain/searchKeys.ts';
import { LOCAL_SEARCH_MAX, matchSearch, prepareSearch } from '../../shared/domain/searchMatch.ts';
import { makeBackend, type TestBackend } from './helpers.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '单', '曾', '解', '吕', '欧阳', '长', '朴', '程', '詹', '段'];
const GIVEN = [
  '芳',
  '伟',
  '秀英',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '小贤',
  '田芳',
  '三丰',
  '一',
  '二',
];
const ODD_NAMES = [
  '老王秀英',
  '王秀英',
  '王秀英英',
  '小张三丰',
  '张三丰',
  'Anna Li',
  'TOM',
  'tom lee',
  '3号楼王五',
  '王 芳',
  'Zoë',
  '李Anna',
  '老王',
  '王王',
  '阿Q',
  '100号',
  'O’Brien',
  '王%芳',
  'a_b',
];
const AREAS = ['', '', '东区', '西区', '幸福小区', 'A区', '3号楼'];
const STREETS = ['幸福路', '东门街', '解放路', '长江路', 'Main St', '建设路8号', '花园小区3栋'];

function household(random: Random, i: number): CustomerDraftInput {
  const rand = () => random.next();
  const pick = <T>(list: readonly T[]) => random.pick(list);
  // Every odd name once, first: names inside names rank exact, then starting with, then containing.
  const name = ODD_NAMES[i] ?? (rand() < 0.08 ? pick(ODD_NAMES) : pick(SURNAMES) + pick(GIVEN) + (rand() < 0.2 ? pick(GIVEN) : ''));
  const phones: string[] = [];
  const count = rand() < 0.15 ? 0 : rand() < 0.8 ? 1 : 2;
  for (let k = 0; k < count; k++) phones.push(`1${pick(['38', '39', '58', '86'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`);
  return {
    name,
    phones: [...new Set(phones)],
    address: rand() < 0.3 ? '' : `${pick(STREETS)}${Math.floor(rand() * 30)}号${i % 7 === 0 ? '501' : ''}`,
    area: pick(AREAS),
    adults: 1 + Math.floor(rand() * 3),
    children: Math.floor(rand() * 2),
    seniors: 0,
  };
}

/** What a counter types to find these households: every start of what they are found by, and odd input. */
function queriesFor(drafts: readonly CustomerDraftInput[], random: Random): string[] {
  const rand = () => random.next();
  const queries = new Set<string>([
    '',
    ' ',
    'z',
    'zh',
    'zhang',
    'wang',
    'ang',
    'an',
    'Ｚ',
    'ＷＡＮＧ',
    '王',
    '王芳',
    '三丰',
    '号',
    '区',
    '%',
    '_',
    '王_',
    '138',
    '5',
    '00',
    '+86 138',
    '(0755)',
    'ZSF',
    'zoë',
    'ZOË',
    '路',
    '幸福',
    'main',
    'q',
  ]);
  for (const [i, draft] of drafts.entries()) {
    if (i >= ODD_NAMES.length && rand() > 0.25) continue;
    const keys = buildSearchKeys(draft.name);
    const chars = [...draft.name];
    for (let n = 1; n <= chars.length; n++) queries.add(chars.slice(0, n).join(''));
    if (chars.length > 2) queries.add(chars.slice(1).join(''));
    for (const latin of [...keys.initials, ...keys.pinyin]) for (let n = 1; n <= latin.length; n += 2) queries.add(latin.slice(0, n));
    if (keys.pinyin[0] && keys.pinyin[0].length > 4) queries.add(keys.pinyin[0].slice(2, 6));
    for (const phone of draft.phones ?? []) {
      for (let n = 1; n <= 5; n++) queries.add(phone.slice(-n));
      queries.add(phone.slice(3, 7));
    }
    if (draft.address) queries.add([...draft.address].slice(0, 3).join(''));
    if (draft.area) queries.add(draft.area);
  }
  return [...queries];
}

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
});
afterEach(() => b.dispose());

function book(size: number, seed: number): CustomerDraftInput[] {
  const random = createRandom(seed);
  const drafts = Array.from({ length: size }, (_, i) => household(random, i));
  const ids: number[] = [];
  for (const draft of drafts) ids.push(b.call('customers.create', { draft, allowDuplicatePhone: true }).id);
  for (const id of ids) if (random.chance(0.1)) b.call('customers.archive', { id });
  return drafts;
}

describe('the renderer’s own search of a small book', () => {
  it('answers every query as the backend does, row for row', () => {
    const drafts = book(400, 20261207);
    const { entries } = b.call('customers.searchIndex', {});
    expect(entries).toHaveLength(400);
    const prepared = prepareSearch(entries!);
    const queries = queriesFor(drafts, createRandom(7));
    let answered = 0;
    const deferred = new Set<string>();
    for (const query of queries) {
      for (const includeArchived of [false, true]) {
        for (const limit of [3, 200]) {
          const local = matchSearch(prepared, query, includeArchived, limit);
          if (local === null) {
            deferred.add(query);
            continue;
          }
          const backend = b.call('customers.search', { query, includeArchived, limit });
          expect({ query, includeArchived, limit, answer: local }).toEqual({ query, includeArchived, limit, answer: backend });
          answered++;
        }
      }
    }
    // Only queries with a cased letter past ASCII (zoë) or LIKE's wildcards go to the backend.
    expect(answered).toBeGreaterThan(2000);
    for (const query of deferred) expect(query).toMatch(/[%_ëË]/);
  });

  it('follows edits, renames, new phones and archiving once copied again', () => {
    book(60, 99);
    const created = b.call('customers.create', {
      draft: { name: '单田芳', phones: ['13812345678'], address: '幸福路1号', area: '东区', adults: 1, children: 0, seniors: 0 },
    });
    b.call('customers.update', {
      id: created.id,
      draft: { name: '曾小贤', phones: ['13900001111', '13812345678'], address: '长江路2号', area: '西区', adults: 2, children: 0, seniors: 0 },
    });
    const prepared = prepareSearch(b.call('customers.searchIndex', {}).entries!);
    for (const query of ['单', 'stf', '曾', 'zxx', 'cengxiao', '1111', '5678', '长江', '西区', '东区']) {
      expect(matchSearch(prepared, query, false)).toEqual(b.call('customers.search', { query, includeArchived: false }));
    }
    expect(matchSearch(prepared, 'zxx', false)!.items.map((c) => c.id)).toContain(created.id);
    expect(matchSearch(prepared, '1111', false)!.items[0]!.phone).toBe('13900001111');
  });

  it('is not offered for a book past LOCAL_SEARCH_MAX households', () => {
    const insert = b.context.db.prepare(
      "INSERT INTO customers (name, sort_key, adults, children, seniors, created_at, updated_at) VALUES ('x', 'x', 1, 0, 0, '', '')",
    );
    b.context.db.transaction(() => {
      for (let i = 0; i <= LOCAL_SEARCH_MAX; i++) insert.run();
    })();
    expect(b.call('customers.searchIndex', {}).entries).toBeNull();
  });
});
