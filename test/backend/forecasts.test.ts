/**
 * Forecasts and reminders through the real backend on a real SQLite file: every change that moves a
 * forecast (sale, correction, void, household edit, product edit, stock report) rewrites the stored
 * forecast and reminder in the same transaction. Expected dates come from the domain's own functions
 * (shared/domain/forecast.ts), never from hard-coded constants: the method is tuned elsewhere.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { shopContextOfProduct, type ProductLearned } from '../../electron/backend/services/forecasts/forecastLearning.ts';
import { openDatabase } from '../../electron/backend/db/open.ts';
import type { Product } from '../../shared/contract.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { forecast, priorDailyUse, type Purchase, type StockReport } from '../../shared/domain/forecast.ts';
import type { HouseholdPeople } from '../../shared/domain/household.ts';
import { generateDemoShop } from '../../shared/domain/demoShop.ts';
import { draft, draftOf, makeBackend, migrationsDirWith, PINNED_TODAY, startedShop, tableRows, type TestBackend } from './helpers.ts';

let b: TestBackend;
let rice: Product;
let water: Product;
let customerId: number;
const family: HouseholdPeople = { adults: 2, children: 1, seniors: 0 };

beforeEach(() => {
  ({ b, rice, water } = startedShop());
  customerId = b.call('customers.create', { draft: draft(family) }).id;
});
afterEach(() => b.dispose());

/** What the domain says for these purchases of this product by this household. */
function expected(people: HouseholdPeople, product: Product, purchases: Purchase[], report?: StockReport | null) {
  // With what the book learned of the product (its preset until there are sales to learn from).
  const learned = b.context.db
    .prepare<[number], ProductLearned>('SELECT season_preset, learned_season, learned_rate_factor FROM products WHERE id = ?')
    .get(product.id)!;
  const result = forecast(priorDailyUse(people, product.dailyUse), purchases, product.leadDays, report, shopContextOfProduct(learned));
  if (!result) throw new Error('the domain forecasts nothing for these purchases');
  return result;
}

function reminderRow(c: number, p: number) {
  return b.context.db.prepare('SELECT * FROM reminders WHERE customer_id = ? AND product_id = ?').get(c, p) as
    { status: string; due_date: string; run_out_date: string; snoozed_until: string | null; cycle_sale_id: number; stock_report: number | null } | undefined;
}

function forecastOf(c: number, p: number) {
  return b.call('forecasts.forCustomer', { customerId: c }).find((f) => f.productId === p);
}

function sell(quantity: number, date: string, extra: Record<string, unknown> = {}, product = rice, customer = customerId) {
  return b.call('sales.record', { customerId: customer, productId: product.id, quantity, paid: true, date, ...extra });
}

