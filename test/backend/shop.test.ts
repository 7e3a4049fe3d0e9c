import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { loadMigrations } from '../../electron/backend/db/migrate.ts';
import { DEMO_HOUSEHOLDS } from '../../electron/backend/services/shop/shop.ts';
import { defaultProducts } from '../../shared/domain/productDefaults.ts';
import { draft, makeBackend, PINNED_TODAY, tableRows, type TestBackend } from './helpers.ts';

/** The shop's phone, address and payment line (on statements) until given. */
const UNSET_STATEMENT_LINES = { shopPhone: '', shopAddress: '', paymentLine: '' };

let b: TestBackend;
beforeEach(() => {
  b = makeBackend({ appVersion: '1.2.3' });
});
afterEach(() => b.dispose());

describe('shop.info', () => {
  it('describes a new book', () => {
    expect(b.call('shop.info', {})).toEqual({
      version: '1.2.3',
      dataDir: b.dataDir,
      databaseFile: join(b.dataDir, DATABASE_FILE_NAME),
      schemaVersion: loadMigrations().length,
      customerCount: 0,
      today: PINNED_TODAY,
      settings: { shopName: '', language: 'system', largeText: false, onboarded: false, ...UNSET_STATEMENT_LINES, messageTemplates: {} },
    });
  });

  it('counts customers (archived included) and reflects settings', () => {
    const a = b.call('customers.create', { draft: draft() });
    b.call('customers.create', { draft: draft({ name: '李四', phones: [] }) });
    b.call('customers.archive', { id: a.id });
    b.call('shop.updateSettings', { shopName: '老王粮油', largeText: true });
    expect(b.call('shop.info', {})).toMatchObject({
      customerCount: 2,
      settings: { shopName: '老王粮油', largeText: true, onboarded: false, ...UNSET_STATEMENT_LINES },
    });
  });

  it('follows the clock for today', () => {
    const late = makeBackend({ dataDir: b.dataDir, now: () => new Date('2028-02-29T23:59:00') });
    try {
      expect(late.call('shop.info', {}).today).toBe('2028-02-29');
    } finally {
      late.close();
    }
  });

  it('refuses any input keys', () => {
    expect(b.callError('shop.info', { x: 1 }).code).toBe('VALIDATION');
  });
});

describe('shop.updateSettings', () => {
  it('round-trips each setting, and keeps them across a reopen', () => {
    expect(b.call('shop.updateSettings', { shopName: '  老王粮油 ' })).toEqual({
      shopName: '老王粮油',
      language: 'system',
      largeText: false,
      onboarded: false,
      ...UNSET_STATEMENT_LINES,
      messageTemplates: {},
    });
    expect(b.call('shop.updateSettings', { language: 'en' })).toMatchObject({ shopName: '老王粮油', language: 'en' });
    expect(b.call('shop.updateSettings', { shopPhone: ' 0571-8888 6666 ' })).toMatchObject({ shopPhone: '0571-8888 6666' });
    b.call('shop.updateSettings', { shopPhone: '' });
    expect(b.call('shop.updateSettings', { largeText: true })).toEqual({
      shopName: '老王粮油',
      language: 'en',
      largeText: true,
      onboarded: false,
      ...UNSET_STATEMENT_LINES,
      messageTemplates: {},
    });
    expect(b.call('shop.updateSettings', {})).toEqual({
      shopName: '老王粮油',
      language: 'en',
      largeText: true,
      onboarded: false,
      ...UNSET_STATEMENT_LINES,
      messageTemplates: {},
    });
    b.close();
    const reopened = makeBackend({ dataDir: b.dataDir });
    try {
      expect(reopened.call('shop.info', {}).settings).toEqual({
        shopName: '老王粮油',
        language: 'en',
        largeText: true,
        onboarded: false,
        ...UNSET_STATEMENT_LINES,
        messageTemplates: {},
      });
      expect(reopened.call('shop.updateSettings', { largeText: false, language: 'zh-CN' })).toMatchObject({ largeText: false, language: 'zh-CN' });
    } finally {
      reopened.close();
    }
  });

  it('keeps the shop phone, address and payment line, trimmed, and clears one with an empty text', () => {
    const lines = { shopPhone: ' 0571-8888 6666 ', shopAddress: '幸福路 18 号', paymentLine: '微信/支付宝 138 0000 0000（王老板）' };
    expect(b.call('shop.updateSettings', lines)).toMatchObject({ ...lines, shopPhone: '0571-8888 6666' });
    expect(b.call('shop.updateSettings', { shopAddress: '' })).toMatchObject({ shopPhone: '0571-8888 6666', shopAddress: '', paymentLine: lines.paymentLine });
  });

  it.each([
    ['a payment line over 100', { paymentLine: '微'.repeat(101) }],
    ['a shop phone over 30', { shopPhone: '1'.repeat(31) }],
    ['a shop address with a control character', { shopAddress: '幸福路\u0007' }],
    ['an unknown key', { theme: 'dark' }],
    ['onboarded (not a user setting)', { onboarded: true }],
    ['an unknown language', { language: 'fr' }],
    ['a shop name over 60', { shopName: '店'.repeat(61) }],
    ['largeText as a string', { largeText: 'yes' }],
  ])('refuses %s and writes nothing', (_label, patch) => {
    const before = b.snapshot();
    expect(b.callError('shop.updateSettings', patch).code).toBe('VALIDATION');
    expect(b.snapshot()).toEqual(before);
    expect(b.call('shop.info', {}).settings).toEqual({
      shopName: '',
      language: 'system',
      largeText: false,
      onboarded: false,
      ...UNSET_STATEMENT_LINES,
      messageTemplates: {},
    });
  });
});

