import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/contract.ts';
import { draft, PINNED_TODAY, startedShop, tableRows, type TestBackend } from './helpers.ts';

let b: TestBackend;
let rice: Product;
let water: Product;
let oil: Product;
let customerId: number;
beforeEach(() => {
  ({ b, rice, water } = startedShop());
  oil = b.call('products.list', {}).find((p) => p.name === '食用油')!;
  customerId = b.call('customers.create', { draft: draft() }).id;
});
afterEach(() => b.dispose());

const forecastsOf = (id: number) => b.call('forecasts.forCustomer', { customerId: id });
const owed = (id: number) => b.call('credit.ledger', { customerId: id }).balanceFen;
/** Everything a slip can write, to prove a refused one wrote nothing. */
const state = () => ({
  ...b.snapshot(),
  slips: b.count('slips'),
  slip_payments: b.count('slip_payments'),
  payments: b.count('payments'),
  balances: b.count('balances'),
});

describe('slips.create', () => {
  it('a slip of 3 lines is 3 sales of the household, and each line moves its product forecast', () => {
    expect(forecastsOf(customerId)).toEqual([]);
    const total = 10 * rice.priceFen + 2 * water.priceFen + oil.priceFen;
    const slip = b.call('slips.create', {
      customerId,
      lines: [
        { productId: rice.id, quantity: 10 },
        { productId: water.id, quantity: 2 },
        { productId: oil.id, quantity: 1 },
      ],
      payments: [{ method: 'wechat', amountFen: total }],
    });
    expect(slip).toMatchObject({ customerId, customerName: '张三丰', date: PINNED_TODAY, totalFen: total, owedFen: 0, voidedAt: null });
    expect(slip.lines.map((l) => [l.productId, l.quantity, l.amountFen])).toEqual([
      [rice.id, 10, 10 * rice.priceFen],
      [water.id, 2, 2 * water.priceFen],
      [oil.id, 1, oil.priceFen],
    ]);
    const history = b.call('sales.listForCustomer', { customerId });
    expect(history.map((s) => s.id).sort()).toEqual(slip.lines.map((l) => l.saleId).sort());
    expect(history.every((s) => s.paid)).toBe(true);
    const forecasts = forecastsOf(customerId);
    expect(forecasts.map((f) => f.productId).sort()).toEqual([rice.id, water.id, oil.id].sort());
    expect(forecasts.find((f) => f.productId === rice.id)).toMatchObject({ lastQuantity: 10, lastPurchaseDate: PINNED_TODAY });
  });

  it('takes a price per line, else the product price', () => {
    const slip = b.call('slips.create', {
      customerId,
      lines: [{ productId: rice.id, quantity: 2, unitPriceFen: 550 }],
      payments: [{ method: 'cash', amountFen: 1100 }],
    });
    expect(slip.lines[0]).toMatchObject({ unitPriceFen: 550, amountFen: 1100 });
  });

  it('the credit part of a split goes into the credit book: the household owes exactly it', () => {
    const total = 10 * rice.priceFen + 2 * water.priceFen;
    const slip = b.call('slips.create', {
      customerId,
      lines: [
        { productId: rice.id, quantity: 10 },
        { productId: water.id, quantity: 2 },
      ],
      payments: [
        { method: 'credit', amountFen: 2000 },
        { method: 'cash', amountFen: total - 3000 },
        { method: 'alipay', amountFen: 1000 },
      ],
    });
    expect(slip.payments).toEqual([
      { method: 'cash', amountFen: total - 3000 },
      { method: 'alipay', amountFen: 1000 },
      { method: 'credit', amountFen: 2000 },
    ]);
    expect(slip.owedFen).toBe(2000);
    expect(owed(customerId)).toBe(2000);
    const ledger = b.call('credit.ledger', { customerId });
    expect(ledger.entries.filter((e) => e.kind === 'payment').map((e) => [e.method, e.creditFen])).toEqual([
      ['cash', total - 3000],
      ['alipay', 1000],
    ]);
    expect(b.call('credit.collections', {}).allDebts).toEqual({ households: 1, owedFen: 2000 });
  });

  it('a walk-in slip has no household: no forecast, no history, no credit', () => {
    const before = b.count('forecasts');
    const slip = b.call('slips.create', { lines: [{ productId: water.id, quantity: 3 }], payments: [{ method: 'cash', amountFen: 3 * water.priceFen }] });
    expect(slip).toMatchObject({ customerId: null, customerName: null, owedFen: null, totalFen: 3 * water.priceFen });
    expect(b.count('forecasts')).toBe(before);
    expect(tableRows(b, 'sales', 'id').map((s) => [s.customer_id, s.slip_id, s.paid])).toEqual([[null, slip.id, 1]]);
  });

  it('refuses bad slips with a reason and writes nothing', () => {
    const before = state();
    const line = { productId: rice.id, quantity: 1 };
    const pay = (amountFen: number, method = 'cash') => [{ method, amountFen }];
    const cases: [unknown, string][] = [
      [{ customerId, lines: [], payments: pay(100) }, 'too_small'],
      [{ customerId, lines: [{ ...line, quantity: 0 }], payments: pay(rice.priceFen) }, 'too_small'],
      [{ customerId, lines: [{ ...line, quantity: -2 }], payments: pay(rice.priceFen) }, 'too_small'],
      [{ customerId, lines: [line], payments: pay(rice.priceFen - 1) }, 'split_mismatch'],
      [{ lines: [line], payments: pay(rice.priceFen, 'credit') }, 'credit_needs_household'],
      [{ customerId, lines: [line], payments: [...pay(100), ...pay(rice.priceFen - 100)] }, 'duplicate_method'],
      [{ customerId, lines: [line], payments: pay(rice.priceFen), date: '2062-01-01' }, 'date_out_of_range'],
    ];
    for (const [input, issue] of cases) {
      const error = b.callError('slips.create', input);
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION');
      expect(error.issues?.map((i) => i.issue)).toContain(issue);
    }
    expect(b.callError('slips.create', { customerId, lines: [{ productId: 9999, quantity: 1 }], payments: pay(100) }).code).toBe('NOT_FOUND');
    expect(b.callError('slips.create', { customerId: 9999, lines: [line], payments: pay(rice.priceFen) }).code).toBe('NOT_FOUND');
    expect(state()).toEqual(before);
  });
});