describe('a sale writes its forecast and reminder in the same transaction', () => {
  it('the first sale: run-out = date + quantity / prior daily use, reminder lead days before it', () => {
    const sale = sell(10, PINNED_TODAY);
    const want = expected(family, rice, [{ date: PINNED_TODAY, quantity: 10 }]);
    // the documented formula, spelled out against the domain's own estimate
    expect(want.dailyUse).toBeCloseTo(priorDailyUse(family, rice.dailyUse));
    expect(want.runOutDate).toBe(addDays(PINNED_TODAY, Math.round(10 / want.dailyUse)));
    // the reminder comes before the run-out by at least the product's lead days (the method may add
    // more for an erratic household, so it is taken from the domain rather than recomputed here)
    expect(want.reminderDate <= addDays(want.runOutDate, -rice.leadDays)).toBe(true);

    expect(b.call('forecasts.forCustomer', { customerId })).toEqual([
      {
        customerId,
        productId: rice.id,
        productName: '大米',
        unit: 'kg',
        priorDailyUse: want.priorDailyUse,
        dailyUse: want.dailyUse,
        observations: 0,
        confidence: 'prior',
        lastPurchaseDate: PINNED_TODAY,
        lastQuantity: 10,
        runOutDate: want.runOutDate,
        reminderDate: want.reminderDate,
      },
    ]);
    expect(reminderRow(customerId, rice.id)).toMatchObject({
      status: 'open',
      due_date: want.reminderDate,
      run_out_date: want.runOutDate,
      snoozed_until: null,
      cycle_sale_id: sale.id,
    });
  });

  it('later sales learn from the intervals; each product of a customer has its own forecast', () => {
    const purchases: Purchase[] = [
      { date: '2026-09-01', quantity: 10 },
      { date: '2026-09-20', quantity: 10 },
      { date: '2026-10-12', quantity: 10, stockLeft: 1 },
      { date: '2026-11-02', quantity: 15 },
    ];
    for (const p of purchases) sell(p.quantity, p.date, p.stockLeft !== undefined ? { stockLeft: p.stockLeft } : {});
    sell(2, '2026-11-15', {}, water);
    const wantRice = expected(family, rice, purchases);
    const wantWater = expected(family, water, [{ date: '2026-11-15', quantity: 2 }]);
    expect(wantRice.observations).toBe(3);
    expect(forecastOf(customerId, rice.id)).toMatchObject({
      dailyUse: wantRice.dailyUse,
      observations: 3,
      confidence: wantRice.confidence,
      lastPurchaseDate: '2026-11-02',
      lastQuantity: 15,
      runOutDate: wantRice.runOutDate,
      reminderDate: wantRice.reminderDate,
    });
    expect(wantRice.runOutDate).toBe(addDays('2026-11-02', Math.round(15 / wantRice.dailyUse)));
    expect(forecastOf(customerId, water.id)).toMatchObject({ runOutDate: wantWater.runOutDate, reminderDate: wantWater.reminderDate });
    expect(reminderRow(customerId, water.id)).toMatchObject({ due_date: wantWater.reminderDate });
    expect(b.count('forecasts')).toBe(2);
    expect(b.count('reminders')).toBe(2);
  });

  it('a back-dated sale does not start a new cycle nor become the last purchase', () => {
    const last = sell(10, '2026-11-10');
    sell(5, '2026-10-01');
    const want = expected(family, rice, [
      { date: '2026-10-01', quantity: 5 },
      { date: '2026-11-10', quantity: 10 },
    ]);
    expect(forecastOf(customerId, rice.id)).toMatchObject({ lastPurchaseDate: '2026-11-10', lastQuantity: 10, runOutDate: want.runOutDate });
    expect(reminderRow(customerId, rice.id)).toMatchObject({ cycle_sale_id: last.id, due_date: want.reminderDate });
  });

  it('when the reminder cannot be written, the sale is rolled back too (an error envelope, nothing written)', () => {
    sell(10, '2026-11-01');
    const db = b.context.db;
    db.exec(`CREATE TRIGGER reminders_refuse_insert BEFORE INSERT ON reminders BEGIN SELECT RAISE(ABORT, 'reminders broken'); END;
             CREATE TRIGGER reminders_refuse_update BEFORE UPDATE ON reminders BEGIN SELECT RAISE(ABORT, 'reminders broken'); END;`);
    const before = b.snapshot();
    const forecastsBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    const remindersBefore = tableRows(b, 'reminders', 'customer_id, product_id');

    const first = b.callError('sales.record', { customerId, productId: water.id, quantity: 1, paid: true });
    expect(first.code).toBe('INTERNAL');
    expect(first.message).toContain('reminders broken');
    const again = b.callError('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true });
    expect(again.code).toBe('INTERNAL');
    expect(b.snapshot()).toEqual(before);
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastsBefore);
    expect(tableRows(b, 'reminders', 'customer_id, product_id')).toEqual(remindersBefore);

    db.exec('DROP TRIGGER reminders_refuse_insert; DROP TRIGGER reminders_refuse_update;');
    sell(1, PINNED_TODAY, {}, water);
    expect(b.count('sales')).toBe(2);
    expect(b.count('reminders')).toBe(2);
  });

  it('when the forecasts table is gone, the sale is rolled back too', () => {
    sell(10, '2026-11-01');
    b.context.db.exec('ALTER TABLE forecasts RENAME TO forecasts_away');
    const salesBefore = b.count('sales');
    const remindersBefore = tableRows(b, 'reminders', 'customer_id, product_id');
    expect(b.callError('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true }).code).toBe('INTERNAL');
    expect(b.count('sales')).toBe(salesBefore);
    expect(tableRows(b, 'reminders', 'customer_id, product_id')).toEqual(remindersBefore);
    b.context.db.exec('ALTER TABLE forecasts_away RENAME TO forecasts');
    sell(10, PINNED_TODAY);
    expect(b.count('sales')).toBe(salesBefore + 1);
  });

  it('a correction whose forecast fails leaves the original sale and its forecast untouched', () => {
    const original = sell(10, '2026-11-01');
    const forecastsBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    b.context.db.exec(`CREATE TRIGGER forecasts_refuse_insert BEFORE INSERT ON forecasts BEGIN SELECT RAISE(ABORT, 'no'); END;
                       CREATE TRIGGER forecasts_refuse_update BEFORE UPDATE ON forecasts BEGIN SELECT RAISE(ABORT, 'no'); END;
                       CREATE TRIGGER forecasts_refuse_delete BEFORE DELETE ON forecasts BEGIN SELECT RAISE(ABORT, 'no'); END;`);
    const before = b.snapshot();
    expect(b.callError('sales.correct', { id: original.id, draft: { productId: rice.id, quantity: 5, paid: true, date: '2026-11-01' } }).code).toBe('INTERNAL');
    expect(b.callError('sales.void', { id: original.id }).code).toBe('INTERNAL');
    expect(b.snapshot()).toEqual(before);
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastsBefore);
    expect(b.call('sales.listForCustomer', { customerId })).toEqual([original]);
  });
});

describe('stock left at home, said at the counter', () => {
  it('extends the run-out by what is left, and 0 left is the same as not asked', () => {
    sell(10, PINNED_TODAY);
    const plain = forecastOf(customerId, rice.id)!;
    const other = b.call('customers.create', { draft: draft({ ...family, name: '李四', phones: [] }) }).id;
    sell(10, PINNED_TODAY, { stockLeft: 3 }, rice, other);
    const withStock = expected(family, rice, [{ date: PINNED_TODAY, quantity: 10, stockLeft: 3 }]);
    expect(withStock.runOutDate).toBe(addDays(PINNED_TODAY, Math.round(13 / withStock.dailyUse)));
    expect(withStock.runOutDate > plain.runOutDate).toBe(true);
    expect(forecastOf(other, rice.id)).toMatchObject({ runOutDate: withStock.runOutDate, reminderDate: withStock.reminderDate });
    expect(b.call('sales.listForCustomer', { customerId: other })[0]!.stockLeft).toBe(3);

    const third = b.call('customers.create', { draft: draft({ ...family, name: '王五', phones: [] }) }).id;
    sell(10, PINNED_TODAY, { stockLeft: 0 }, rice, third);
    expect(forecastOf(third, rice.id)!.runOutDate).toBe(plain.runOutDate);
  });

  it('stock left at the next purchase shortens the observed use (the household bought elsewhere or used less)', () => {
    sell(10, '2026-10-01');
    sell(10, '2026-10-21', { stockLeft: 6 });
    const want = expected(family, rice, [
      { date: '2026-10-01', quantity: 10 },
      { date: '2026-10-21', quantity: 10, stockLeft: 6 },
    ]);
    const wantNotAsked = expected(family, rice, [
      { date: '2026-10-01', quantity: 10 },
      { date: '2026-10-21', quantity: 10 },
    ]);
    expect(want.dailyUse).toBeLessThan(wantNotAsked.dailyUse);
    expect(forecastOf(customerId, rice.id)).toMatchObject({ dailyUse: want.dailyUse, runOutDate: want.runOutDate, reminderDate: want.reminderDate });
  });

  it('a negative or non-number stock left is VALIDATION and nothing is written', () => {
    const before = b.snapshot();
    for (const stockLeft of [-1, '3', Number.NaN, 100_001]) {
      const error = b.callError('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true, stockLeft });
      expect(error.code).toBe('VALIDATION');
      expect(error.issues!.map((i) => i.path.join('.'))).toContain('stockLeft');
    }
    expect(b.snapshot()).toEqual(before);
  });
});

describe('void and correct', () => {
  it('voiding the last sale moves the forecast back to the previous purchase; voiding the only one deletes it', () => {
    const first = sell(10, '2026-10-15');
    const second = sell(8, '2026-11-10');
    b.call('sales.void', { id: second.id, reason: '退货' });
    const want = expected(family, rice, [{ date: '2026-10-15', quantity: 10 }]);
    expect(forecastOf(customerId, rice.id)).toMatchObject({ lastPurchaseDate: '2026-10-15', lastQuantity: 10, observations: 0, runOutDate: want.runOutDate });
    expect(reminderRow(customerId, rice.id)).toMatchObject({ cycle_sale_id: first.id, due_date: want.reminderDate, status: 'open' });

    b.call('sales.void', { id: first.id });
    expect(b.call('forecasts.forCustomer', { customerId })).toEqual([]);
    expect(b.count('forecasts')).toBe(0);
    expect(b.count('reminders')).toBe(0);
    expect(b.call('callList.list', { days: 60 })).toMatchObject({ dueTotal: 0, upcomingTotal: 0, lapsedTotal: 0 });
  });

  it('voiding an earlier sale re-learns the daily use but keeps the cycle', () => {
    const a = sell(10, '2026-09-01');
    sell(10, '2026-09-25');
    const last = sell(10, '2026-10-20');
    b.call('sales.void', { id: a.id });
    const want = expected(family, rice, [
      { date: '2026-09-25', quantity: 10 },
      { date: '2026-10-20', quantity: 10 },
    ]);
    expect(forecastOf(customerId, rice.id)).toMatchObject({ observations: 1, dailyUse: want.dailyUse, runOutDate: want.runOutDate });
    expect(reminderRow(customerId, rice.id)).toMatchObject({ cycle_sale_id: last.id });
  });

  it('correcting the quantity recomputes; correcting to another product moves the forecast there', () => {
    sell(10, '2026-10-01');
    const last = sell(10, '2026-10-25');
    const corrected = b.call('sales.correct', { id: last.id, draft: { productId: rice.id, quantity: 20, paid: true, date: '2026-10-25' }, reason: '称错了' });
    const want = expected(family, rice, [
      { date: '2026-10-01', quantity: 10 },
      { date: '2026-10-25', quantity: 20 },
    ]);
    expect(forecastOf(customerId, rice.id)).toMatchObject({ lastQuantity: 20, runOutDate: want.runOutDate, reminderDate: want.reminderDate });
    expect(reminderRow(customerId, rice.id)).toMatchObject({ cycle_sale_id: corrected.id, due_date: want.reminderDate });

    // the rice was really water: rice falls back to the first purchase, water gets its own forecast
    b.call('sales.correct', { id: corrected.id, draft: { productId: water.id, quantity: 2, paid: true, date: '2026-10-25' } });
    expect(forecastOf(customerId, rice.id)).toMatchObject({
      lastPurchaseDate: '2026-10-01',
      runOutDate: expected(family, rice, [{ date: '2026-10-01', quantity: 10 }]).runOutDate,
    });
    expect(forecastOf(customerId, water.id)).toMatchObject({
      lastQuantity: 2,
      runOutDate: expected(family, water, [{ date: '2026-10-25', quantity: 2 }]).runOutDate,
    });
  });
});

describe('household and product edits re-forecast at once', () => {
  it('a child added to the household raises the daily use and brings the run-out closer', () => {
    sell(10, '2026-11-20');
    sell(2, '2026-11-20', {}, water);
    const before = forecastOf(customerId, rice.id)!;
    const bigger = { adults: 2, children: 2, seniors: 0 };
    b.call('customers.update', { id: customerId, draft: draft(bigger) });
    const want = expected(bigger, rice, [{ date: '2026-11-20', quantity: 10 }]);
    const after = forecastOf(customerId, rice.id)!;
    expect(after.priorDailyUse).toBeCloseTo(priorDailyUse(bigger, rice.dailyUse));
    expect(after.dailyUse).toBeGreaterThan(before.dailyUse);
    expect(after).toMatchObject({ dailyUse: want.dailyUse, runOutDate: want.runOutDate, reminderDate: want.reminderDate });
    expect(after.runOutDate < before.runOutDate).toBe(true);
    expect(reminderRow(customerId, rice.id)).toMatchObject({ due_date: want.reminderDate, run_out_date: want.runOutDate });
    expect(forecastOf(customerId, water.id)!.runOutDate).toBe(expected(bigger, water, [{ date: '2026-11-20', quantity: 2 }]).runOutDate);
  });

  it('an edit that fails (duplicate phone) leaves the forecasts as they were', () => {
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'] }) }).id;
    sell(10, '2026-11-20', {}, rice, other);
    const forecastsBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    const error = b.callError('customers.update', { id: other, draft: draft({ name: '李四', phones: ['13812345678'], children: 3 }) });
    expect(error.code).toBe('DUPLICATE_PHONE');
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastsBefore);
  });

  it("a product's rates and lead days re-forecast that product's households only", () => {
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: [], adults: 1, children: 0, seniors: 1 }) }).id;
    sell(10, '2026-11-20');
    sell(10, '2026-11-18', {}, rice, other);
    sell(2, '2026-11-20', {}, water);
    const waterBefore = tableRows(b, 'forecasts', 'customer_id, product_id').filter((r) => r['product_id'] === water.id);
    const newRice = { name: '大米', unit: 'kg' as const, priceFen: 600, dailyUse: { adult: 0.2, child: 0.15, senior: 0.1 }, leadDays: 5 };
    const updated = b.call('products.update', { id: rice.id, draft: newRice });
    expect(updated.leadDays).toBe(5);
    for (const [c, people, date] of [
      [customerId, family, '2026-11-20'],
      [other, { adults: 1, children: 0, seniors: 1 }, '2026-11-18'],
    ] as const) {
      const want = expected(people, updated, [{ date, quantity: 10 }]);
      expect(forecastOf(c, rice.id)).toMatchObject({ dailyUse: want.dailyUse, runOutDate: want.runOutDate, reminderDate: want.reminderDate });
      expect(want.reminderDate <= addDays(want.runOutDate, -5)).toBe(true);
      expect(reminderRow(c, rice.id)).toMatchObject({ due_date: want.reminderDate });
    }
    expect(tableRows(b, 'forecasts', 'customer_id, product_id').filter((r) => r['product_id'] === water.id)).toEqual(waterBefore);
  });

  it("a product's new price or name re-forecasts nobody (they are no forecast input)", () => {
    sell(10, '2026-11-20');
    const db = b.context.db;
    db.exec(`CREATE TEMP TABLE forecast_writes (n INTEGER);
      CREATE TEMP TRIGGER forecast_updated AFTER UPDATE ON main.forecasts BEGIN INSERT INTO forecast_writes VALUES (1); END;`);
    const { id, archivedAt: _a, learned: _l, ...current } = b.call('products.list', {}).find((p) => p.id === rice.id)!;
    b.call('products.update', { id, draft: { ...current, name: '东北大米', priceFen: current.priceFen + 100 } });
    expect(db.prepare('SELECT count(*) FROM forecast_writes').pluck().get()).toBe(0);
    b.call('products.update', { id, draft: { ...current, leadDays: current.leadDays + 1 } });
    expect(db.prepare('SELECT count(*) FROM forecast_writes').pluck().get()).toBe(1);
  });

  it('a product with no daily use at all has nothing to forecast for a first purchase: no forecast, no reminder', () => {
    const none = b.call('products.create', { draft: { name: '酱油', unit: 'bottle', priceFen: 800, dailyUse: { adult: 0, child: 0, senior: 0 } } });
    b.call('sales.record', { customerId, productId: none.id, quantity: 1, paid: true });
    expect(forecastOf(customerId, none.id)).toBeUndefined();
    expect(reminderRow(customerId, none.id)).toBeUndefined();
    // the second purchase gives an observed rate
    b.call('sales.record', { customerId, productId: none.id, quantity: 1, paid: true, date: addDays(PINNED_TODAY, 10) });
    const want = forecast(
      0,
      [
        { date: PINNED_TODAY, quantity: 1 },
        { date: addDays(PINNED_TODAY, 10), quantity: 1 },
      ],
      none.leadDays,
    );
    expect(want).not.toBeNull();
    expect(forecastOf(customerId, none.id)).toMatchObject({ runOutDate: want!.runOutDate });
  });
});