describe('shop.startEmpty', () => {
  it('marks the shop onboarded with its name and the default catalog, no customers', () => {
    expect(b.call('shop.startEmpty', { shopName: '老王粮油', language: 'zh-CN' })).toEqual({
      shopName: '老王粮油',
      language: 'system',
      largeText: false,
      onboarded: true,
      ...UNSET_STATEMENT_LINES,
      messageTemplates: {},
    });
    expect(b.count('products')).toBe(defaultProducts.length);
    expect(b.count('customers')).toBe(0);
  });

  it('keeps an existing shop name when none is given', () => {
    b.call('shop.updateSettings', { shopName: '原名' });
    expect(b.call('shop.startEmpty', { language: 'en' }).shopName).toBe('原名');
  });

  it('refuses a language other than zh-CN or en', () => {
    expect(b.callError('shop.startEmpty', { language: 'system' }).code).toBe('VALIDATION');
    expect(b.count('products')).toBe(0);
  });
});

describe('shop.createDemo', () => {
  it('fills the book with 150 households and thousands of sales, onboarded, with a default name', () => {
    const counts = b.call('shop.createDemo', { language: 'zh-CN' });
    expect(counts.customers).toBe(DEMO_HOUSEHOLDS);
    expect(counts.customers).toBe(150);
    expect(counts.sales).toBeGreaterThan(1000);
    expect(b.count('customers')).toBe(150);
    expect(b.count('sales')).toBe(counts.sales);
    expect(b.count('customer_fts')).toBe(150);
    expect(b.count('products')).toBe(defaultProducts.length);

    const info = b.call('shop.info', {});
    expect(info.customerCount).toBe(150);
    expect(info.settings).toMatchObject({ shopName: '示范小店', onboarded: true });

    // The sales are real sales of the demo's customers, within the last year, priced by the catalog.
    const db = b.context.db;
    const range = db.prepare('SELECT min(date) AS first, max(date) AS last FROM sales').get() as { first: string; last: string };
    expect(range.first >= '2025-11-22').toBe(true);
    expect(range.last <= PINNED_TODAY).toBe(true);
    const mispriced = db
      .prepare(
        'SELECT count(*) AS n FROM sales s JOIN products p ON p.id = s.product_id WHERE s.unit_price_fen != p.price_fen OR s.amount_fen != CAST(round(s.quantity * p.price_fen) AS INTEGER)',
      )
      .get() as { n: number };
    expect(mispriced.n).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // and it is searchable and listable through the gate
    const everyone = b.call('customers.search', { query: '', limit: 500 });
    expect(everyone.items).toHaveLength(150);
    const someone = everyone.items[0]!;
    expect(b.call('customers.search', { query: someone.phone.slice(-4) }).items.map((c) => c.id)).toContain(someone.id);
    expect(b.call('sales.listForCustomer', { customerId: someone.id, limit: 1000 }).every((s) => s.customerId === someone.id)).toBe(true);
  });

  it('names the shop and the products in English when asked, or as given', () => {
    b.call('shop.createDemo', { language: 'en' });
    expect(b.call('shop.info', {}).settings.shopName).toBe('Demo Shop');
    expect(b.call('products.list', {}).map((p) => p.name)).toEqual(defaultProducts.map((p) => p.nameEn));
    const named = makeBackend();
    try {
      named.call('shop.createDemo', { shopName: '我的店', language: 'zh-CN' });
      expect(named.call('shop.info', {}).settings.shopName).toBe('我的店');
    } finally {
      named.dispose();
    }
  });

  it('is the same shop every time (seeded) for the same today', () => {
    b.call('shop.createDemo', { language: 'zh-CN' });
    const other = makeBackend();
    try {
      other.call('shop.createDemo', { language: 'zh-CN' });
      const dump = (t: TestBackend) => t.context.db.prepare('SELECT customer_id, product_id, quantity, amount_fen, paid, date FROM sales ORDER BY id').all();
      expect(dump(other)).toEqual(dump(b));
      // and so is its history of calls, and where each reminder stands this morning
      const calls = (t: TestBackend) => tableRows(t, 'contacts', 'id');
      expect(calls(other).length).toBeGreaterThan(0);
      expect(calls(other)).toEqual(calls(b));
      expect(tableRows(other, 'reminders', 'customer_id, product_id').map(({ updated_at: _, ...r }) => r)).toEqual(
        tableRows(b, 'reminders', 'customer_id, product_id').map(({ updated_at: _, ...r }) => r),
      );
      expect(other.call('customers.search', { query: '' }).items).toEqual(b.call('customers.search', { query: '' }).items);
    } finally {
      other.dispose();
    }
  });

  it('puts each demo sale on the right product even when the shop already has products of its own', () => {
    const salesByProduct = (t: TestBackend) =>
      t.context.db
        .prepare(
          'SELECT p.name, p.unit, s.quantity, s.date, s.amount_fen FROM sales s JOIN products p ON p.id = s.product_id ORDER BY s.date, s.customer_id, p.name, s.quantity',
        )
        .all();
    b.call('shop.createDemo', { language: 'zh-CN' });

    // a shop that started empty, archived the default rice and added a product of its own
    const other = makeBackend();
    try {
      other.call('shop.startEmpty', { language: 'zh-CN' });
      other.call('products.archive', { id: other.call('products.list', {})[0]!.id });
      const own = other.call('products.create', { draft: { name: '矿泉水', unit: 'bottle', priceFen: 200, dailyUse: { adult: 1, child: 1, senior: 1 } } });
      other.call('shop.createDemo', { language: 'zh-CN' });
      expect(salesByProduct(other)).toEqual(salesByProduct(b));
      expect(other.count('sales')).toBe(b.count('sales'));
      expect(other.context.db.prepare('SELECT count(*) AS n FROM sales WHERE product_id = ?').get(own.id)).toEqual({ n: 0 });
      // the default products it already had were reused, the archived one was brought back as a new active product
      expect(
        other
          .call('products.list', {})
          .map((p) => p.name)
          .sort(),
      ).toEqual([...defaultProducts.map((p) => p.name), '矿泉水'].sort());
    } finally {
      other.dispose();
    }

    // a shop with only a custom product: the demo used to fail with INTERNAL here
    const custom = makeBackend();
    try {
      custom.call('products.create', { draft: { name: '矿泉水', unit: 'bottle', priceFen: 200, dailyUse: { adult: 1, child: 1, senior: 1 } } });
      expect(custom.call('shop.createDemo', { language: 'zh-CN' }).customers).toBe(150);
      expect(salesByProduct(custom)).toEqual(salesByProduct(b));
    } finally {
      custom.dispose();
    }
  });
});

