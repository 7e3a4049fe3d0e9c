import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerMoveDraftInput, Product } from '../../shared/contract.ts';
import { draft, PINNED_TODAY, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let water: Product;
let rice: Product;
let customerId: number;
beforeEach(() => {
  ({ b, water, rice } = startedShop());
  customerId = b.call('customers.create', { draft: draft() }).id;
});
afterEach(() => b.dispose());

/** A slip of `buckets` of water (paid in cash, none when 0) with its containers. */
function waterSlip(buckets: number, containers: ContainerMoveDraftInput[], extra: { customerId?: number | null; date?: string } = {}) {
  return b.call('slips.create', {
    customerId: extra.customerId === undefined ? customerId : extra.customerId,
    lines: buckets > 0 ? [{ productId: water.id, quantity: buckets }] : [],
    payments: buckets > 0 ? [{ method: 'cash', amountFen: buckets * water.priceFen }] : [],
    containers,
    ...(extra.date ? { date: extra.date } : {}),
  });
}
const buckets = (m: Omit<ContainerMoveDraftInput, 'container'>): ContainerMoveDraftInput => ({ container: 'bucket', ...m });
const balance = (id = customerId) => b.call('containers.forCustomer', { customerId: id });
const state = () => ({
  ...b.snapshot(),
  slips: b.count('slips'),
  moves: b.count('container_moves'),
  deposits: b.count('container_deposits'),
  balance: balance(),
});

describe('products name their container and its deposit', () => {
  it('the default bucket water goes out in a bucket on a ¥30 deposit; a product takes and changes one', () => {
    expect([water.container, water.depositFen]).toEqual(['bucket', 3000]);
    expect([rice.container, rice.depositFen]).toEqual([null, 0]);
    const { id: _id, learned: _l, archivedAt: _a, ...fields } = rice;
    const milk = b.call('products.update', { id: rice.id, draft: { ...fields, name: '鲜奶', unit: 'bottle', container: 'bottle', depositFen: 200 } });
    expect([milk.container, milk.depositFen]).toEqual(['bottle', 200]);
    expect(b.callError('products.update', { id: rice.id, draft: { ...fields, container: 'barrel' } }).code).toBe('VALIDATION');
  });
});

describe('containers out, in and owed', () => {
  it('a delivery sends buckets out and brings empties back; what the deposit does not cover is owed', () => {
    const first = waterSlip(2, [buckets({ out: 2, depositPaid: 1 })]);
    expect(balance()).toEqual([{ container: 'bucket', out: 2, returned: 0, held: 2, depositCount: 1, depositFen: 3000, owes: 1 }]);
    expect(b.call('containers.forSlip', { slipId: first.id })).toEqual({
      moves: [{ container: 'bucket', out: 2, in: 0, depositPaid: 1, depositPaidFen: 3000, refunded: 0, refundedFen: 0, voidedAt: null }],
      balances: balance(),
    });
    waterSlip(2, [buckets({ out: 2, in: 2 })]);
    expect(balance()[0]).toMatchObject({ out: 4, returned: 2, held: 2, owes: 1 });
    expect(b.call('containers.owing', {})).toEqual({
      rows: [
        {
          customerId,
          name: '张三丰',
          phone: '13812345678',
          area: '幸福小区',
          container: 'bucket',
          held: 2,
          depositCount: 1,
          owes: 1,
          lastDate: PINNED_TODAY,
        },
      ],
      total: 1,
      owes: 1,
    });
    // A slip of empties alone: no line, no payment.
    const back = waterSlip(0, [buckets({ in: 1 })]);
    expect(back).toMatchObject({ lines: [], payments: [], totalFen: 0 });
    expect(balance()[0]).toMatchObject({ held: 1, owes: 0 });
    expect(b.call('containers.owing', {})).toEqual({ rows: [], total: 0, owes: 0 });
  });

  it('a walk-in swaps an empty for a full bucket, takes another on its deposit, and owes nothing', () => {
    const slip = waterSlip(2, [buckets({ out: 2, in: 1, depositPaid: 1 })], { customerId: null });
    expect(b.call('containers.forSlip', { slipId: slip.id })).toMatchObject({ moves: [{ out: 2, in: 1, depositPaidFen: 3000 }], balances: null });
    expect(b.call('containers.owing', {}).rows).toEqual([]);
  });
});

describe('deposits refunded at the price paid then, oldest first', () => {
  it('a 2019 deposit of ¥30 comes back at ¥30 after the deposit went up to ¥50', () => {
    waterSlip(1, [buckets({ out: 1, depositPaid: 1 })], { date: '2019-05-01' });
    const { id: _id, learned: _l, archivedAt: _a, ...fields } = water;
    b.call('products.update', { id: water.id, draft: { ...fields, depositFen: 5000 } });
    waterSlip(1, [buckets({ out: 1, depositPaid: 1 })]);
    expect(balance()[0]).toMatchObject({ held: 2, depositCount: 2, depositFen: 8000 });

    const refund = waterSlip(0, [buckets({ in: 1, refunded: 1 })]);
    expect(b.call('containers.forSlip', { slipId: refund.id }).moves).toMatchObject([{ in: 1, refunded: 1, refundedFen: 3000 }]);
    expect(balance()[0]).toMatchObject({ held: 1, depositCount: 1, depositFen: 5000, owes: 0 });
    const second = waterSlip(0, [buckets({ in: 1, refunded: 1 })]);
    expect(b.call('containers.forSlip', { slipId: second.id }).moves[0]!.refundedFen).toBe(5000);
    expect(balance()[0]).toMatchObject({ held: 0, depositCount: 0, depositFen: 0 });
  });
});

describe('voiding a slip voids its containers and deposits', () => {
  it('the balance goes back to what it was before the slip', () => {
    waterSlip(2, [buckets({ out: 2, depositPaid: 2 })]);
    const before = balance();
    const refund = waterSlip(0, [buckets({ in: 1, refunded: 1 })]);
    expect(balance()[0]).toMatchObject({ held: 1, depositCount: 1 });
    const voided = b.call('slips.void', { id: refund.id, reason: '记错了' });
    expect(voided.voidedAt).not.toBeNull();
    expect(balance()).toEqual(before);
    expect(b.call('containers.forSlip', { slipId: refund.id }).moves[0]!.voidedAt).not.toBeNull();
  });

  it('refuses, changing nothing, to void a slip whose buckets or deposit a later slip brought back or refunded', () => {
    const first = waterSlip(2, [buckets({ out: 2, depositPaid: 1 })]);
    waterSlip(0, [buckets({ in: 2, refunded: 1 })]);
    const before = state();
    expect(b.callError('slips.void', { id: first.id, reason: '' }).code).toBe('CONTAINERS_VOID_CONFLICT');
    expect(state()).toEqual(before);
    expect(b.call('slips.get', { id: first.id }).voidedAt).toBeNull();
  });
});

describe('bad input is refused with a reason and changes nothing', () => {
  it.each<[string, () => unknown, string]>([
    ['more back than held', () => waterSlip(0, [buckets({ in: 3 })]), 'containers_more_than_held'],
    ['a refund with no deposit', () => waterSlip(0, [{ container: 'cylinder', refunded: 1 }]), 'refund_without_deposit'],
    ['a refund beyond the deposit', () => waterSlip(0, [buckets({ in: 2, refunded: 2 })]), 'refund_without_deposit'],
    ['a refund of more than came back', () => waterSlip(0, [buckets({ in: 0, refunded: 1 })]), 'refund_more_than_returned'],
    ['a negative count', () => waterSlip(1, [buckets({ out: -1 })]), 'too_small'],
    ['a walk-in owing buckets', () => waterSlip(1, [buckets({ out: 1 })], { customerId: null }), 'walk_in_owes_containers'],
    ['a walk-in bringing more back than it takes', () => waterSlip(0, [buckets({ in: 1 })], { customerId: null }), 'walk_in_returns_containers'],
    ['a container given twice', () => waterSlip(1, [buckets({ out: 1 }), buckets({ in: 1 })]), 'duplicate_container'],
    ['a deposit with no price', () => waterSlip(1, [{ container: 'milk_box', out: 1, depositPaid: 1 }]), 'no_deposit_price'],
    ['a slip moving nothing', () => waterSlip(0, [buckets({})]), 'too_small'],
  ])('%s', (_, act, issue) => {
    waterSlip(2, [buckets({ out: 2, depositPaid: 1 })]);
    const before = state();
    let error: unknown;
    try {
      act();
    } catch (e) {
      error = e;
    }
    expect(String(error)).toContain('VALIDATION');
    expect(String(error)).toContain(issue);
    expect(state()).toEqual(before);
  });
});

describe("the day's close", () => {
  it('counts deposits taken less those given back, as cash of their own source', () => {
    waterSlip(2, [buckets({ out: 2, depositPaid: 2 })]); // ¥60.00 of deposits in
    waterSlip(0, [buckets({ in: 1, refunded: 1 })]); // ¥30.00 back
    const close = b.call('dayClose.get', { date: b.context.today() });
    expect(close.money.filter((m) => m.source === 'deposits').reduce((s, m) => s + m.amountFen, 0)).toBe(3000);
    expect(close.money.filter((m) => m.source === 'slips').reduce((s, m) => s + m.amountFen, 0)).toBe(2 * water.priceFen);
  });
});