describe('voiding', () => {
  function creditSlip() {
    return b.call('slips.create', {
      customerId,
      lines: [
        { productId: rice.id, quantity: 10 },
        { productId: water.id, quantity: 2 },
      ],
      payments: [
        { method: 'cash', amountFen: 1000 },
        { method: 'credit', amountFen: 10 * rice.priceFen + 2 * water.priceFen - 1000 },
      ],
    });
  }

  it('voiding one line keeps it, marked, lowers what is owed and takes it out of the forecast', () => {
    const slip = creditSlip();
    const owedBefore = owed(customerId);
    const waterLine = slip.lines.find((l) => l.productId === water.id)!;
    const after = b.call('slips.voidLine', { saleId: waterLine.saleId, reason: '拿错了' });
    expect(after.lines.find((l) => l.saleId === waterLine.saleId)).toMatchObject({ voidReason: '拿错了' });
    expect(after.lines.find((l) => l.saleId === waterLine.saleId)!.voidedAt).not.toBeNull();
    expect(after.totalFen).toBe(10 * rice.priceFen);
    expect(owed(customerId)).toBe(owedBefore - waterLine.amountFen);
    expect(forecastsOf(customerId).map((f) => f.productId)).toEqual([rice.id]);
    expect(b.count('sales')).toBe(2);
    expect(b.callError('slips.voidLine', { saleId: waterLine.saleId }).code).toBe('ALREADY_VOIDED');
  });

  it('voiding the slip voids its lines and the money taken on it: balances and forecasts are as before', () => {
    const earlier = b.call('sales.record', { customerId, productId: rice.id, quantity: 5, paid: false, date: '2026-10-01' });
    const forecastBefore = forecastsOf(customerId);
    const owedBefore = owed(customerId);
    const slip = creditSlip();
    expect(owed(customerId)).toBeGreaterThan(owedBefore);
    const voided = b.call('slips.void', { id: slip.id, reason: '客户退货' });
    expect(voided.voidedAt).not.toBeNull();
    expect(voided.totalFen).toBe(0);
    expect(voided.lines.every((l) => l.voidReason === '客户退货')).toBe(true);
    expect(owed(customerId)).toBe(owedBefore);
    expect(forecastsOf(customerId)).toEqual(forecastBefore);
    expect(tableRows(b, 'payments', 'id').every((p) => p.voided_at !== null)).toBe(true);
    expect(b.call('sales.listForCustomer', { customerId }).find((s) => s.id === earlier.id)!.voidedAt).toBeNull();
    expect(b.callError('slips.void', { id: slip.id }).code).toBe('ALREADY_VOIDED');
    expect(b.callError('slips.voidLine', { saleId: slip.lines[0]!.saleId }).code).toBe('ALREADY_VOIDED');
  });

  it("a slip's line is not voided, corrected or restored as a lone sale: SALE_ON_SLIP, nothing changed", () => {
    const slip = creditSlip();
    const line = slip.lines[0]!;
    expect(b.call('sales.listForCustomer', { customerId }).find((s) => s.id === line.saleId)).toMatchObject({ slipId: slip.id });
    const before = state();
    expect(b.callError('sales.void', { id: line.saleId, reason: '' }).code).toBe('SALE_ON_SLIP');
    expect(b.callError('sales.correct', { id: line.saleId, draft: { productId: rice.id, quantity: 1, paid: true } }).code).toBe('SALE_ON_SLIP');
    expect(state()).toEqual(before);
    expect(b.call('slips.get', { id: slip.id }).lines[0]!.voidedAt).toBeNull();
    b.call('slips.voidLine', { saleId: line.saleId, reason: '拿错了' });
    const voided = state();
    expect(b.callError('sales.unvoid', { id: line.saleId }).code).toBe('SALE_ON_SLIP');
    expect(state()).toEqual(voided);
    expect(voided).not.toEqual(before);
  });

  it('a sale recorded alone is no line of a slip', () => {
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 5, paid: true });
    expect(b.callError('slips.voidLine', { saleId: sale.id }).code).toBe('NOT_FOUND');
  });
});

