import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { APPLICATION_ID, defaultMigrationsDir, loadMigrations, migrate, schemaVersion } from '../../electron/backend/db/migrate.ts';
import { openDatabase } from '../../electron/backend/db/open.ts';
import { cycleDays, lapsesOn } from '../../shared/domain/callList.ts';
import { buildSearchKeys } from '../../shared/domain/searchKeys.ts';
import { AppError } from '../../shared/errors.ts';
import { makeBackend, makeTempDir, migrationsDirWith, type TestBackend } from './helpers.ts';
import { expectSummariesTrue } from './ownerHelpers.ts';

const LATEST = loadMigrations().length;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(prefix?: string): string {
  const dir = makeTempDir(prefix);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function backendIn(dataDir: string, migrationsDir?: string): TestBackend {
  const b = makeBackend({ dataDir, ...(migrationsDir ? { migrationsDir } : {}) });
  cleanups.push(() => b.dispose());
  return b;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file in the folder with its hash: to prove a refused file (and its folder) was left exactly as it was. */
function folderState(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, sha256(join(dir, f))]));
}

function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations from an empty file', () => {
  it('creates the latest schema and stamps the application id', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    const opened = openDatabase(file);
    try {
      expect(opened.migratedFrom).toBe(0);
      expect(opened.schemaVersion).toBe(LATEST);
      expect(opened.preMigrationCopy).toBeNull();
      expect(schemaVersion(opened.db)).toBe(LATEST);
      expect(opened.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(tableNames(opened.db)).toEqual(expect.arrayContaining(['settings', 'customers', 'customer_phones', 'customer_grams', 'products', 'sales']));
    } finally {
      opened.db.close();
    }
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('accepts an existing zero-byte file as a new book', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    writeFileSync(file, '');
    const opened = openDatabase(file);
    expect(opened.schemaVersion).toBe(LATEST);
    opened.db.close();
  });

  it('reopening an up-to-date book changes nothing and copies nothing', () => {
    const dir = tempDir();
    const first = backendIn(dir);
    const customer = first.call('customers.create', { draft: { name: '王五', adults: 1, children: 0, seniors: 0 } });
    first.close();
    const opened = openDatabase(join(dir, DATABASE_FILE_NAME));
    expect(opened.migratedFrom).toBe(LATEST);
    expect(opened.preMigrationCopy).toBeNull();
    expect(opened.db.prepare('SELECT name FROM customers WHERE id = ?').get(customer.id)).toEqual({ name: '王五' });
    opened.db.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses migration files with a gap in their numbers', () => {
    // One number skipped after the latest, whatever the latest is.
    const dir = migrationsDirWith(undefined, { [`${String(LATEST + 2).padStart(4, '0')}_gap.sql`]: 'SELECT 1;' });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
  });
});

describe('files that are not ours, or are too new, are refused and left untouched', () => {
  it('refuses a book newer than the app with DB_NEWER_THAN_APP', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    // A Huitou book written by a newer version (in rollback-journal mode, so any write would show).
    const raw = new Database(file);
    migrate(raw, loadMigrations());
    raw.prepare("INSERT INTO settings (key, value) VALUES ('shopName', '\"新店\"')").run();
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    const before = folderState(dir);

    const error = expectAppError(() => openDatabase(file), 'DB_NEWER_THAN_APP');
    expect(error.details).toEqual({ found: LATEST + 1, supported: LATEST });
    expect(folderState(dir)).toEqual(before);

    // and through the backend, as the shells open it
    expectAppError(() => makeBackend({ dataDir: dir }), 'DB_NEWER_THAN_APP');
    expect(folderState(dir)).toEqual(before);
  });

  it("refuses another app's SQLite file with DB_FOREIGN", () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    const raw = new Database(file);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (9.5);');
    expect(raw.pragma('application_id', { simple: true })).toBe(0);
    raw.close();
    const before = folderState(dir);

    expectAppError(() => openDatabase(file), 'DB_FOREIGN');
    expect(folderState(dir)).toEqual(before);
    expectAppError(() => makeBackend({ dataDir: dir }), 'DB_FOREIGN');
    expect(folderState(dir)).toEqual(before);

    const check = new Database(file, { readonly: true });
    expect(tableNames(check)).toEqual(['invoices']);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('refuses a SQLite file stamped with another application id, even with our user_version', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    const raw = new Database(file);
    raw.pragma('application_id = 1234');
    raw.pragma('user_version = 1');
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = folderState(dir);
    expectAppError(() => openDatabase(file), 'DB_FOREIGN');
    expect(folderState(dir)).toEqual(before);
  });

  it('refuses a file that is not SQLite at all (random bytes) and leaves it as it was', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    // deterministic "random" bytes, longer than a page
    const bytes = Buffer.alloc(8192);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = x >> 16;
    }
    writeFileSync(file, bytes);
    const before = folderState(dir);
    expectAppError(() => openDatabase(file), 'DB_FOREIGN');
    expect(folderState(dir)).toEqual(before);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a text file too', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    writeFileSync(file, 'name,phone\n张三,13812345678\n'.repeat(100));
    const before = folderState(dir);
    expect(() => openDatabase(file)).toThrow();
    expect(folderState(dir)).toEqual(before);
  });
});