describe('forecasts.forCustomer', () => {
  it('is empty for a customer without sales, NOT_FOUND for an unknown customer, VALIDATION for bad input', () => {
    expect(b.call('forecasts.forCustomer', { customerId })).toEqual([]);
    expect(b.callError('forecasts.forCustomer', { customerId: 999 })).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'customer', id: 999 } });
    expect(b.callError('forecasts.forCustomer', { customerId: 'x' }).code).toBe('VALIDATION');
    expect(b.callError('forecasts.forCustomer', { customerId, extra: 1 }).code).toBe('VALIDATION');
    expect(b.callError('forecasts.recomputeAll', { all: true }).code).toBe('VALIDATION');
  });
});

describe('forecasts.recomputeAll gives the same rows as the incremental path', () => {
  const forecastsOf = (t: TestBackend) => tableRows(t, 'forecasts', 'customer_id, product_id');
  const remindersOf = (t: TestBackend) => tableRows(t, 'reminders', 'customer_id, product_id');

  it('on a demo shop rebuilt sale by sale through sales.record', () => {
    const demo = makeBackend();
    try {
      // The demo's households and sales, loaded at once (without the demo's replayed calls, which the
      // hand-entered book below does not make).
      const shop = generateDemoShop({ households: 150, endDate: PINNED_TODAY });
      demo.services.shop.load(shop, 'zh-CN');
      expect(demo.count('forecasts')).toBeGreaterThan(100);
      expect(demo.count('reminders')).toBe(demo.count('forecasts'));

      // The same shop entered by hand: every sale through the gate, each updating its pair.
      const byHand = makeBackend();
      try {
        byHand.call('shop.startEmpty', { language: 'zh-CN' });
        const ids = shop.households.map((h) => byHand.call('customers.create', { draft: h, allowDuplicatePhone: true }).id);
        const products = byHand.call('products.list', {});
        // What the demo learned from its sales, before they are entered: each sale is forecast with it,
        // as the demo's full recompute was.
        const learned = demo.context.db
          .prepare<[], { id: number; learned_season: string; learned_rate_factor: number }>('SELECT id, learned_season, learned_rate_factor FROM products')
          .all();
        for (const l of learned)
          byHand.context.db
            .prepare('UPDATE products SET learned_season = ?, learned_rate_factor = ? WHERE id = ?')
            .run(l.learned_season, l.learned_rate_factor, l.id);
        for (const s of shop.sales) {
          byHand.call('sales.record', {
            customerId: ids[s.household],
            productId: products[s.product]!.id,
            quantity: s.quantity,
            paid: s.paid,
            date: s.date,
            ...(s.stockLeft !== undefined ? { stockLeft: s.stockLeft } : {}),
          });
        }
        const incremental = { forecasts: forecastsOf(byHand), reminders: remindersOf(byHand) };
        expect(incremental.forecasts.length).toBe(demo.count('forecasts'));
        // same rows as the demo's full recompute (sale ids differ only if the order of entry did)
        const withoutIds = (rows: Record<string, unknown>[]) => rows.map(({ last_sale_id: _a, cycle_sale_id: _b, ...rest }) => rest);
        expect(withoutIds(incremental.forecasts)).toEqual(withoutIds(forecastsOf(demo)));
        expect(withoutIds(incremental.reminders)).toEqual(withoutIds(remindersOf(demo)));

        // and a full recompute of the hand-entered book changes nothing
        const result = byHand.call('forecasts.recomputeAll', {});
        expect(result.pairs).toBe(incremental.forecasts.length);
        expect(forecastsOf(byHand)).toEqual(incremental.forecasts);
        expect(remindersOf(byHand)).toEqual(incremental.reminders);
      } finally {
        byHand.dispose();
      }
    } finally {
      demo.dispose();
    }
  }, 60_000);

  it('after incremental changes (sales, void, household and product edits, calls) and keeps each cycle’s call state', () => {
    b.dispose();
    b = makeBackend();
    b.call('shop.createDemo', { language: 'zh-CN' });
    const db = b.context.db;
    const pairs = db.prepare('SELECT customer_id AS c, product_id AS p, cycle_sale_id AS s FROM reminders ORDER BY customer_id, product_id LIMIT 12').all() as {
      c: number;
      p: number;
      s: number;
    }[];
    const [p0, p1, p2, p3, p4, p5, p6] = pairs;
    b.call('sales.record', { customerId: p0!.c, productId: p0!.p, quantity: 3, paid: false, stockLeft: 1 });
    b.call('sales.void', { id: p1!.s });
    b.call('sales.correct', { id: p2!.s, draft: { productId: p2!.p, quantity: 7, paid: true } });
    const someone = b.call('customers.get', { id: p3!.c });
    b.call('customers.update', {
      id: someone.id,
      draft: draftOf(someone, { adults: someone.adults + 1 }),
      allowDuplicatePhone: true,
    });
    const product = b.call('products.list', {}).find((p) => p.id === p4!.p)!;
    b.call('products.update', {
      id: product.id,
      draft: { name: product.name, unit: product.unit, priceFen: product.priceFen, dailyUse: product.dailyUse, leadDays: product.leadDays + 2 },
    });
    b.call('callList.act', { customerId: p5!.c, productId: p5!.p, action: 'called', outcome: 'not_needed', stockLeft: 2 });
    b.call('callList.act', { customerId: p6!.c, productId: p6!.p, action: 'skip' });

    const forecastsBefore = forecastsOf(b);
    const remindersBefore = remindersOf(b);
    const result = b.call('forecasts.recomputeAll', {});
    expect(result).toMatchObject({ pairs: forecastsBefore.length, written: 0 });
    expect(forecastsOf(b)).toEqual(forecastsBefore);
    expect(remindersOf(b)).toEqual(remindersBefore);
    expect(b.context.db.pragma('foreign_keys', { simple: true })).toBe(1); // back on after the recompute

    // Every product's rates changed behind the services' back: every pair is rewritten (in bulk), and
    // each cycle's call state survives the rewrite.
    b.context.db.prepare('UPDATE products SET use_adult = use_adult * 2, use_child = use_child * 2, use_senior = use_senior * 2').run();
    expect(b.call('forecasts.recomputeAll', {}).written).toBe(forecastsBefore.length);
    const stateOf = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [
        r['customer_id'],
        r['product_id'],
        r['status'],
        r['snoozed_until'],
        r['outcome'],
        r['stock_report'],
        r['stock_report_date'],
        r['cycle_sale_id'],
      ]);
    expect(stateOf(remindersOf(b))).toEqual(stateOf(remindersBefore));
    expect(remindersOf(b).find((r) => r['customer_id'] === p6!.c && r['product_id'] === p6!.p)).toMatchObject({ status: 'skipped' });
    expect(remindersOf(b).find((r) => r['customer_id'] === p5!.c && r['product_id'] === p5!.p)).toMatchObject({ stock_report: 2 });
    expect(b.context.db.pragma('foreign_keys', { simple: true })).toBe(1);
  }, 60_000);

  it('rewrites only the pairs whose forecast changed, and removes those left without a sale', () => {
    sell(10, '2026-11-01');
    sell(2, '2026-11-05', {}, water);
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 2, written: 0 });
    // a bulk change of water's rates made behind the services' back (as a new forecast method would)
    b.context.db.prepare('UPDATE products SET use_adult = use_adult * 2 WHERE id = ?').run(water.id);
    const before = b.call('forecasts.forCustomer', { customerId });
    const indexes = () => b.context.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reminders' ORDER BY name").all();
    const indexesBefore = indexes();
    // half the pairs change: written with the reminders' indexes rebuilt after, which must all be back
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 2, written: 1 });
    expect(indexes()).toEqual(indexesBefore);
    expect(b.context.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(b.call('callList.list', { days: 60 }).upcomingTotal + b.call('callList.list', { days: 60 }).dueTotal).toBe(2);
    const after = b.call('forecasts.forCustomer', { customerId });
    expect(after.find((f) => f.productId !== water.id)).toEqual(before.find((f) => f.productId !== water.id));
    const waterBefore = before.find((f) => f.productId === water.id)!;
    expect(after.find((f) => f.productId === water.id)!.priorDailyUse).toBeGreaterThan(waterBefore.priorDailyUse);
    // a pair whose sales are gone (removed behind the services' back) loses its forecast and reminder
    b.context.db.prepare('UPDATE sales SET voided_at = ? WHERE product_id = ?').run('2026-11-22T00:00:00.000Z', water.id);
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 1, written: 0 });
    expect(b.count('forecasts')).toBe(1);
    expect(b.count('reminders')).toBe(1);
  });

  it('matches stored rows to sales household by household: gaps between them, a reminder without its forecast', () => {
    // Customers on both sides of a household whose sales disappear, so the stored rows to remove sit
    // between pairs that stay (the recompute walks sales and stored rows side by side).
    const others = [1, 2, 3].map((n) => b.call('customers.create', { draft: draft({ ...family, name: `顾客${n}`, phones: [] }) }).id);
    for (const c of [customerId, ...others]) {
      sell(10, '2026-11-01', {}, rice, c);
      sell(2, '2026-11-05', {}, water, c);
    }
    const [second, third] = others as [number, number, number];
    b.call('callList.act', { customerId: third, productId: rice.id, action: 'called', outcome: 'not_needed', stockLeft: 4 });
    const forecastsBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    const thirdRice = reminderRow(third, rice.id);
    expect(thirdRice).toMatchObject({ stock_report: 4 });

    const db = b.context.db;
    db.prepare('UPDATE sales SET voided_at = ? WHERE customer_id = ?').run('2026-11-22T00:00:00.000Z', second);
    db.prepare('DELETE FROM forecasts WHERE customer_id = ? AND product_id = ?').run(third, rice.id);
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 6, written: 1 });

    // the household without sales lost both its pairs; the lost forecast is back, from the reminder's stock report
    expect(db.prepare('SELECT count(*) FROM forecasts WHERE customer_id = ?').pluck().get(second)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM reminders WHERE customer_id = ?').pluck().get(second)).toBe(0);
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastsBefore.filter((f) => f['customer_id'] !== second));
    expect(reminderRow(third, rice.id)).toEqual(thirdRice);
  });

  it('rates nudged so that no date moves: the forecasts are rewritten, the reminders left as they are', () => {
    sell(10, '2026-11-01');
    sell(2, '2026-11-05', {}, water);
    const remindersBefore = tableRows(b, 'reminders', 'customer_id, product_id');
    const forecastsBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    const db = b.context.db;
    db.exec(`CREATE TEMP TABLE reminder_writes (n INTEGER);
      CREATE TEMP TRIGGER reminder_updated AFTER UPDATE ON main.reminders BEGIN INSERT INTO reminder_writes VALUES (1); END;
      CREATE TEMP TRIGGER reminder_inserted AFTER INSERT ON main.reminders BEGIN INSERT INTO reminder_writes VALUES (1); END;`);
    db.prepare('UPDATE products SET use_adult = use_adult * 1.000001').run();
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 2, written: 2 });
    expect(db.prepare('SELECT count(*) FROM reminder_writes').pluck().get()).toBe(0);
    const forecastsAfter = tableRows(b, 'forecasts', 'customer_id, product_id');
    expect(forecastsAfter.map((f) => f['daily_use'])).not.toEqual(forecastsBefore.map((f) => f['daily_use']));
    expect(forecastsAfter.map((f) => f['reminder_date'])).toEqual(forecastsBefore.map((f) => f['reminder_date']));
    expect(tableRows(b, 'reminders', 'customer_id, product_id')).toEqual(remindersBefore);
  });

  it('rebuilds forecasts and reminders that were lost', () => {
    sell(10, '2026-11-01');
    sell(2, '2026-11-05', {}, water);
    const forecastsBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    const remindersBefore = tableRows(b, 'reminders', 'customer_id, product_id');
    b.context.db.exec('DELETE FROM reminders; DELETE FROM forecasts;');
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 2, written: 2 });
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastsBefore);
    expect(tableRows(b, 'reminders', 'customer_id, product_id')).toEqual(remindersBefore);
  });
});

