import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultProducts } from '../../shared/domain/productDefaults.ts';
import { makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
});
afterEach(() => b.dispose());

const rice = { name: '东北大米', unit: 'kg', priceFen: 650, dailyUse: { adult: 0.15, child: 0.1, senior: 0.12 }, leadDays: 4 } as const;

describe('products: the default catalog', () => {
  it('a new book has no products until the shop is started', () => {
    expect(b.call('products.list', {})).toEqual([]);
  });

  it('shop.startEmpty in zh-CN seeds the defaults with Chinese names', () => {
    b.call('shop.startEmpty', { language: 'zh-CN' });
    const products = b.call('products.list', {});
    expect(products.map((p) => p.name)).toEqual(defaultProducts.map((p) => p.name));
    expect(products[0]).toMatchObject({
      name: '大米',
      unit: 'kg',
      priceFen: 600,
      dailyUse: { adult: 0.15, child: 0.1, senior: 0.12 },
      leadDays: 3,
      archivedAt: null,
    });
    expect(products.map((p) => p.unit)).toEqual(defaultProducts.map((p) => p.unit));
  });

  it('shop.startEmpty in en seeds the defaults with English names', () => {
    b.call('shop.startEmpty', { language: 'en' });
    expect(b.call('products.list', {}).map((p) => p.name)).toEqual(defaultProducts.map((p) => p.nameEn));
  });

  it('seeds only once, whatever happens later', () => {
    b.call('shop.startEmpty', { language: 'zh-CN' });
    b.call('shop.startEmpty', { language: 'en' });
    expect(b.count('products')).toBe(defaultProducts.length);
  });
});

describe('products: create, update, archive, restore', () => {
  it('creates and lists a product', () => {
    const p = b.call('products.create', { draft: rice });
    const nothingLearned = { rateFactor: 1, ownFactor: 1, households: 0, season: null, on: null };
    expect(p).toEqual({ id: p.id, ...rice, seasonPreset: 'none', container: null, depositFen: 0, learned: nothingLearned, archivedAt: null });
    expect(b.call('products.list', {})).toEqual([p]);
  });

  it('defaults leadDays to 3', () => {
    const { leadDays: _l, ...noLead } = rice;
    expect(b.call('products.create', { draft: noLead }).leadDays).toBe(3);
  });

  it('updates every field', () => {
    const p = b.call('products.create', { draft: rice });
    const updated = b.call('products.update', {
      id: p.id,
      draft: { name: '桶装水', unit: 'bucket', priceFen: 1500, dailyUse: { adult: 0.085, child: 0.048, senior: 0.08 }, leadDays: 2, seasonPreset: 'summer' },
    });
    expect(updated).toMatchObject({
      id: p.id,
      name: '桶装水',
      unit: 'bucket',
      priceFen: 1500,
      dailyUse: { adult: 0.085, child: 0.048, senior: 0.08 },
      leadDays: 2,
      seasonPreset: 'summer',
      archivedAt: null,
    });
  });

  it('archives (hidden from the default list) and restores', () => {
    const p = b.call('products.create', { draft: rice });
    const other = b.call('products.create', { draft: { ...rice, name: '食用油', unit: 'litre' } });
    const archived = b.call('products.archive', { id: p.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(b.call('products.list', {}).map((x) => x.id)).toEqual([other.id]);
    expect(b.call('products.list', { includeArchived: true }).map((x) => x.id)).toEqual([p.id, other.id]);
    expect(b.call('products.restore', { id: p.id }).archivedAt).toBeNull();
    expect(b.call('products.list', {}).map((x) => x.id)).toEqual([p.id, other.id]);
  });

  it('NOT_FOUND for an unknown product; nothing written', () => {
    const before = b.snapshot();
    for (const [name, input] of [
      ['products.update', { id: 77, draft: rice }],
      ['products.archive', { id: 77 }],
      ['products.restore', { id: 77 }],
    ] as const) {
      const error = b.callError(name, input);
      expect(error.code).toBe('NOT_FOUND');
      expect(error.details).toEqual({ entity: 'product', id: 77 });
    }
    expect(b.snapshot()).toEqual(before);
  });
});

describe('products: validation (nothing written)', () => {
  const bad: [string, unknown, (string | number)[]][] = [
    ['empty name', { ...rice, name: ' ' }, ['draft', 'name']],
    ['41-character name', { ...rice, name: '米'.repeat(41) }, ['draft', 'name']],
    ['unknown unit', { ...rice, unit: 'ton' }, ['draft', 'unit']],
    ['negative price', { ...rice, priceFen: -1 }, ['draft', 'priceFen']],
    ['fractional fen', { ...rice, priceFen: 6.5 }, ['draft', 'priceFen']],
    ['price as a string', { ...rice, priceFen: '600' }, ['draft', 'priceFen']],
    ['price over the maximum', { ...rice, priceFen: 100_000_000_01 }, ['draft', 'priceFen']],
    ['negative daily use', { ...rice, dailyUse: { ...rice.dailyUse, child: -0.1 } }, ['draft', 'dailyUse', 'child']],
    ['daily use over 1000', { ...rice, dailyUse: { ...rice.dailyUse, adult: 1001 } }, ['draft', 'dailyUse', 'adult']],
    ['missing daily use group', { ...rice, dailyUse: { adult: 1, child: 1 } }, ['draft', 'dailyUse', 'senior']],
    ['lead days 61', { ...rice, leadDays: 61 }, ['draft', 'leadDays']],
    ['lead days negative', { ...rice, leadDays: -1 }, ['draft', 'leadDays']],
    ['unknown key', { ...rice, stock: 5 }, ['draft']],
  ];
  it.each(bad)('%s', (_label, productDraft, path) => {
    const seeded = b.call('products.create', { draft: rice });
    const before = b.snapshot();
    const create = b.callError('products.create', { draft: productDraft });
    expect(create.code).toBe('VALIDATION');
    expect(create.issues!.map((i) => i.path)).toContainEqual(path);
    const update = b.callError('products.update', { id: seeded.id, draft: productDraft });
    expect(update.code).toBe('VALIDATION');
    expect(b.snapshot()).toEqual(before);
    expect(b.call('products.list', {})).toEqual([seeded]);
  });
});
