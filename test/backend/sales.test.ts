import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/contract.ts';
import { draft, PINNED_NOW, PINNED_TODAY, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let customerId: number;
let rice: Product;
let water: Product;
beforeEach(() => {
  ({ b, rice, water } = startedShop());
  customerId = b.call('customers.create', { draft: draft() }).id;
});
afterEach(() => b.dispose());

describe('sales.record', () => {
  it('uses the product price and computes the amount; the date defaults to today', () => {
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: false });
    expect(sale).toEqual({
      id: sale.id,
      customerId,
      productId: rice.id,
      productName: '大米',
      unit: 'kg',
      quantity: 10,
      unitPriceFen: 600,
      amountFen: 6000,
      paid: false,
      date: PINNED_TODAY,
      createdAt: new Date(PINNED_NOW).toISOString(),
      voidedAt: null,
      voidReason: null,
      replacesSaleId: null,
      replacedBySaleId: null,
      stockLeft: null,
      slipId: null,
    });
  });

  it('answers with exactly the sale as stored (it is not read back): stock left, a correction', () => {
    const stored = (id: number) => b.call('sales.listForCustomer', { customerId }).find((s) => s.id === id);
    const sale = b.call('sales.record', { customerId, productId: water.id, quantity: 2.5, amountFen: 1999, paid: true, date: '2026-11-01', stockLeft: 0.5 });
    expect(sale).toEqual(stored(sale.id));
    const corrected = b.call('sales.correct', { id: sale.id, draft: { productId: rice.id, quantity: 3, paid: false }, reason: '' });
    expect(corrected).toEqual(stored(corrected.id));
    expect(corrected.replacesSaleId).toBe(sale.id);
    const minusZero = b.call('sales.record', { customerId, productId: water.id, quantity: 1 / 3, paid: true, stockLeft: -0 });
    expect(minusZero).toEqual(stored(minusZero.id));
    expect(Object.is(minusZero.stockLeft, 0)).toBe(true);
  });

  it('rounds a fractional quantity to the fen', () => {
    expect(b.call('sales.record', { customerId, productId: rice.id, quantity: 2.345, paid: true }).amountFen).toBe(1407); // 1407.0
    expect(b.call('sales.record', { customerId, productId: rice.id, quantity: 0.0025, paid: true }).amountFen).toBe(2); // 1.5 -> 2
  });

  it('takes an explicit unit price, and an explicit amount (a discount) as charged', () => {
    const priced = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, unitPriceFen: 550, paid: true });
    expect(priced).toMatchObject({ unitPriceFen: 550, amountFen: 5500 });
    const discounted = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, amountFen: 5800, paid: true });
    expect(discounted).toMatchObject({ unitPriceFen: 600, amountFen: 5800 });
    const free = b.call('sales.record', { customerId, productId: water.id, quantity: 1, amountFen: 0, paid: true });
    expect(free.amountFen).toBe(0);
  });

  it('keeps the price the sale was made at when the product price changes later', () => {
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true });
    b.call('products.update', { id: rice.id, draft: { name: '大米', unit: 'kg', priceFen: 700, dailyUse: rice.dailyUse } });
    expect(b.call('sales.listForCustomer', { customerId })[0]).toMatchObject({ id: sale.id, unitPriceFen: 600, amountFen: 6000 });
  });

  it('takes an explicit date, including a leap day', () => {
    expect(b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true, date: '2024-02-29' }).date).toBe('2024-02-29');
  });

  it('NOT_FOUND for an unknown customer or product, and nothing written', () => {
    const before = b.snapshot();
    const noCustomer = b.callError('sales.record', { customerId: 999, productId: rice.id, quantity: 1, paid: true });
    expect(noCustomer).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'customer', id: 999 } });
    const noProduct = b.callError('sales.record', { customerId, productId: 999, quantity: 1, paid: true });
    expect(noProduct).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'product', id: 999 } });
    expect(b.snapshot()).toEqual(before);
  });

  it.each([
    ['quantity 0', { quantity: 0 }, 'quantity'],
    ['negative quantity', { quantity: -2 }, 'quantity'],
    ['quantity over 100000', { quantity: 100_001 }, 'quantity'],
    ['quantity as a string', { quantity: '10' }, 'quantity'],
    ['NaN quantity', { quantity: Number.NaN }, 'quantity'],
    ['negative amount', { amountFen: -1 }, 'amountFen'],
    ['fractional amount', { amountFen: 10.5 }, 'amountFen'],
    ['negative unit price', { unitPriceFen: -600 }, 'unitPriceFen'],
    ['impossible date', { date: '2026-02-30' }, 'date'],
    ['date in another format', { date: '22/11/2026' }, 'date'],
    ['paid missing', { paid: undefined }, 'paid'],
    ['customer id 0', { customerId: 0 }, 'customerId'],
    ['unknown key', { discount: 5 }, ''],
  ])('VALIDATION for %s, nothing written', (_label, patch, field) => {
    const before = b.snapshot();
    const error = b.callError('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true, ...patch });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues!.map((i) => i.path.join('.'))).toContain(field);
    expect(b.snapshot()).toEqual(before);
  });
});

