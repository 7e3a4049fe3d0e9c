import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberRulesInput, Product } from '../../shared/contract.ts';
import { draft, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let rice: Product;
let water: Product;
let customerId: number;
beforeEach(() => {
  ({ b, rice, water } = startedShop());
  customerId = b.call('customers.create', { draft: draft() }).id;
});
afterEach(() => b.dispose());

const rules = (overrides: Partial<MemberRulesInput> = {}): MemberRulesInput => ({
  pointsPerYuan: 10,
  pointsPerYuanOff: 100,
  discounts: { vip: 10, key: 5, regular: 2, paid: 8 },
  priceFen: 9900,
  days: 365,
  ...overrides,
});
const status = (id = customerId) => b.call('membership.status', { customerId: id });
const points = (id = customerId) => status(id).points;
/** Everything membership and a slip write, to prove a refused call wrote nothing. */
const state = () => ({
  ...b.snapshot(),
  slips: b.count('slips'),
  member_rules: b.count('member_rules'),
  memberships: b.count('memberships'),
  point_redemptions: b.count('point_redemptions'),
});

/** 2 x 12.50 + 1 x 7.99 = 32.99 yuan: 329 points at 10 a yuan. */
function bigSlip(id = customerId, date?: string) {
  return b.call('slips.create', {
    customerId: id,
    lines: [
      { productId: rice.id, quantity: 2, unitPriceFen: 1250 },
      { productId: water.id, quantity: 1, unitPriceFen: 799 },
    ],
    payments: [{ method: 'cash', amountFen: 3299 }],
    ...(date ? { date } : {}),
  });
}

describe('points earned', () => {
  it('are summed from the live sales at the rate of their day, a slip counted whole', () => {
    b.call('membership.setRules', rules());
    bigSlip();
    expect(points()).toEqual({ earned: 329, redeemed: 0, balance: 329 });
    // A sale recorded alone earns on its own: 10.55 yuan -> 105
    b.call('sales.record', { customerId, productId: rice.id, quantity: 1, amountFen: 1055, paid: true });
    expect(points().earned).toBe(329 + 105);
    // A slip dated before the rules were set earns nothing: points start the day the owner sets them.
    bigSlip(customerId, '2026-11-01');
    expect(points().earned).toBe(329 + 105);
  });

  it('a new rate applies from its day on, never to the points already earned', () => {
    b.call('membership.setRules', rules());
    bigSlip(customerId, '2026-11-22');
    // Set again today: today's slips follow the later rate (a rate is for the whole day it is set).
    b.call('membership.setRules', rules({ pointsPerYuan: 1 }));
    expect(points().earned).toBe(32);
  });

  it('a voided line takes its points back, a voided slip all of them', () => {
    b.call('membership.setRules', rules());
    const slip = bigSlip();
    b.call('slips.voidLine', { saleId: slip.lines[1]!.saleId, reason: '退货' });
    expect(points().earned).toBe(250); // 25.00 yuan left
    b.call('slips.void', { id: slip.id, reason: '' });
    expect(points().earned).toBe(0);
  });

  it('a negative rate is refused and the rules stay as they were', () => {
    b.call('membership.setRules', rules());
    const before = state();
    const error = b.callError('membership.setRules', rules({ pointsPerYuan: -1 }));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]?.path).toEqual(['pointsPerYuan']);
    expect(state()).toEqual(before);
    expect(b.call('membership.rules', {}).pointsPerYuan).toBe(10);
  });
});