/**
 * Writes a little book at schema version `version` with plain SQL, the way that version's app
 * wrote it. Add an entry here with every new migration: the test below insists on one per version.
 */
const seedAtVersion: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO settings (key, value) VALUES ('shopName', ?), ('onboarded', 'true')").run(JSON.stringify('老王粮油'));
    db.prepare(
      `INSERT INTO customers (id, name, sort_key, address, area, adults, children, seniors, payday, tags, notes, created_at, updated_at)
       VALUES (1, '单田芳', 'shantianfang', '幸福小区1栋', '幸福小区', 2, 1, 1, 0, '["老顾客"]', '先打电话', ?, ?)`,
    ).run(now, now);
    db.prepare("INSERT INTO customer_phones (customer_id, position, phone) VALUES (1, 0, '13812345678')").run();
    const keys = buildSearchKeys('单田芳');
    db.prepare('INSERT INTO customer_fts (rowid, name, pinyin, initials, phones, address) VALUES (1, ?, ?, ?, ?, ?)').run(
      '单田芳',
      keys.pinyin.join(' '),
      keys.initials.join(' '),
      '13812345678',
      '幸福小区1栋',
    );
    for (const g of keys.grams)
      db.prepare('INSERT INTO customer_grams (gram, rank, sort_key, customer_id) VALUES (?, ?, ?, 1)').run(g.gram, g.rank, keys.sortKey);
    db.prepare(
      `INSERT INTO products (id, name, unit, price_fen, use_adult, use_child, use_senior, lead_days, created_at, updated_at)
       VALUES (1, '大米', 'kg', 600, 0.15, 0.1, 0.12, 3, ?, ?)`,
    ).run(now, now);
    db.prepare(
      `INSERT INTO sales (id, customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at)
       VALUES (1, 1, 1, 10, 600, 6000, 0, '2026-01-01', ?)`,
    ).run(now);
  },
  2: (db) => {
    seedAtVersion[1]!(db);
    // v2 added what was left at home; forecasts and reminders are derived, rebuilt on open.
    db.prepare('UPDATE sales SET stock_left = 1 WHERE id = 1').run();
  },
  3: (db) => {
    seedAtVersion[2]!(db);
    // v3 added payments and credit limits; balances are derived, rebuilt on open.
    db.prepare('UPDATE customers SET credit_limit_fen = 50000 WHERE id = 1').run();
    db.prepare(
      "INSERT INTO payments (customer_id, amount_fen, method, date, created_at) VALUES (1, 1000, 'cash', '2026-01-02', '2026-01-02T00:00:00.000Z')",
    ).run();
  },
  // v4 copied each household's area onto its reminders (derived) and widened an index: nothing new to seed.
  4: (db) => seedAtVersion[3]!(db),
  // v5 dropped an index of the search grams: nothing new to seed.
  5: (db) => seedAtVersion[4]!(db),
  // v6 made the FTS index contentless: its rows are written as before.
  6: (db) => seedAtVersion[5]!(db),
  // v7 dropped an index of sales and one of reminders, and narrowed another: nothing new to seed.
  7: (db) => seedAtVersion[6]!(db),
  // v8 added an index of the sales by date (the owner's view): nothing new to seed.
  8: (db) => seedAtVersion[7]!(db),
  // v9 added complaints and their steps.
  9: (db) => {
    seedAtVersion[8]!(db);
    db.prepare(
      "INSERT INTO complaints (customer_id, kind, said, date, created_at) VALUES (1, 'late', '送晚了', '2026-01-02', '2026-01-02T08:00:00.000Z')",
    ).run();
    db.prepare("INSERT INTO complaint_events (complaint_id, action, by, created_at) VALUES (1, 'handled', '老王', '2026-01-02T09:00:00.000Z')").run();
  },
  // v10 added counter slips; a sale recorded alone is no line of one: nothing new to seed.
  10: (db) => seedAtVersion[9]!(db),
  11: (db) => {
    seedAtVersion[10]!(db);
    // v11 added the season preset (and what the forecast learned, derived: relearned on open).
    db.prepare("UPDATE products SET season_preset = 'winter', learned_rate_factor = 2 WHERE id = 1").run();
  },
  // v12 added the gas cylinder register: a cylinder issued to the household, and its refused safety check.
  12: (db) => {
    seedAtVersion[11]!(db);
    const at = '2026-01-03T08:00:00.000Z';
    db.prepare(
      `INSERT INTO gas_cylinders (id, serial, size_kg, next_inspection_date, scrap_date, created_at, updated_at)
       VALUES (1, 'A-001', 15, '2027-06-01', '2030-01-01', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO gas_cylinder_events (cylinder_id, kind, customer_id, date, created_at) VALUES (1, 'issued', 1, '2026-01-03', ?)").run(at);
    db.prepare("INSERT INTO gas_checks (customer_id, date, items, result, created_at) VALUES (1, '2026-01-03', '[]', 'refused', ?)").run(at);
  },
  // v13 gave reminders their own interval (derived, filled by the migration): nothing new to seed.
  13: (db) => seedAtVersion[12]!(db),
  // v14 added membership: the owner's rules (1 point a yuan from the seeded sale's day) and a bought membership.
  14: (db) => {
    seedAtVersion[13]!(db);
    const at = '2026-01-01T08:00:00.000Z';
    db.prepare(
      `INSERT INTO member_rules (from_date, points_per_yuan, points_per_yuan_off, discount_vip, discount_key, discount_regular, discount_paid, price_fen, days, created_at)
       VALUES ('2026-01-01', 1, 100, 10, 5, 2, 8, 9900, 365, ?)`,
    ).run(at);
    db.prepare(
      "INSERT INTO memberships (customer_id, start_date, end_date, price_fen, method, created_at) VALUES (1, '2026-01-01', '2030-12-31', 9900, 'cash', ?)",
    ).run(at);
  },
  // v15 added the cash counted at the day's close.
  15: (db) => {
    seedAtVersion[14]!(db);
    db.prepare("INSERT INTO cash_counts (date, counted_fen, note, created_at) VALUES ('2026-01-03', 12300, '', '2026-01-03T20:00:00.000Z')").run();
  },
  // v16 added prepaid plans: a bundle of 10 + 1 tickets for rice bought, 3 drawn.
  16: (db) => {
    seedAtVersion[15]!(db);
    const at = '2026-01-04T08:00:00.000Z';
    db.prepare(
      `INSERT INTO prepaid_plans (id, name, product_id, units, bonus_units, price_fen, low_at, created_at, updated_at)
       VALUES (1, '米票 10+1', 1, 10, 1, 5000, 2, ?, ?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO prepaid_entries (customer_id, product_id, kind, units, bonus_units, refund_rule, low_at, plan_id, money_fen, method, date, created_at)
       VALUES (1, 1, 'bought', 11, 1, 'forfeitBonus', 2, 1, 5000, 'cash', '2026-01-04', ?), (1, 1, 'drawn', -3, 0, NULL, NULL, NULL, 0, NULL, '2026-01-05', ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO prepaid_accounts (customer_id, product_id, left, low_at, bought_date, low) VALUES (1, 1, 8, 2, '2026-01-04', 0)").run();
  },
  // v17 added containers and deposits: the rice goes out in a bucket on a deposit; a slip sent 2 out on 1 deposit.
  17: (db) => {
    seedAtVersion[16]!(db);
    const at = '2026-01-04T08:00:00.000Z';
    db.prepare("UPDATE products SET container = 'bucket', deposit_fen = 3000 WHERE id = 1").run();
    db.prepare("INSERT INTO slips (id, customer_id, date, created_at) VALUES (1, 1, '2026-01-04', ?)").run(at);
    db.prepare(
      "INSERT INTO container_moves (slip_id, customer_id, container, out_count, in_count, date, created_at) VALUES (1, 1, 'bucket', 2, 0, '2026-01-04', ?)",
    ).run(at);
    db.prepare(
      "INSERT INTO container_deposits (slip_id, customer_id, container, kind, count, unit_fen, amount_fen, date, created_at) VALUES (1, 1, 'bucket', 'paid', 1, 3000, 3000, '2026-01-04', ?)",
    ).run(at);
  },
  // v18 added the sales summaries (derived, summed from the sales by the migration): nothing new to seed.
  18: (db) => seedAtVersion[17]!(db),
  // v19 re-made Today's indexes (reminders_by_due in page order, reminders_promised): nothing new to seed.
  19: (db) => seedAtVersion[18]!(db),
};

/** What every seeded book must still show, read through the real backend at the latest version. */
function expectSeededBookReadable(b: TestBackend, version: number) {
  expect(b.call('shop.info', {})).toMatchObject({ schemaVersion: LATEST, customerCount: 1, settings: { shopName: '老王粮油', onboarded: true } });
  expect(b.call('customers.get', { id: 1 })).toMatchObject({
    name: '单田芳',
    phones: ['13812345678'],
    adults: 2,
    children: 1,
    seniors: 1,
    payday: 'end',
    tags: ['老顾客'],
    notes: '先打电话',
  });
  expect(b.call('customers.search', { query: 'dtf' }).items.map((c) => c.id)).toEqual([1]);
  expect(b.call('customers.search', { query: '单' }).items.map((c) => c.id)).toEqual([1]);
  expect(b.call('customers.search', { query: '5678' }).items.map((c) => c.id)).toEqual([1]);
  expect(b.call('sales.listForCustomer', { customerId: 1 })).toMatchObject([{ id: 1, quantity: 10, amountFen: 6000, paid: false, productName: '大米' }]);
  // balances too: the seeded credit sale of 60.00 (less a payment of 10.00 from v3 on)
  expect([6000, 5000]).toContain(b.call('credit.ledger', { customerId: 1 }).balanceFen);
  // forecasts are derived on open, for books that had none
  expect(b.call('forecasts.forCustomer', { customerId: 1 })).toMatchObject([{ productId: 1, lastPurchaseDate: '2026-01-01', lastQuantity: 10 }]);
  // and its reminder is on the call list of the household's area (a delivery round)
  expect(b.call('callList.list', { area: '幸福小区' })).toMatchObject({ lapsedTotal: 1, areas: ['幸福小区'] });
  // complaints from v9 on, with their steps
  expect(b.call('complaints.list', {}).items.map((c) => [c.said, c.status])).toEqual(version >= 9 ? [['送晚了', 'handled']] : []);
  // the cylinder the household holds and its supply hold from v10 on
  const gas = b.call('gas.forCustomer', { customerId: 1 });
  expect([gas.cylinders.map((c) => c.serial), gas.hold?.reason ?? null]).toEqual(version >= 12 ? [['A-001'], 'refused'] : [[], null]);
  // membership from v14 on: the seeded sale of 60.00 earned 60 points, the bought membership runs
  const member = b.call('membership.status', { customerId: 1 });
  expect([member.paidUntil, member.points.balance]).toEqual(version >= 14 ? ['2030-12-31', 60] : [null, 0]);
  // the day's close from v15 on: the drawer counted that evening
  expect(b.call('dayClose.get', { date: '2026-01-03' }).drawer.counts.map((c) => c.countedFen)).toEqual(version >= 15 ? [12300] : []);
  // the household's prepaid tickets from v16 on
  expect(b.call('prepaid.forCustomer', { customerId: 1 }).balances.tickets.map((t) => t.left)).toEqual(version >= 16 ? [8] : []);
  // containers and deposits from v17 on; before, products have none
  expect(b.call('products.list', {}).map((p) => [p.container, p.depositFen])).toEqual([version >= 17 ? ['bucket', 3000] : [null, 0]]);
  expect(b.call('containers.forCustomer', { customerId: 1 }).map((c) => [c.held, c.depositFen, c.owes])).toEqual(version >= 17 ? [[2, 3000, 1]] : []);
  // and the book is writable
  const sale = b.call('sales.record', { customerId: 1, productId: 1, quantity: 5, paid: true });
  expect(sale.amountFen).toBe(3000);
}

describe('every earlier schema version opens in this app, with its data', () => {
  it('has a seed for every migration version', () => {
    expect(
      Object.keys(seedAtVersion)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
  });

  for (let version = 1; version <= LATEST; version++) {
    it(`v${version} -> v${LATEST}`, () => {
      const dir = tempDir();
      const oldMigrations = migrationsDirWith(version);
      cleanups.push(() => rmSync(oldMigrations, { recursive: true, force: true }));
      const atVersion = openDatabase(join(dir, DATABASE_FILE_NAME), { migrationsDir: oldMigrations });
      expect(atVersion.schemaVersion).toBe(version);
      seedAtVersion[version]!(atVersion.db);
      atVersion.db.close();

      const b = backendIn(dir);
      expectSeededBookReadable(b, version);
      // the same indexes as a book made by this app, whatever shape the earlier migrations gave them
      const indexes = (db: Database.Database) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
      const fresh = openDatabase(join(tempDir(), DATABASE_FILE_NAME));
      expect(indexes(b.context.db)).toEqual(indexes(fresh.db));
      fresh.db.close();
      const backups = existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : [];
      if (version < LATEST) expect(backups).toEqual([expect.stringMatching(new RegExp(`^before-migration-v${version}-.*\\.sqlite$`))]);
      else expect(backups).toEqual([]);
    });
  }
});

describe('copy-aside before migrating, and a failed step', () => {
  const migration2 = `
    CREATE TABLE payments (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), amount_fen INTEGER NOT NULL);
    ALTER TABLE customers ADD COLUMN nickname TEXT NOT NULL DEFAULT '';
  `;

  /** A book as the v1 app wrote it (plain SQL: today's services write today's schema). */
  function bookAtV1(): { dir: string; customerId: number } {
    const dir = tempDir();
    const v1 = migrationsDirWith(1);
    cleanups.push(() => rmSync(v1, { recursive: true, force: true }));
    const atV1 = openDatabase(join(dir, DATABASE_FILE_NAME), { migrationsDir: v1 });
    seedAtVersion[1]!(atV1.db);
    expect(atV1.schemaVersion).toBe(1);
    atV1.db.close();
    return { dir, customerId: 1 };
  }

  it('copies the v1 book into backups/ before applying v2', () => {
    const { dir, customerId } = bookAtV1();
    const v2 = migrationsDirWith(1, { '0002_payments.sql': migration2 });
    cleanups.push(() => rmSync(v2, { recursive: true, force: true }));

    const opened = openDatabase(join(dir, DATABASE_FILE_NAME), { migrationsDir: v2, now: () => new Date('2026-11-22T02:03:04Z') });
    try {
      expect(opened.migratedFrom).toBe(1);
      expect(opened.schemaVersion).toBe(2);
      expect(opened.preMigrationCopy).toBe(join(dir, 'backups', 'before-migration-v1-20261122-020304.sqlite'));
      expect(tableNames(opened.db)).toContain('payments');
      expect(opened.db.prepare('SELECT name, nickname FROM customers WHERE id = ?').get(customerId)).toEqual({ name: '单田芳', nickname: '' });
    } finally {
      opened.db.close();
    }

    const copy = new Database(opened.preMigrationCopy!, { readonly: true });
    try {
      expect(schemaVersion(copy)).toBe(1);
      expect(copy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(tableNames(copy)).not.toContain('payments');
      expect(copy.prepare('SELECT name FROM customers').all()).toEqual([{ name: '单田芳' }]);
      expect(copy.prepare('SELECT quantity, amount_fen FROM sales').all()).toEqual([{ quantity: 10, amount_fen: 6000 }]);
      expect(copy.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 1 });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  it('a failing step rolls back, leaving the v1 book intact (and the copy made); a retry then succeeds', () => {
    const { dir, customerId } = bookAtV1();
    const file = join(dir, DATABASE_FILE_NAME);
    const broken = migrationsDirWith(1, {
      '0002_payments.sql': `${migration2}\nINSERT INTO no_such_table VALUES (1);`,
    });
    cleanups.push(() => rmSync(broken, { recursive: true, force: true }));
    const now = () => new Date('2026-11-22T02:03:04Z');

    expect(() => openDatabase(file, { migrationsDir: broken, now })).toThrow(/no_such_table/);

    const check = new Database(file, { readonly: true });
    try {
      expect(schemaVersion(check)).toBe(1);
      expect(tableNames(check)).not.toContain('payments');
      const columns = (check.prepare('PRAGMA table_info(customers)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('nickname');
      expect(check.prepare('SELECT name FROM customers WHERE id = ?').get(customerId)).toEqual({ name: '单田芳' });
      expect(check.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 1 });
    } finally {
      check.close();
    }
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);

    // (What the v1 app would read is checked above with plain SQL: today's services need today's schema.)

    // A fixed app retries in the same second: it gets its own copy and migrates.
    const fixed = migrationsDirWith(1, { '0002_payments.sql': migration2 });
    cleanups.push(() => rmSync(fixed, { recursive: true, force: true }));
    const opened = openDatabase(file, { migrationsDir: fixed, now });
    expect(opened.schemaVersion).toBe(2);
    opened.db.close();
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['before-migration-v1-20261122-020304-2.sqlite', 'before-migration-v1-20261122-020304.sqlite']);
  });
});

/** A demo book made by the app at an earlier schema version (its backend still open), in a temp folder. */
function demoBookAt(version: number): { dir: string; old: TestBackend } {
  const dir = tempDir();
  // Today's app reads columns later migrations add: lent to the old book (in its last migration) while it
  // makes the demo, and taken back when it closes, so the file is the old version's shape again.
  const last = readdirSync(defaultMigrationsDir).sort()[version - 1]!;
  const lent = LATER_COLUMNS.filter((c) => c.version > version);
  const lend = lent.map((c) => `ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${c.type};`).join('\n');
  const migrations = migrationsDirWith(version, { [last]: `${readFileSync(join(defaultMigrationsDir, last), 'utf8')}\n${lend}` });
  cleanups.push(() => rmSync(migrations, { recursive: true, force: true }));
  // Today's services write the reminder's interval (v13): lent to an older book for the demo, then taken back.
  if (version < 13) {
    const atVersion = openDatabase(join(dir, DATABASE_FILE_NAME), { migrationsDir: migrations });
    atVersion.db.exec(readFileSync(join(defaultMigrationsDir, '0013_call_list_own_interval.sql'), 'utf8'));
    atVersion.db.close();
  }
  const old = makeBackend({ dataDir: dir, migrationsDir: migrations });
  old.call('shop.createDemo', { language: 'zh-CN' });
  if (lent.length > 0) {
    // Books before v11 had no presets: their forecasts as today's method makes them without one.
    old.context.db.prepare("UPDATE products SET season_preset = 'none'").run();
    old.services.forecasts.learnAll();
    old.services.forecasts.recomputeAll();
  }
  const close = old.close.bind(old);
  old.close = () => {
    for (const c of lent) old.context.db.exec(`ALTER TABLE ${c.table} DROP COLUMN ${c.column}`);
    if (version < 13) {
      old.context.db.exec(`DROP TRIGGER reminders_lapse_on_insert; DROP TRIGGER reminders_lapse_on_update;
        DROP INDEX reminders_by_lapse; DROP INDEX contacts_by_time;
        ALTER TABLE reminders DROP COLUMN lapses_on; ALTER TABLE reminders DROP COLUMN cycle_days;`);
    }
    close();
  };
  return { dir, old };
}

/** Columns added by migrations that today's services read (demoBookAt lends them to older books). */
const LATER_COLUMNS = [
  { version: 10, table: 'sales', column: 'slip_id', type: 'INTEGER' },
  { version: 11, table: 'products', column: 'season_preset', type: "TEXT NOT NULL DEFAULT 'none'" },
  { version: 11, table: 'products', column: 'learned_season', type: 'TEXT' },
  { version: 11, table: 'products', column: 'learned_rate_factor', type: 'REAL NOT NULL DEFAULT 1' },
  { version: 11, table: 'products', column: 'learned_households', type: 'INTEGER NOT NULL DEFAULT 0' },
  { version: 11, table: 'products', column: 'learned_own_factor', type: 'REAL NOT NULL DEFAULT 1' },
  { version: 11, table: 'products', column: 'learned_on', type: 'TEXT' },
  { version: 17, table: 'products', column: 'container', type: 'TEXT' },
  { version: 17, table: 'products', column: 'deposit_fen', type: 'INTEGER NOT NULL DEFAULT 0' },
];

describe("v13: each reminder lapses after the household's own interval", () => {
  it('a v7 demo book gets every reminder its interval from its forecast, and the day it leaves Today', () => {
    const { dir, old } = demoBookAt(7);
    old.close();
    const b = backendIn(dir);
    expect(b.call('shop.info', {}).schemaVersion).toBe(LATEST);
    const rows = b.context.db
      .prepare<[], { cycle_days: number; lapses_on: string; last_quantity: number; daily_use: number; run_out_date: string; due: string }>(
        `SELECT r.cycle_days, r.lapses_on, f.last_quantity, f.daily_use, r.run_out_date, coalesce(r.snoozed_until, r.due_date) AS due
         FROM reminders r JOIN forecasts f USING (customer_id, product_id)`,
      )
      .all();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const days = cycleDays(r.last_quantity, r.daily_use);
      expect(r.cycle_days).toBe(days);
      expect(r.lapses_on).toBe(lapsesOn({ runOutDate: r.run_out_date, dueDate: r.due, cycleDays: days }));
    }
    // more than one interval: the rule is the household's own, not one number for all
    expect(new Set(rows.map((r) => r.cycle_days)).size).toBeGreaterThan(3);
  });
});

describe('v6: the search index without a copy of its text', () => {
  it('a v5 demo book finds exactly what it found before, from the rows the migration carried over', () => {
    const { dir, old } = demoBookAt(5);
    // Queries of every kind, from the book's own names, phones and addresses.
    const sample = old.call('customers.search', { query: '', limit: 200 }).items.filter((_, i) => i % 15 === 0);
    const queries = sample.flatMap((c) => {
      const keys = buildSearchKeys(c.name);
      return [
        [...c.name][0]!,
        [...c.name].slice(0, 2).join(''),
        c.name,
        keys.initials[0]!,
        keys.pinyin[0]!.slice(0, 4),
        c.phone.slice(-4),
        [...c.address].slice(0, 4).join(''),
      ];
    });
    const found = (b: TestBackend) => queries.map((query) => [query, ...b.call('customers.search', { query, limit: 50 }).items.map((c) => c.id)]);
    const before = found(old);
    expect(queries.length).toBeGreaterThan(50);
    expect(before.filter((q) => q.length === 1)).toEqual([]); // every query finds someone: the comparison means something
    const ftsRows = old.count('customer_fts');
    old.close();

    const b = backendIn(dir);
    expect(b.call('shop.info', {}).schemaVersion).toBe(LATEST);
    expect(b.count('customer_fts')).toBe(ftsRows);
    expect(found(b)).toEqual(before);
    // No copy of the text: the columns read as NULL; the index still knows each column (column filters).
    expect(b.context.db.prepare('SELECT name, phones FROM customer_fts LIMIT 1').get()).toEqual({ name: null, phones: null });
    expect(b.context.db.prepare("SELECT v FROM customer_fts_config WHERE k = 'hashsize'").pluck().get()).toBe(16777216);
    expect(b.context.db.prepare("INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check')").run().changes).toBeGreaterThanOrEqual(0);
    // An edit deletes the customer's row by its rowid: found by the new name only.
    const id = sample[0]!.id;
    const { id: _id, archivedAt: _a, createdAt: _c, updatedAt: _u, ...customer } = b.call('customers.get', { id });
    b.call('customers.update', { id, draft: { ...customer, name: '欧阳修' }, allowDuplicatePhone: true });
    expect(b.call('customers.search', { query: '欧阳修' }).items.map((c) => c.id)).toEqual([id]);
    expect(b.call('customers.search', { query: customer.name }).items.map((c) => c.id)).not.toContain(id);
  });
});

describe('v7: fewer indexes written per sale', () => {
  it('a v6 book loses the forecasts and reminders of its archived products, and keeps every other', () => {
    const { dir, old } = demoBookAt(6);
    const db = old.context.db;
    const oil = old.call('products.list', {}).find((p) => p.name === '食用油')!;
    // As v6 left an archived product: archived, its pairs still there.
    db.prepare('UPDATE products SET archived_at = updated_at WHERE id = ?').run(oil.id);
    const ofOil = (d: Database.Database, table: string) => d.prepare(`SELECT count(*) FROM ${table} WHERE product_id = ?`).pluck().get(oil.id);
    const others = (d: Database.Database) =>
      d.prepare('SELECT customer_id, product_id, due_date FROM reminders WHERE product_id <> ? ORDER BY 1, 2').all(oil.id);
    expect(ofOil(db, 'reminders')).toBeGreaterThan(0);
    const kept = others(db);
    old.close();

    const b = backendIn(dir);
    expect(b.call('shop.info', {}).schemaVersion).toBe(LATEST);
    expect(ofOil(b.context.db, 'reminders')).toBe(0);
    expect(ofOil(b.context.db, 'forecasts')).toBe(0);
    expect(others(b.context.db)).toEqual(kept);
    expect(b.call('forecasts.recomputeAll', {}).written).toBe(0);
  });
});

describe('v10: counter slips, and sales without a household', () => {
  it('a v7 demo book keeps every sale, forecast, reminder and balance, and takes slips and walk-in lines', () => {
    const { dir, old } = demoBookAt(7);
    const read = (d: Database.Database) => ({
      sales: d.prepare('SELECT * FROM sales ORDER BY id').all(),
      forecasts: d.prepare('SELECT customer_id, product_id, last_sale_id, run_out_date FROM forecasts ORDER BY 1, 2').all(),
      reminders: d.prepare('SELECT customer_id, product_id, cycle_sale_id, due_date FROM reminders ORDER BY 1, 2').all(),
      balances: d.prepare('SELECT customer_id, balance_fen FROM balances ORDER BY 1').all(),
    });
    const before = read(old.context.db);
    expect(before.sales.length).toBeGreaterThan(100);
    old.close();

    const b = backendIn(dir);
    expect(b.call('shop.info', {}).schemaVersion).toBe(LATEST);
    const after = read(b.context.db);
    expect(after.sales).toEqual(before.sales.map((s) => ({ ...(s as object), slip_id: null })));
    expect({ ...after, sales: null }).toEqual({ ...before, sales: null });
    expect(b.context.db.pragma('foreign_key_check')).toEqual([]);
    expect(b.call('forecasts.recomputeAll', {}).written).toBe(0);
    const water = b.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    const slip = b.call('slips.create', { lines: [{ productId: water.id, quantity: 1 }], payments: [{ method: 'cash', amountFen: water.priceFen }] });
    expect(slip.customerId).toBeNull();
    // a line without a household cannot be on credit, by the table's own check
    expect(() => b.context.db.prepare('UPDATE sales SET paid = 0 WHERE id = ?').run(slip.lines[0]!.saleId)).toThrow(/CHECK/);
  });
});

describe('v11: season presets and what the forecast learns of each product', () => {
  it('a v7 book keeps its products without a preset, learns them from its sales on open, and forecasts with it', () => {
    const { dir, old } = demoBookAt(7);
    const water = old.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    old.close();

    const b = backendIn(dir);
    const after = b.call('products.list', {}).find((p) => p.id === water.id)!;
    // No preset for a product the owner already had: the owner switches it on.
    expect(after.seasonPreset).toBe('none');
    // Learned from the demo's sales on open: a rate from its households and twelve months.
    expect(after.learned.households).toBeGreaterThan(10);
    expect(after.learned.season).toHaveLength(12);
    expect(after.learned.on).toBe(b.context.today());
    // The forecasts are those of the learned products: a full recompute changes nothing.
    expect(b.call('forecasts.recomputeAll', {}).written).toBe(0);
  });
});

describe('v18: the sales summaries the owner reads', () => {
  it('a v17 demo book with a void and a walk-in slip: summed from its live sales, the owner sees the same takings', () => {
    const { dir, old } = demoBookAt(17);
    const [first] = old.call('sales.listForCustomer', { customerId: 1 });
    old.call('sales.void', { id: first!.id, reason: '' });
    old.call('slips.create', { lines: [{ productId: 1, quantity: 2, unitPriceFen: 500 }], payments: [{ method: 'cash', amountFen: 1000 }] });
    const monthFen = (db: Database.Database) =>
      db.prepare("SELECT sum(amount_fen) AS fen FROM sales WHERE voided_at IS NULL AND date >= '2026-11-01' AND date <= '2026-11-22'").pluck().get();
    const expected = monthFen(old.context.db);
    old.close();
    const b = backendIn(dir);
    expect(b.call('shop.info', {}).schemaVersion).toBe(LATEST);
    expect(expectSummariesTrue(b).spans.length).toBeGreaterThan(100);
    expect(b.call('owner.home', {}).takings.thisMonthFen).toBe(expected);
    // and the triggers keep them from here on
    b.call('sales.void', { id: b.call('sales.listForCustomer', { customerId: 2 })[0]!.id, reason: '' });
    expectSummariesTrue(b);
  });
});