describe('sales.listForCustomer', () => {
  it('lists newest first (by date, then by entry), only this customer, within the limit', () => {
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: [] }) }).id;
    const s1 = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true, date: '2026-10-01' });
    const s2 = b.call('sales.record', { customerId, productId: rice.id, quantity: 2, paid: true, date: '2026-11-20' });
    const s3 = b.call('sales.record', { customerId, productId: water.id, quantity: 3, paid: true, date: '2026-09-15' });
    const s4 = b.call('sales.record', { customerId, productId: water.id, quantity: 4, paid: true, date: '2026-11-20' });
    b.call('sales.record', { customerId: other, productId: rice.id, quantity: 9, paid: true });
    expect(b.call('sales.listForCustomer', { customerId }).map((s) => s.id)).toEqual([s4.id, s2.id, s1.id, s3.id]);
    expect(b.call('sales.listForCustomer', { customerId, limit: 2 }).map((s) => s.id)).toEqual([s4.id, s2.id]);
  });

  it('is empty for a customer without sales, NOT_FOUND for an unknown one', () => {
    expect(b.call('sales.listForCustomer', { customerId })).toEqual([]);
    expect(b.callError('sales.listForCustomer', { customerId: 999 }).code).toBe('NOT_FOUND');
  });
});

describe('sales.correct and sales.void', () => {
  it('a correction voids the original (kept, with reason and link) and records the new sale pointing back', () => {
    const original = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: false, date: '2026-11-20' });
    const corrected = b.call('sales.correct', {
      id: original.id,
      draft: { productId: rice.id, quantity: 5, paid: false, date: '2026-11-20' },
      reason: '称错了',
    });
    expect(corrected).toMatchObject({
      customerId,
      productId: rice.id,
      quantity: 5,
      amountFen: 3000,
      date: '2026-11-20',
      voidedAt: null,
      replacesSaleId: original.id,
      replacedBySaleId: null,
    });
    const kept = b.call('sales.listForCustomer', { customerId }).find((s) => s.id === original.id)!;
    expect(kept).toMatchObject({
      quantity: 10,
      amountFen: 6000,
      voidedAt: new Date(PINNED_NOW).toISOString(),
      voidReason: '称错了',
      replacedBySaleId: corrected.id,
      replacesSaleId: null,
    });
    expect(b.count('sales')).toBe(2);
  });

  it('a correction may change the product; the customer stays the original one', () => {
    const original = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    const corrected = b.call('sales.correct', { id: original.id, draft: { productId: water.id, quantity: 2, paid: true } });
    expect(corrected).toMatchObject({ customerId, productId: water.id, productName: '桶装水 18.9L', unit: 'bucket', amountFen: 3000, date: PINNED_TODAY });
    const withCustomer = b.callError('sales.correct', { id: corrected.id, draft: { customerId: 99, productId: water.id, quantity: 2, paid: true } });
    expect(withCustomer.code).toBe('VALIDATION');
  });

  it('is one transaction: a correction that fails leaves the original untouched', () => {
    const original = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: false });
    const before = b.snapshot();
    const error = b.callError('sales.correct', { id: original.id, draft: { productId: 999, quantity: 5, paid: false }, reason: 'x' });
    expect(error.code).toBe('NOT_FOUND');
    expect(b.snapshot()).toEqual(before);
    expect(b.call('sales.listForCustomer', { customerId })).toEqual([original]);
  });

  it('voids a sale, keeping it with its reason; voiding twice is ALREADY_VOIDED', () => {
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: false });
    const voided = b.call('sales.void', { id: sale.id, reason: '退货' });
    expect(voided).toMatchObject({ id: sale.id, voidedAt: new Date(PINNED_NOW).toISOString(), voidReason: '退货', replacedBySaleId: null });
    const again = b.callError('sales.void', { id: sale.id, reason: '再退' });
    expect(again).toMatchObject({ code: 'ALREADY_VOIDED', details: { id: sale.id } });
    expect(b.call('sales.listForCustomer', { customerId })).toEqual([voided]);
  });

  it('a voided or already corrected sale cannot be corrected; nothing written', () => {
    const a = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    b.call('sales.void', { id: a.id });
    const c = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    b.call('sales.correct', { id: c.id, draft: { productId: rice.id, quantity: 2, paid: true } });
    const before = b.snapshot();
    for (const id of [a.id, c.id]) {
      expect(b.callError('sales.correct', { id, draft: { productId: rice.id, quantity: 3, paid: true } }).code).toBe('ALREADY_VOIDED');
    }
    expect(b.snapshot()).toEqual(before);
  });

  it('an empty reason is stored as empty text', () => {
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    expect(b.call('sales.void', { id: sale.id }).voidReason).toBe('');
  });

  it('NOT_FOUND for voiding or correcting an unknown sale; reason over 200 is VALIDATION', () => {
    expect(b.callError('sales.void', { id: 999 }).code).toBe('NOT_FOUND');
    expect(b.callError('sales.correct', { id: 999, draft: { productId: rice.id, quantity: 1, paid: true } }).code).toBe('NOT_FOUND');
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    expect(b.callError('sales.void', { id: sale.id, reason: 'x'.repeat(201) }).code).toBe('VALIDATION');
    expect(b.call('sales.listForCustomer', { customerId })[0]!.voidedAt).toBeNull();
  });
});