describe('shop.changes', () => {
  const version = (backend: TestBackend = b) => backend.call('shop.changes', {}).version;

  it('stays the same while the book is only read, and moves with every write', () => {
    const start = version();
    b.call('customers.search', { query: '' });
    b.call('shop.info', {});
    b.call('callList.list', {});
    expect(version()).toBe(start);

    const zhang = b.call('customers.create', { draft: draft() });
    const afterCreate = version();
    expect(afterCreate).not.toBe(start);
    b.call('customers.update', { id: zhang.id, draft: draft({ notes: '新的备注' }) });
    expect(version()).not.toBe(afterCreate);
  });

  it('moves when another connection writes the file (a job thread, another process)', () => {
    const start = version();
    const other = new Database(join(b.dataDir, DATABASE_FILE_NAME));
    try {
      other.prepare("UPDATE settings SET value = '\"隔壁改的\"' WHERE key = 'shopName'").run();
      other.prepare("INSERT INTO settings (key, value) VALUES ('internal.touched', '1')").run();
    } finally {
      other.close();
    }
    expect(version()).not.toBe(start);
  });

  it('moves with the day, and is never reused by a backend opened again on the same book', () => {
    let now = new Date('2026-11-22T10:00:00');
    const clocked = makeBackend({ dataDir: b.dataDir, now: () => now });
    try {
      const today = version(clocked);
      now = new Date('2026-11-23T10:00:00');
      expect(version(clocked)).not.toBe(today);
      expect(version(clocked)).not.toBe(version(b));
    } finally {
      clocked.close(); // the folder is b's, removed with it
    }
  });
});
