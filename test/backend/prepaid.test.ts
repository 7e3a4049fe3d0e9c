import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { openDatabase } from '../../electron/backend/db/open.ts';
import type { PlanDraftInput, Product } from '../../shared/contract.ts';
import { draft, makeBackend, makeTempDir, migrationsDirWith, PINNED_TODAY, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let rice: Product;
let water: Product;
let customerId: number;
beforeEach(() => {
  ({ b, rice, water } = startedShop());
  customerId = b.call('customers.create', { draft: draft() }).id;
});
afterEach(() => b.dispose());

/** 20 tickets for ¥300, 2 free; a renewal call at 2 left or fewer. */
const waterPlan = (): Extract<PlanDraftInput, { kind: 'tickets' }> => ({
  kind: 'tickets',
  name: '水票 20+2',
  productId: water.id,
  tickets: 20,
  bonusTickets: 2,
  priceFen: 30000,
  lowTickets: 2,
});
/** 充 500 送 50. */
const storedPlan: PlanDraftInput = { kind: 'stored', name: '充500送50', priceFen: 50000, bonusFen: 5000, lowFen: 10000 };

const savePlan = (plan: PlanDraftInput) => b.call('prepaid.savePlan', { draft: plan });
const sell = (planId: number, method: 'cash' | 'wechat' = 'wechat') => b.call('prepaid.sell', { customerId, planId, method });
const balances = () => b.call('prepaid.forCustomer', { customerId }).balances;
const waterLeft = () => balances().tickets.find((t) => t.productId === water.id)?.left ?? 0;
/** A slip of `quantity` buckets, `tickets` of them paid by tickets and the rest in cash. */
const waterSlip = (quantity: number, tickets: number) => {
  const ticketsFen = tickets * water.priceFen;
  const cashFen = quantity * water.priceFen - ticketsFen;
  return b.callRaw('slips.create', {
    customerId,
    lines: [{ productId: water.id, quantity, tickets }],
    payments: [{ method: 'tickets', amountFen: ticketsFen }, ...(cashFen > 0 ? [{ method: 'cash', amountFen: cashFen }] : [])],
  });
};
/** Every table a prepaid write touches, to prove a refused one wrote nothing. */
const state = () => ({
  ...b.snapshot(),
  entries: b.count('prepaid_entries'),
  plans: b.count('prepaid_plans'),
  slips: b.count('slips'),
  tenders: b.count('slip_payments'),
});

describe('plans', () => {
  it('keeps a ticket plan and a stored-value plan, and refuses a plan of 0 tickets with a field issue', () => {
    const tickets = savePlan(waterPlan());
    expect(tickets).toMatchObject({
      kind: 'tickets',
      productId: water.id,
      productName: water.name,
      units: 20,
      bonusUnits: 2,
      priceFen: 30000,
      lowAt: 2,
      refundRule: 'forfeitBonus',
    });
    expect(savePlan(storedPlan)).toMatchObject({ kind: 'stored', productId: null, units: 50000, bonusUnits: 5000, lowAt: 10000 });
    const before = state();
    const error = b.callError('prepaid.savePlan', { draft: { ...waterPlan(), tickets: 0 } });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]).toMatchObject({ path: ['draft', 'tickets'], issue: 'too_small' });
    expect(state()).toEqual(before);
  });

  it('an archived plan is not listed nor sold, and a bundle sold before keeps its terms when the plan changes', () => {
    const plan = savePlan(waterPlan());
    sell(plan.id);
    b.call('prepaid.savePlan', { id: plan.id, draft: { ...waterPlan(), lowTickets: 10 } });
    expect(balances().tickets[0]).toMatchObject({ left: 22, lowAt: 2, low: false });
    b.call('prepaid.archivePlan', { id: plan.id, archived: true });
    expect(b.call('prepaid.plans', {})).toEqual([]);
    const before = state();
    expect(b.callError('prepaid.sell', { customerId, planId: plan.id, method: 'cash' }).code).toBe('PREPAID_PLAN_ARCHIVED');
    expect(state()).toEqual(before);
  });
});

