/** The day's close on real SQLite: a day of slips, a split with credit, single sales, credit payments and voids, figures by hand. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/contract.ts';
import { draft, PINNED_TODAY, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let rice: Product;
let water: Product;
let oil: Product;
let wang: number;
let li: number;
beforeEach(() => {
  ({ b, rice, water } = startedShop());
  oil = b.call('products.list', {}).find((p) => p.name === '食用油')!;
  wang = b.call('customers.create', { draft: draft({ name: '王芳', phones: ['13800000001'] }) }).id;
  li = b.call('customers.create', { draft: draft({ name: '李四', phones: ['13800000002'] }) }).id;
});
afterEach(() => b.dispose());

const YESTERDAY = '2026-11-21';
const close = (date = PINNED_TODAY) => b.call('dayClose.get', { date });

/**
 * The day, every price given so the figures are the ones written here:
 * - slip 1, 王芳: rice 10 x 6.00 + water 2 x 15.00 = 90.00, cash 50.00 + WeChat 40.00; its water line is voided later
 *   (30.00 back: from the cash first, so cash 20.00, WeChat 40.00)
 * - slip 2, walk-in: oil 1 x 65.00, Alipay
 * - slip 3, 李四: rice 5 x 6.00 + water 4 x 15.00 = 90.00, WeChat 20.00 + credit 70.00
 * - slip 4, walk-in: water 1 x 15.00 cash, voided whole
 * - single sales: 王芳 oil 2 x 65.00 paid; 李四 rice 2 x 6.00 on credit; 王芳 rice 1 x 6.00 paid, corrected to 3 (18.00)
 * - credit payments: 李四 30.00 cash; 李四 10.00 bank, voided
 * - yesterday: a slip of 10.00 cash and a payment of 5.00 cash (not in today's close)
 */
function aDay() {
  const slip1 = b.call('slips.create', {
    customerId: wang,
    lines: [
      { productId: rice.id, quantity: 10, unitPriceFen: 600 },
      { productId: water.id, quantity: 2, unitPriceFen: 1500 },
    ],
    payments: [
      { method: 'cash', amountFen: 5000 },
      { method: 'wechat', amountFen: 4000 },
    ],
  });
  b.call('slips.voidLine', { saleId: slip1.lines[1]!.saleId, reason: '水拿错了' });
  b.call('slips.create', { lines: [{ productId: oil.id, quantity: 1, unitPriceFen: 6500 }], payments: [{ method: 'alipay', amountFen: 6500 }] });
  b.call('slips.create', {
    customerId: li,
    lines: [
      { productId: rice.id, quantity: 5, unitPriceFen: 600 },
      { productId: water.id, quantity: 4, unitPriceFen: 1500 },
    ],
    payments: [
      { method: 'wechat', amountFen: 2000 },
      { method: 'credit', amountFen: 7000 },
    ],
  });
  const slip4 = b.call('slips.create', { lines: [{ productId: water.id, quantity: 1, unitPriceFen: 1500 }], payments: [{ method: 'cash', amountFen: 1500 }] });
  b.call('slips.void', { id: slip4.id, reason: '重复开单' });
  b.call('sales.record', { customerId: wang, productId: oil.id, quantity: 2, unitPriceFen: 6500, paid: true });
  b.call('sales.record', { customerId: li, productId: rice.id, quantity: 2, unitPriceFen: 600, paid: false });
  const wrong = b.call('sales.record', { customerId: wang, productId: rice.id, quantity: 1, unitPriceFen: 600, paid: true });
  b.call('sales.correct', { id: wrong.id, draft: { productId: rice.id, quantity: 3, unitPriceFen: 600, paid: true }, reason: '数量记错' });
  b.call('credit.recordPayment', { customerId: li, amountFen: 3000, method: 'cash' });
  const bank = b.call('credit.recordPayment', { customerId: li, amountFen: 1000, method: 'bank' });
  b.call('credit.voidPayment', { id: bank.id, reason: '没到账' });
  b.call('slips.create', {
    date: YESTERDAY,
    lines: [{ productId: rice.id, quantity: 1, unitPriceFen: 1000 }],
    payments: [{ method: 'cash', amountFen: 1000 }],
  });
  b.call('credit.recordPayment', { customerId: li, amountFen: 500, method: 'cash', date: YESTERDAY });
  return { slip1, slip4, wrong, bank };
}