describe('sales.unvoid', () => {
  it('undoes a void: the sale counts again, on the balance and the forecast', () => {
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: false });
    const owed = b.call('credit.ledger', { customerId }).balanceFen;
    const forecast = b.call('forecasts.forCustomer', { customerId });
    b.call('sales.void', { id: sale.id, reason: '记错了客户' });
    expect(b.call('credit.ledger', { customerId }).balanceFen).toBe(0);
    expect(b.call('sales.unvoid', { id: sale.id })).toEqual(sale);
    expect(b.call('credit.ledger', { customerId }).balanceFen).toBe(owed);
    expect(b.call('forecasts.forCustomer', { customerId })).toEqual(forecast);
  });

  it('refuses a sale that is not voided (NOT_VOIDED) and a corrected one (UNDO_SUPERSEDED); nothing written', () => {
    const live = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    const corrected = b.call('sales.record', { customerId, productId: rice.id, quantity: 1, paid: true });
    b.call('sales.correct', { id: corrected.id, draft: { productId: rice.id, quantity: 2, paid: true } });
    const before = b.snapshot();
    expect(b.callError('sales.unvoid', { id: live.id })).toMatchObject({ code: 'NOT_VOIDED', details: { id: live.id } });
    expect(b.callError('sales.unvoid', { id: corrected.id }).code).toBe('UNDO_SUPERSEDED');
    expect(b.callError('sales.unvoid', { id: 999 }).code).toBe('NOT_FOUND');
    expect(b.snapshot()).toEqual(before);
  });
});