describe('slips.list (the sales journal)', () => {
  it('filters by date, household and payment method; counts and totals leave voided slips out', () => {
    const cash = (amountFen: number) => [{ method: 'cash', amountFen }];
    const a = b.call('slips.create', { customerId, lines: [{ productId: rice.id, quantity: 1 }], payments: cash(rice.priceFen), date: '2026-11-20' });
    const walkIn = b.call('slips.create', { lines: [{ productId: water.id, quantity: 1 }], payments: [{ method: 'wechat', amountFen: water.priceFen }] });
    const voided = b.call('slips.create', { customerId, lines: [{ productId: water.id, quantity: 2 }], payments: cash(2 * water.priceFen) });
    b.call('slips.void', { id: voided.id, reason: '' });

    const all = b.call('slips.list', {});
    expect(all.entries.map((s) => s.id)).toEqual([voided.id, walkIn.id, a.id]);
    expect(all).toMatchObject({ count: 2, totalFen: rice.priceFen + water.priceFen });
    expect(all.entries.find((s) => s.id === walkIn.id)).toMatchObject({
      customerName: null,
      lineCount: 1,
      payments: [{ method: 'wechat', amountFen: water.priceFen }],
    });
    expect(b.call('slips.list', { to: '2026-11-21' }).entries.map((s) => s.id)).toEqual([a.id]);
    expect(b.call('slips.list', { customerId }).entries.map((s) => s.id)).toEqual([voided.id, a.id]);
    expect(b.call('slips.list', { method: 'wechat' })).toMatchObject({ count: 1, totalFen: water.priceFen });
  });

  it('holds the sales recorded alone (记一笔) too, and filters by product and by how they were paid', () => {
    const slip = b.call('slips.create', {
      customerId,
      lines: [
        { productId: rice.id, quantity: 2 },
        { productId: oil.id, quantity: 1 },
      ],
      payments: [{ method: 'cash', amountFen: 2 * rice.priceFen + oil.priceFen }],
    });
    const paid = b.call('sales.record', { customerId, productId: water.id, quantity: 3, paid: true });
    const owed = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: false, date: '2026-11-21' });
    const gone = b.call('sales.record', { customerId, productId: water.id, quantity: 1, paid: true });
    b.call('sales.void', { id: gone.id, reason: '' });

    const all = b.call('slips.list', {});
    expect(all.entries.map((e) => [e.kind, e.id])).toEqual([
      ['sale', gone.id],
      ['sale', paid.id],
      ['slip', slip.id],
      ['sale', owed.id],
    ]);
    expect(all).toMatchObject({ count: 3, totalFen: slip.totalFen + paid.amountFen + owed.amountFen });
    expect(all.entries[1]).toMatchObject({
      customerName: '张三丰',
      products: water.name,
      lineCount: 1,
      payments: [{ method: 'unrecorded', amountFen: paid.amountFen }],
    });
    expect(all.entries[2]).toMatchObject({ products: `大米、食用油`, lineCount: 2 });
    expect(all.entries[3]!.payments).toEqual([{ method: 'credit', amountFen: owed.amountFen }]);
    const ids = (filter: object) => b.call('slips.list', filter).entries.map((e) => e.id);
    expect(ids({ productId: rice.id })).toEqual([slip.id, owed.id]);
    expect(ids({ productId: oil.id, from: PINNED_TODAY })).toEqual([slip.id]);
    expect(ids({ method: 'unrecorded' })).toEqual([gone.id, paid.id]);
    expect(ids({ method: 'credit' })).toEqual([owed.id]);
    expect(ids({ from: '2026-11-21', to: '2026-11-21' })).toEqual([owed.id]);
  });
});
