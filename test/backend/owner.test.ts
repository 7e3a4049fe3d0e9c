import { afterEach, describe, expect, it } from 'vitest';
import { pyramidOf, rfmOf, type HouseholdValue } from '../../shared/domain/customerValue.ts';
import { makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

const rice = 1;

/** A shop on 2026-11-22 (the pinned today) whose figures are worked out by hand in each test. */
function shop() {
  const backend = makeBackend();
  backend.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
  const household = (name: string) => backend.call('customers.create', { draft: { name, phones: [], adults: 2, children: 0, seniors: 0, payday: null } }).id;
  const sale = (customerId: number, date: string, amountFen: number, paid = true) =>
    backend.call('sales.record', { customerId, productId: rice, quantity: 10, amountFen, paid, date });
  const a = household('张三');
  const bb = household('李四');
  const c = household('王五');
  const d = household('赵六');
  sale(a, '2025-11-10', 3000);
  sale(a, '2026-10-10', 20000);
  sale(a, '2026-11-05', 5000, false);
  sale(a, '2026-11-22', 10000);
  sale(bb, '2026-10-20', 8000, false);
  const voided = sale(bb, '2026-10-22', 4000);
  backend.call('sales.void', { id: voided.id, reason: '' });
  sale(bb, '2026-11-22', 50000);
  sale(c, '2025-12-15', 2000);
  sale(c, '2026-06-01', 50000);
  return { backend, a, b: bb, c, d };
}

describe("the owner's home", () => {
  it('sums takings, months, products, credit ageing, calls that worked and households lost', () => {
    const s = shop();
    b = s.backend;
    b.call('callList.act', { customerId: s.a, productId: rice, action: 'called', outcome: 'will_come' });
    b.call('callList.act', { customerId: s.c, productId: rice, action: 'called', outcome: 'no_answer' });
    const home = b.call('owner.home', {});
    expect(home.today).toBe('2026-11-22');
    expect(home.takings).toEqual({
      todayFen: 60000, // 100 + 500
      thisMonthFen: 65000, // + the 50 on credit on the 5th
      lastMonthToDateFen: 28000, // 200 + 80; the voided 40 never counts
      lastMonthFen: 28000,
      sameMonthLastYearFen: 3000,
    });
    expect(home.byMonth).toHaveLength(13);
    expect(home.byMonth[0]).toEqual({ month: '2025-11', amountFen: 3000, households: 1, newHouseholds: 1 });
    expect(home.byMonth[1]).toEqual({ month: '2025-12', amountFen: 2000, households: 1, newHouseholds: 1 });
    expect(home.byMonth.find((m) => m.month === '2026-06')).toEqual({ month: '2026-06', amountFen: 50000, households: 1, newHouseholds: 0 });
    expect(home.byMonth.at(-2)).toEqual({ month: '2026-10', amountFen: 28000, households: 2, newHouseholds: 1 });
    expect(home.byMonth.at(-1)).toEqual({ month: '2026-11', amountFen: 65000, households: 2, newHouseholds: 0 });
    // The last 365 days: everything but the sale of 2025-11-10.
    expect(home.byProduct).toEqual([{ productId: rice, name: expect.any(String), unit: 'kg', amountFen: 145000, quantity: 70 }]);
    expect(home.credit).toEqual({
      outstandingFen: 13000,
      households: 2,
      ageing: [
        { fromDays: 0, toDays: 30, amountFen: 5000, households: 1 }, // since 11-05: 17 days
        { fromDays: 31, toDays: 60, amountFen: 8000, households: 1 }, // since 10-20: 33 days
        { fromDays: 61, toDays: 90, amountFen: 0, households: 0 },
        { fromDays: 91, toDays: null, amountFen: 0, households: 0 },
      ],
    });
    // 张三 bought the day he was called; 王五 did not.
    expect(home.calls).toEqual({ called: 2, boughtWithinWeek: 1 });
    // 王五 last bought on 2026-06-01, more than 90 days ago.
    expect(home.lostByMonth).toHaveLength(12);
    expect(home.lostByMonth.filter((m) => m.households > 0)).toEqual([{ month: '2026-06', households: 1 }]);
  });

  it('counts a walk-in slip in the takings and the products, in no household', () => {
    const s = shop();
    b = s.backend;
    const before = b.call('owner.home', {});
    b.call('slips.create', { lines: [{ productId: rice, quantity: 2, unitPriceFen: 600 }], payments: [{ method: 'cash', amountFen: 1200 }] });
    const home = b.call('owner.home', {});
    expect(home.takings.todayFen - before.takings.todayFen).toBe(1200);
    expect(home.byMonth.at(-1)).toEqual({ ...before.byMonth.at(-1), amountFen: 65000 + 1200 });
    expect(home.byProduct[0]).toMatchObject({ amountFen: 145000 + 1200, quantity: 72 });
  });

  it('an empty book has zeros everywhere', () => {
    b = makeBackend();
    b.call('shop.startEmpty', { shopName: '', language: 'zh-CN' });
    const home = b.call('owner.home', {});
    expect(home.takings.thisMonthFen).toBe(0);
    expect(home.byMonth.every((m) => m.amountFen === 0)).toBe(true);
    expect(home.byProduct).toEqual([]);
    expect(home.calls).toEqual({ called: 0, boughtWithinWeek: 0 });
  });
});

describe('the customer pyramid', () => {
  const thirds = { vip: 0.3, key: 0.3, regular: 0.3 };

  it('ranks the last twelve months and lists who moved since the end of last month', () => {
    const s = shop();
    b = s.backend;
    const pyramid = b.call('owner.pyramid', { shares: thirds });
    // 12 months to today: 李四 580, 王五 520, 张三 350. To the end of October: 王五 520, 张三 230, 李四 80.
    expect(pyramid.households.map((h) => [h.name, h.tier, h.valueFen, h.purchases])).toEqual([
      ['李四', 'vip', 58000, 2],
      ['王五', 'key', 52000, 2],
      ['张三', 'regular', 35000, 3],
    ]);
    expect(pyramid.tiers).toEqual([
      { tier: 'vip', households: 1, valueFen: 58000, minValueFen: 58000 },
      { tier: 'key', households: 1, valueFen: 52000, minValueFen: 52000 },
      { tier: 'regular', households: 1, valueFen: 35000, minValueFen: 35000 },
      { tier: 'small', households: 0, valueFen: 0, minValueFen: 0 },
    ]);
    expect(pyramid.moves.map((m) => [m.name, m.from, m.to])).toEqual([
      ['王五', 'vip', 'key'],
      ['张三', 'key', 'regular'],
      ['李四', 'regular', 'vip'],
    ]);
    // RFM among the three. Recency: 王五 (June) 1; 李四 and 张三 (today) share ranks 2-3: (1.5 + 0.5) / 3 -> 4.
    // Frequency: 李四 and 王五 (2) share ranks 1-2 -> 2; 张三 (3) -> 5. Monetary: 张三 the least -> 1.
    expect(pyramid.households[2]!.rfm).toEqual({ recency: 4, frequency: 5, monetary: 1 });
    expect(pyramid.households[1]!.rfm).toEqual({ recency: 1, frequency: 2, monetary: 3 });
  });

  it('ranks by calendar month: this month so far and the 11 before, against the 12 to the end of last month', () => {
    const s = shop();
    b = s.backend;
    // 赵六 bought on 2025-11-25: within 365 days of today, but in the month before the twelve ranked now.
    b.call('sales.record', { customerId: s.d, productId: rice, quantity: 10, amountFen: 90000, paid: true, date: '2025-11-25' });
    const pyramid = b.call('owner.pyramid', { shares: thirds });
    expect(pyramid.households.map((h) => h.name)).toEqual(['李四', '王五', '张三']);
    expect(b.call('owner.householdValue', { customerId: s.d })).toBeNull();
    // At the end of October (November 2025 to October 2026) 赵六 was the VIP: now he has left the pyramid.
    expect(pyramid.moves.map((m) => [m.name, m.from, m.to])).toContainEqual(['赵六', 'vip', null]);
  });

  it('lists its 100 most valuable households and counts them all', () => {
    b = makeBackend();
    b.call('shop.startEmpty', { shopName: '', language: 'zh-CN' });
    for (let i = 1; i <= 120; i++) {
      const id = b.call('customers.create', { draft: { name: `户${i}`, phones: [], adults: 1, children: 0, seniors: 0, payday: null } }).id;
      b.call('sales.record', { customerId: id, productId: rice, quantity: 1, amountFen: 100 * i, paid: true, date: '2026-11-01' });
    }
    const pyramid = b.call('owner.pyramid', { shares: thirds });
    expect(pyramid.tiers.map((t) => t.households)).toEqual([36, 36, 36, 12]);
    expect(pyramid.households).toHaveLength(100);
    expect(pyramid.households.map((h) => h.valueFen)).toEqual(Array.from({ length: 100 }, (_, i) => 100 * (120 - i)));
    expect(pyramid.households[99]).toMatchObject({ name: '户21', tier: 'regular' });
  });

  it('uses the shares the owner saved, refuses shares that leave no small households', () => {
    const s = shop();
    b = s.backend;
    expect(b.call('owner.pyramid', {}).tiers.map((t) => t.households)).toEqual([1, 0, 0, 2]);
    b.call('shop.updateSettings', { tierShares: thirds });
    expect(b.call('owner.pyramid', {}).tiers.map((t) => t.households)).toEqual([1, 1, 1, 0]);
    expect(b.callError('owner.pyramid', { shares: { vip: 0.5, key: 0.3, regular: 0.3 } }).code).toBe('VALIDATION');
    expect(b.callError('shop.updateSettings', { tierShares: { vip: 0, key: 0.3, regular: 0.3 } }).code).toBe('VALIDATION');
  });

  it("gives one household's badge, or null when it bought nothing in twelve months", () => {
    const s = shop();
    b = s.backend;
    expect(b.call('owner.householdValue', { customerId: s.b })).toMatchObject({ name: '李四', tier: 'vip', valueFen: 58000 });
    expect(b.call('owner.householdValue', { customerId: s.d })).toBeNull();
  });

  it("gives every household of a generated book the value of its row in the full ranking, at the owner's shares", () => {
    b = makeBackend();
    b.call('shop.createDemo', { language: 'zh-CN' });
    const { db } = b.context;
    // The full ranking worked out from the live sales themselves: the twelve calendar months to 2026-11-22.
    const spend = db
      .prepare<[], HouseholdValue>(
        `SELECT customer_id AS customerId, sum(amount_fen) AS valueFen, count(*) AS purchases,
           CAST(julianday('2026-11-22') - julianday(max(date)) AS INTEGER) AS daysSinceLast
         FROM sales WHERE voided_at IS NULL AND customer_id IS NOT NULL AND date >= '2025-12-01' GROUP BY customer_id`,
      )
      .all();
    const ids = db.prepare<[], { id: number }>('SELECT id FROM customers').all();
    for (const shares of [undefined, thirds]) {
      if (shares) b.call('shop.updateSettings', { tierShares: shares });
      const ranked = new Map(pyramidOf(spend, shares).map((h) => [h.customerId, h]));
      const rfm = new Map(rfmOf(spend).map(({ customerId, ...s }) => [customerId, s]));
      expect(new Set([...ranked.values()].map((h) => h.tier)).size).toBe(4);
      const values = ids.map(({ id }) => b!.call('owner.householdValue', { customerId: id }));
      expect(values.map((v) => v && { ...v, name: undefined, area: undefined })).toEqual(
        ids.map(({ id }) => {
          const h = ranked.get(id);
          return h ? { ...h, rfm: rfm.get(id), name: undefined, area: undefined } : null;
        }),
      );
      // And the pyramid's own rows, names and all.
      for (const h of b.call('owner.pyramid', {}).households) expect(b.call('owner.householdValue', { customerId: h.customerId })).toEqual(h);
    }
  });

  it("counts a household's sale of today in its value, against the day's floors", () => {
    const s = shop();
    b = s.backend;
    expect(b.call('owner.householdValue', { customerId: s.d })).toBeNull();
    b.call('sales.record', { customerId: s.d, productId: rice, quantity: 1, amountFen: 1000, paid: true, date: '2026-11-22' });
    // The floors of the morning (three households, default shares: 58000 for any tier above small).
    expect(b.call('owner.householdValue', { customerId: s.d })).toMatchObject({ name: '赵六', tier: 'small', valueFen: 1000, purchases: 1, daysSinceLast: 0 });
  });
});