describe('points redeemed at the slip', () => {
  /** 6.00 + 4.00 less 200 points (2 yuan): the lines charge 4.80 and 3.20. */
  function redeemSlip(paymentFen = 800, method: 'cash' | 'credit' = 'cash') {
    return b.call('slips.create', {
      customerId,
      lines: [
        { productId: rice.id, quantity: 1, unitPriceFen: 600 },
        { productId: water.id, quantity: 1, unitPriceFen: 400 },
      ],
      payments: [{ method, amountFen: paymentFen }],
      member: { redeemPoints: 200 },
    });
  }

  beforeEach(() => {
    b.call('membership.setRules', rules());
    bigSlip();
  });

  it('takes the points off the slip, spread over its lines, as a fact of the slip', () => {
    const slip = redeemSlip();
    expect(slip.totalFen).toBe(800);
    expect(slip.lines.map((l) => [l.unitPriceFen, l.amountFen])).toEqual([
      [600, 480],
      [400, 320],
    ]);
    expect(b.count('point_redemptions')).toBe(1);
    // 329 + 80 (8.00 paid) earned, 200 spent
    expect(points()).toEqual({ earned: 409, redeemed: 200, balance: 209 });
    // the owner's takings are what was paid
    expect(b.call('owner.home', {}).takings.todayFen).toBe(3299 + 800);
  });

  it('on credit, the household owes the slip less the points', () => {
    redeemSlip(800, 'credit');
    expect(b.call('credit.ledger', { customerId }).balanceFen).toBe(800);
  });

  it('voiding the slip gives the points back', () => {
    const slip = redeemSlip();
    b.call('slips.void', { id: slip.id, reason: '' });
    expect(points()).toEqual({ earned: 329, redeemed: 0, balance: 329 });
  });

  it('the payments add up to what is left after the points', () => {
    const before = state();
    const error = b.callError('slips.create', {
      customerId,
      lines: [{ productId: rice.id, quantity: 1, unitPriceFen: 600 }],
      payments: [{ method: 'cash', amountFen: 600 }],
      member: { redeemPoints: 200 },
    });
    expect(error.issues?.[0]?.issue).toBe('split_mismatch');
    expect(state()).toEqual(before);
  });

  it('refuses more points than held, points worth the whole slip, and points on a walk-in: nothing written', () => {
    const before = state();
    const tooMany = { customerId, lines: [{ productId: rice.id, quantity: 10, unitPriceFen: 600 }], payments: [{ method: 'cash', amountFen: 5670 }] };
    expect(b.callError('slips.create', { ...tooMany, member: { redeemPoints: 330 } }).code).toBe('POINTS_NOT_ENOUGH');
    const small = { customerId, lines: [{ productId: rice.id, quantity: 1, unitPriceFen: 300 }], payments: [{ method: 'cash', amountFen: 1 }] };
    expect(b.callError('slips.create', { ...small, member: { redeemPoints: 300 } }).code).toBe('POINTS_OVER_TOTAL');
    expect(b.callError('slips.create', { ...small, customerId: null, member: { redeemPoints: 100 } }).code).toBe('NOT_A_MEMBER');
    expect(b.callError('slips.create', { ...small, member: { redeemPoints: -5 } }).code).toBe('VALIDATION');
    expect(state()).toEqual(before);
    expect(points().balance).toBe(329);
  });
});

describe('member levels and the member price', () => {
  it('a bought membership runs from today, a second one on from its end, and is undone by a void', () => {
    expect(b.callError('membership.buy', { customerId, method: 'cash' }).code).toBe('MEMBERSHIP_NOT_OFFERED');
    expect(b.count('memberships')).toBe(0);
    b.call('membership.setRules', rules());
    const first = b.call('membership.buy', { customerId, method: 'wechat' });
    expect(first).toMatchObject({ tier: null, level: 'paid', discountPct: 8, paidUntil: '2027-11-21' });
    const second = b.call('membership.buy', { customerId, method: 'cash' });
    expect(second.paidUntil).toBe('2028-11-20');
    expect(second.purchases.map((p) => [p.startDate, p.endDate, p.priceFen])).toEqual([
      ['2027-11-22', '2028-11-20', 9900],
      ['2026-11-22', '2027-11-21', 9900],
    ]);
    const undone = b.call('membership.voidPurchase', { id: second.purchases[0]!.id, reason: '' });
    expect(undone.paidUntil).toBe('2027-11-21');
    expect(b.callError('membership.voidPurchase', { id: second.purchases[0]!.id }).code).toBe('ALREADY_VOIDED');
    b.call('membership.voidPurchase', { id: second.purchases[1]!.id });
    expect(status()).toMatchObject({ level: null, paidUntil: null });
  });

  it('the top of the pyramid is a VIP member: its lines at the VIP price; a household that is none is refused', () => {
    b.call('membership.setRules', rules());
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: ['13900000000'] }) }).id;
    bigSlip(); // the only household with spend: the VIP (a small shop still has one)
    expect(status()).toMatchObject({ tier: 'vip', level: 'vip', discountPct: 10 });
    const slip = b.call('slips.create', {
      customerId,
      lines: [
        { productId: rice.id, quantity: 3, unitPriceFen: 1250 },
        { productId: water.id, quantity: 1 },
      ],
      payments: [{ method: 'cash', amountFen: 3 * 1125 + Math.round(water.priceFen * 0.9) }],
      member: { price: true },
    });
    expect(slip.lines.map((l) => [l.unitPriceFen, l.amountFen])).toEqual([
      [1125, 3375],
      [Math.round(water.priceFen * 0.9), Math.round(water.priceFen * 0.9)],
    ]);
    const before = state();
    const asked = { customerId: other, lines: [{ productId: rice.id, quantity: 1, unitPriceFen: 1000 }], payments: [{ method: 'cash', amountFen: 900 }] };
    expect(b.callError('slips.create', { ...asked, member: { price: true } }).code).toBe('NOT_A_MEMBER');
    expect(state()).toEqual(before);
    // Once it bought a membership, the paid level's price
    b.call('membership.buy', { customerId: other, method: 'cash' });
    const paid = b.call('slips.create', { ...asked, payments: [{ method: 'cash', amountFen: 920 }], member: { price: true } });
    expect(paid.lines[0]).toMatchObject({ unitPriceFen: 920, amountFen: 920 });
  });
});