describe('dayClose.get', () => {
  it("sums the day's takings by method and by source, slips, single sales and credit payments together", () => {
    aDay();
    const day = close();
    expect(day.takings.byMethod).toEqual([
      { method: 'cash', amountFen: 2000 + 3000 },
      { method: 'wechat', amountFen: 4000 + 2000 },
      { method: 'alipay', amountFen: 6500 },
      { method: 'bank', amountFen: 0 },
      { method: 'unrecorded', amountFen: 13000 + 1800 },
    ]);
    expect(day.takings.bySource).toEqual([
      { source: 'slips', amountFen: 2000 + 4000 + 6500 + 2000 },
      { source: 'singleSales', amountFen: 14800 },
      { source: 'creditPayments', amountFen: 3000 },
    ]);
    expect(day.takings.totalFen).toBe(5000 + 6000 + 6500 + 14800);
  });

  it('credit given (a slip’s credit part and a single sale on credit) and collected; the counts', () => {
    aDay();
    const day = close();
    expect(day.credit).toEqual({ givenFen: 7000 + 1200, givenHouseholds: 1, collectedFen: 3000, collectedHouseholds: 1 });
    expect(day.counts).toEqual({ slips: 3, walkIns: 1, singleSales: 3, voided: 4 });
    // 李四 owes what the close says was given, less what he paid (30.00 today, 5.00 yesterday)
    expect(b.call('credit.ledger', { customerId: li }).balanceFen).toBe(8200 - 3000 - 500);
  });

  it('per product: quantities and amounts of the lines still standing, most takings first', () => {
    aDay();
    expect(close().products.map((p) => [p.name, p.quantity, p.amountFen])).toEqual([
      ['食用油', 3, 19500],
      ['大米', 10 + 5 + 2 + 3, 6000 + 3000 + 1200 + 1800],
      [water.name, 4, 6000],
    ]);
  });

  it("lists the day's voids with their reasons: a whole slip, a slip's line, a corrected sale, a credit payment (at one time: in that order)", () => {
    const { slip1, slip4, wrong, bank } = aDay();
    const voids = close().voids;
    expect(voids.map((v) => [v.kind, v.id, v.what, v.amountFen, v.reason, v.corrected])).toEqual([
      ['slip', slip4.id, water.name, 1500, '重复开单', false],
      ['slipLine', slip1.lines[1]!.saleId, water.name, 3000, '水拿错了', false],
      ['sale', wrong.id, '大米', 600, '数量记错', true],
      ['payment', bank.id, 'bank', 1000, '没到账', false],
    ]);
    expect(voids.find((v) => v.kind === 'slipLine')).toMatchObject({ slipId: slip1.id, customerName: '王芳' });
    expect(voids.find((v) => v.kind === 'slip')?.customerName).toBeNull();
  });

  it("yesterday's close holds yesterday's records only; an empty day is all zeros", () => {
    aDay();
    const before = close(YESTERDAY);
    expect(before.takings.byMethod.find((m) => m.method === 'cash')).toEqual({ method: 'cash', amountFen: 1500 });
    expect(before.counts).toEqual({ slips: 1, walkIns: 1, singleSales: 0, voided: 0 });
    const empty = close('2026-11-01');
    expect(empty).toMatchObject({
      takings: { totalFen: 0, bySource: [] },
      products: [],
      voids: [],
      drawer: { expectedCashFen: 0, counts: [], differenceFen: null },
    });
    expect(empty.takings.byMethod.map((m) => m.method)).toEqual(['cash', 'wechat', 'alipay', 'bank']);
  });

  it('a line voided on a slip with a credit part lowers the credit given, not the money taken', () => {
    const slip = b.call('slips.create', {
      customerId: li,
      lines: [
        { productId: rice.id, quantity: 5, unitPriceFen: 600 },
        { productId: water.id, quantity: 4, unitPriceFen: 1500 },
      ],
      payments: [
        { method: 'cash', amountFen: 2000 },
        { method: 'credit', amountFen: 7000 },
      ],
    });
    b.call('slips.voidLine', { saleId: slip.lines[1]!.saleId });
    const day = close();
    expect(day.takings.byMethod[0]).toEqual({ method: 'cash', amountFen: 2000 });
    expect(day.credit).toMatchObject({ givenFen: 3000 - 2000, givenHouseholds: 1 });
    expect(b.call('credit.ledger', { customerId: li }).balanceFen).toBe(1000);
  });
});

describe('dayClose.countCash', () => {
  it('notes the counted cash as an append-only fact: the latest count gives the difference', () => {
    aDay();
    const short = b.call('dayClose.countCash', { date: PINNED_TODAY, countedFen: 4800, note: '少了两块' });
    expect(short.drawer).toMatchObject({ expectedCashFen: 5000, differenceFen: -200, counts: [{ countedFen: 4800, note: '少了两块' }] });
    const recount = b.call('dayClose.countCash', { date: PINNED_TODAY, countedFen: 5000 });
    expect(recount.drawer.differenceFen).toBe(0);
    expect(recount.drawer.counts.map((c) => c.countedFen)).toEqual([4800, 5000]);
    expect(b.count('cash_counts')).toBe(2);
    // another day's close has its own counts
    expect(close(YESTERDAY).drawer).toEqual({ expectedCashFen: 1500, counts: [], differenceFen: null });
  });

  it('refuses a day after today and a negative count, and writes nothing', () => {
    expect(b.callError('dayClose.countCash', { date: '2026-11-23', countedFen: 100 }).code).toBe('DAY_NOT_YET');
    expect(b.callError('dayClose.countCash', { date: PINNED_TODAY, countedFen: -1 }).code).toBe('VALIDATION');
    expect(b.count('cash_counts')).toBe(0);
  });
});