describe('a book written by an earlier version gets its forecasts and reminders on open', () => {
  it('v1 book (no forecasts tables yet) -> opened by this app -> forecasts, reminders and a call list', () => {
    const dir = b.dataDir + '-v1';
    const v1 = migrationsDirWith(1);
    try {
      const opened = openDatabase(join(dir, DATABASE_FILE_NAME), { migrationsDir: v1 });
      expect(opened.schemaVersion).toBe(1);
      const now = '2026-10-01T00:00:00.000Z';
      opened.db
        .prepare(
          `INSERT INTO customers (id, name, sort_key, address, area, adults, children, seniors, payday, tags, notes, created_at, updated_at)
           VALUES (1, '单田芳', 'shantianfang', '幸福小区1栋', '幸福小区', 2, 1, 1, NULL, '[]', '', ?, ?)`,
        )
        .run(now, now);
      opened.db.prepare("INSERT INTO customer_phones (customer_id, position, phone) VALUES (1, 0, '13812345678')").run();
      opened.db
        .prepare(
          `INSERT INTO products (id, name, unit, price_fen, use_adult, use_child, use_senior, lead_days, created_at, updated_at)
           VALUES (1, '大米', 'kg', 600, 0.15, 0.1, 0.12, 3, ?, ?)`,
        )
        .run(now, now);
      const insertSale = opened.db.prepare(
        `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at) VALUES (1, 1, ?, 600, ?, ?, ?, ?)`,
      );
      insertSale.run(10, 6000, 1, '2026-10-01', now);
      insertSale.run(10, 6000, 0, '2026-10-24', now);
      opened.db.close();

      const app = makeBackend({ dataDir: dir });
      try {
        const people = { adults: 2, children: 1, seniors: 1 };
        const product = app.call('products.list', {})[0]!;
        const want = expected(people, product, [
          { date: '2026-10-01', quantity: 10 },
          { date: '2026-10-24', quantity: 10 },
        ]);
        expect(app.call('forecasts.forCustomer', { customerId: 1 })).toMatchObject([
          { productId: 1, lastPurchaseDate: '2026-10-24', lastQuantity: 10, observations: 1, runOutDate: want.runOutDate, reminderDate: want.reminderDate },
        ]);
        expect(app.count('reminders')).toBe(1);
        const list = app.call('callList.list', { days: 60 });
        const row = [...list.due, ...list.upcoming].find((r) => r.customerId === 1);
        expect(row).toMatchObject({ dueDate: want.reminderDate, runOutDate: want.runOutDate, owedFen: 6000, phone: '13812345678' });
      } finally {
        app.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(v1, { recursive: true, force: true });
    }
  });
});

describe('what the shop taught the forecast reaches the stored forecasts (forecast v5)', () => {
  it("a new household's first water is forecast with the households' learned rate and season; a preset change re-forecasts", () => {
    // Ten couples who drink half the guideline: two buckets every 20 days where 2 x 0.085 a day says 11.8.
    for (let h = 0; h < 10; h++) {
      const id = b.call('customers.create', {
        draft: draft({ name: `饮水户${h}`, phones: [`1390000${String(h).padStart(4, '0')}`], adults: 2, children: 0, seniors: 0 }),
      }).id;
      for (let k = 0; k < 6; k++)
        b.call('sales.record', { customerId: id, productId: water.id, quantity: 2, paid: true, date: addDays(PINNED_TODAY, -120 + 20 * k) });
    }
    b.services.forecasts.learnAll();
    const stored = b.context.db
      .prepare<[number], ProductLearned & { learned_households: number }>(
        'SELECT season_preset, learned_season, learned_rate_factor, learned_households FROM products WHERE id = ?',
      )
      .get(water.id)!;
    expect(stored.learned_households).toBe(10);
    expect(stored.learned_rate_factor).toBeLessThan(0.85);
    expect(JSON.parse(stored.learned_season!)).toHaveLength(12);

    const newcomer = b.call('customers.create', { draft: draft({ name: '新来的', phones: ['13900009999'], adults: 2, children: 0, seniors: 0 }) }).id;
    b.call('sales.record', { customerId: newcomer, productId: water.id, quantity: 2, paid: true });
    const guideline = 2 * water.dailyUse.adult;
    const want = forecast(guideline, [{ date: PINNED_TODAY, quantity: 2 }], water.leadDays, null, shopContextOfProduct(stored))!;
    const got = forecastOf(newcomer, water.id)!;
    expect(got).toMatchObject({ priorDailyUse: want.priorDailyUse, runOutDate: want.runOutDate, reminderDate: want.reminderDate });
    // ... which is what the learning changes: the guideline alone runs out sooner.
    expect(got.priorDailyUse).toBeCloseTo(guideline * stored.learned_rate_factor, 12);
    expect(forecast(guideline, [{ date: PINNED_TODAY, quantity: 2 }], water.leadDays)!.runOutDate < got.runOutDate).toBe(true);

    // The owner switches the summer preset off: the product is learned again and its pairs re-forecast.
    const { id: _id, archivedAt: _a, learned: _l, ...current } = b.call('products.list', {}).find((p) => p.id === water.id)!;
    expect(current.seasonPreset).toBe('summer');
    b.call('products.update', { id: water.id, draft: { ...current, seasonPreset: 'none' } });
    const relearned = b.context.db
      .prepare<[number], ProductLearned>('SELECT season_preset, learned_season, learned_rate_factor FROM products WHERE id = ?')
      .get(water.id)!;
    expect(relearned.learned_season).not.toBe(stored.learned_season);
    const again = forecast(guideline, [{ date: PINNED_TODAY, quantity: 2 }], water.leadDays, null, shopContextOfProduct(relearned))!;
    expect(forecastOf(newcomer, water.id)).toMatchObject({ runOutDate: again.runOutDate, reminderDate: again.reminderDate });
  });
});