describe('tickets drawn by the slip', () => {
  it('a bundle of 20 + 2 sold, then 2 buckets paid by tickets: 20 left, the slip shows them', () => {
    const plan = savePlan(waterPlan());
    const household = sell(plan.id);
    expect(household.balances.tickets).toEqual([{ productId: water.id, productName: water.name, unit: water.unit, left: 22, lowAt: 2, low: false }]);
    expect(household.entries[0]).toMatchObject({
      kind: 'bought',
      units: 22,
      bonusUnits: 2,
      moneyFen: 30000,
      method: 'wechat',
      planName: '水票 20+2',
      date: PINNED_TODAY,
    });

    const result = waterSlip(2, 2);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const slip = b.call('slips.get', { id: (result.data as { id: number }).id });
    expect(slip.lines.map((l) => l.tickets)).toEqual([2]);
    expect(slip.payments).toEqual([{ method: 'tickets', amountFen: 2 * water.priceFen }]);
    expect(slip.prepaid?.tickets[0]?.left).toBe(20);
    expect(waterLeft()).toBe(20);
    // The line is still a sale of the household, paid: its forecast and history see it.
    expect(b.call('sales.listForCustomer', { customerId })[0]).toMatchObject({ productId: water.id, quantity: 2, paid: true });
    // The journal finds it by its way of paying.
    expect(b.call('slips.list', { method: 'tickets' }).count).toBe(1);
  });

  it('part by tickets, the rest in cash', () => {
    sell(savePlan(waterPlan()).id);
    expect(waterSlip(3, 1).ok).toBe(true);
    expect(waterLeft()).toBe(21);
  });

  it('refuses more tickets than held, a walk-in, credit with tickets, tickets over the quantity and a wrong tickets amount, writing nothing', () => {
    const plan = savePlan({ ...waterPlan(), tickets: 1, bonusTickets: 0 });
    sell(plan.id);
    const before = state();
    expect(waterSlip(2, 2)).toMatchObject({ ok: false, error: { code: 'PREPAID_NOT_ENOUGH', details: { productId: water.id, left: 1, wanted: 2 } } });
    const issue = (input: unknown) => b.callError('slips.create', input).issues?.[0]?.issue;
    const line = { productId: water.id, quantity: 1, tickets: 1 };
    const ticketsTender = { method: 'tickets', amountFen: water.priceFen };
    expect(issue({ customerId: null, lines: [line], payments: [ticketsTender] })).toBe('prepaid_needs_household');
    expect(
      issue({
        customerId,
        lines: [line, { productId: rice.id, quantity: 1 }],
        payments: [ticketsTender, { method: 'credit', amountFen: rice.priceFen }],
      }),
    ).toBe('prepaid_with_credit');
    expect(issue({ customerId, lines: [{ ...line, tickets: 2 }], payments: [{ method: 'tickets', amountFen: water.priceFen }] })).toBe('too_big');
    expect(
      issue({ customerId, lines: [{ productId: water.id, quantity: 2, tickets: 1 }], payments: [{ method: 'tickets', amountFen: 2 * water.priceFen }] }),
    ).toBe('tickets_mismatch');
    expect(state()).toEqual(before);
    expect(waterLeft()).toBe(1);
  });

  it('a voided slip gives its tickets and stored value back; a voided line its tickets', () => {
    sell(savePlan(waterPlan()).id);
    sell(savePlan(storedPlan).id);
    const ricePart = 2 * rice.priceFen;
    const slip = b.call('slips.create', {
      customerId,
      lines: [
        { productId: water.id, quantity: 2, tickets: 2 },
        { productId: water.id, quantity: 1, tickets: 1 },
        { productId: rice.id, quantity: 2 },
      ],
      payments: [
        { method: 'tickets', amountFen: 3 * water.priceFen },
        { method: 'stored', amountFen: ricePart },
      ],
    });
    expect([waterLeft(), balances().stored?.leftFen]).toEqual([19, 55000 - ricePart]);
    const afterLine = b.call('slips.voidLine', { saleId: slip.lines[1]!.saleId, reason: '多写了' });
    expect(afterLine.lines.map((l) => l.tickets)).toEqual([2, 0, 0]);
    expect(waterLeft()).toBe(20);
    b.call('slips.void', { id: slip.id, reason: '写错了' });
    expect([waterLeft(), balances().stored?.leftFen]).toEqual([22, 55000]);
  });
});

describe('stored value', () => {
  it('a top-up of 500 with 50 free is spent as a slip payment; spending more than held is refused', () => {
    sell(savePlan(storedPlan).id, 'cash');
    expect(balances().stored).toEqual({ leftFen: 55000, lowAt: 10000, low: false });
    const spend = (amountFen: number) =>
      b.callRaw('slips.create', {
        customerId,
        lines: [{ productId: rice.id, quantity: 1, unitPriceFen: amountFen }],
        payments: [{ method: 'stored', amountFen }],
      });
    expect(spend(45000).ok).toBe(true);
    expect(balances().stored).toEqual({ leftFen: 10000, lowAt: 10000, low: true });
    const before = state();
    expect(spend(10001)).toMatchObject({ ok: false, error: { code: 'PREPAID_NOT_ENOUGH', details: { productId: null, left: 10000 } } });
    expect(state()).toEqual(before);
  });
});

describe('renewal calls', () => {
  it('lists households at or under their bundle threshold, not those who left the plan', () => {
    const plan = savePlan(waterPlan());
    sell(plan.id);
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'] }) }).id;
    b.call('prepaid.sell', { customerId: other, planId: plan.id, method: 'cash' });
    expect(b.call('prepaid.lowBalances', {})).toEqual({ items: [], total: 0 });
    expect(waterSlip(20, 20).ok).toBe(true);
    expect(b.call('prepaid.lowBalances', {}).total).toBe(1);
    expect(b.call('prepaid.lowBalances', {}).items).toEqual([
      {
        customerId,
        name: '张三丰',
        phone: '13812345678',
        productId: water.id,
        productName: water.name,
        unit: water.unit,
        left: 2,
        lowAt: 2,
        boughtDate: PINNED_TODAY,
      },
    ]);
    // A household that had its tickets refunded is no renewal call.
    b.call('prepaid.refund', { customerId, productId: water.id, units: 2, method: 'cash' });
    expect(b.call('prepaid.lowBalances', {}).items).toEqual([]);
    expect(b.call('prepaid.outstanding', {})).toEqual({
      tickets: [{ productId: water.id, productName: water.name, unit: water.unit, left: 22, households: 1 }],
      storedFen: 0,
      storedHouseholds: 0,
    });
  });
});

describe('refunds', () => {
  it('by default charges what was used at the price paid and forfeits the bonus', () => {
    sell(savePlan(waterPlan()).id);
    expect(waterSlip(10, 10).ok).toBe(true);
    expect(b.call('prepaid.quoteRefund', { customerId, productId: water.id, units: 12 })).toEqual({ moneyFen: 15000, left: 12 });
    const household = b.call('prepaid.refund', { customerId, productId: water.id, units: 12, method: 'cash', note: '搬家' });
    expect(household.entries[0]).toMatchObject({ kind: 'refunded', units: -12, moneyFen: 15000, method: 'cash', note: '搬家' });
    expect(waterLeft()).toBe(0);
  });

  it('pro rata with the bonus kept when the plan says so', () => {
    sell(savePlan({ ...waterPlan(), refundRule: 'proRata' }).id);
    expect(waterSlip(10, 10).ok).toBe(true);
    // 12 of 22 at ¥300 / 22
    expect(b.call('prepaid.quoteRefund', { customerId, productId: water.id, units: 12 }).moneyFen).toBe(16364);
  });

  it('stored value: 500 + 50, 200 spent, 300 back', () => {
    sell(savePlan(storedPlan).id);
    b.call('slips.create', {
      customerId,
      lines: [{ productId: rice.id, quantity: 1, unitPriceFen: 20000 }],
      payments: [{ method: 'stored', amountFen: 20000 }],
    });
    b.call('prepaid.refund', { customerId, productId: null, units: 35000, method: 'wechat' });
    expect(b.call('prepaid.forCustomer', { customerId }).entries[0]).toMatchObject({ kind: 'refunded', moneyFen: 30000 });
    expect(balances().stored?.leftFen).toBe(0);
  });

  it('refuses a refund larger than the balance, writing nothing', () => {
    sell(savePlan(waterPlan()).id);
    const before = state();
    expect(b.callError('prepaid.refund', { customerId, productId: water.id, units: 23, method: 'cash' })).toMatchObject({
      code: 'PREPAID_NOT_ENOUGH',
      details: { left: 22, wanted: 23 },
    });
    expect(b.callError('prepaid.refund', { customerId, productId: rice.id, units: 1, method: 'cash' }).code).toBe('PREPAID_NOT_ENOUGH');
    expect(state()).toEqual(before);
  });
});

describe('migration', () => {
  it('keeps the payments of slips written before tickets and stored value', () => {
    const dir = makeTempDir();
    const v12 = migrationsDirWith(12);
    try {
      const old = openDatabase(join(dir, DATABASE_FILE_NAME), { migrationsDir: v12 });
      const at = '2026-01-03T08:00:00.000Z';
      old.db.prepare("INSERT INTO slips (id, customer_id, date, created_at) VALUES (1, NULL, '2026-01-03', ?)").run(at);
      old.db.prepare("INSERT INTO slip_payments (slip_id, method, amount_fen) VALUES (1, 'wechat', 1200)").run();
      old.db.close();
      const reopened = makeBackend({ dataDir: dir });
      try {
        expect(reopened.call('slips.get', { id: 1 }).payments).toEqual([{ method: 'wechat', amountFen: 1200 }]);
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(v12, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the day's close", () => {
  it('counts the money of a bundle sold, less a refund, and none for a slip paid with its tickets', () => {
    const plan = savePlan(waterPlan());
    sell(plan.id, 'cash'); // ¥300.00 in the drawer today
    expect(waterSlip(3, 2).ok).toBe(true); // 2 buckets by tickets, 1 in cash
    const close = b.call('dayClose.get', { date: b.context.today() });
    const cash = (source: string) => close.money.filter((m) => m.source === source && m.method === 'cash').reduce((s, m) => s + m.amountFen, 0);
    expect(cash('prepaid')).toBe(30000);
    expect(cash('slips')).toBe(water.priceFen);
    expect(close.money.some((m) => (m.method as string) === 'tickets')).toBe(false);
  });
});
