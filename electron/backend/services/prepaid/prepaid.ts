/**
 * Prepaid plans: the owner's ticket bundles per product and stored-value top-ups, sold to households; tickets
 * and stored value drawn by the counter slip (services/slips/ asks this service to check and write its
 * draws, and to give them back when the slip or line is voided); refunds by each bundle's rule; renewal
 * calls for households running low. Every balance is derived from `prepaid_entries`, appended and only
 * ever marked voided; the arithmetic of lots and refunds is shared/domain/prepaid.ts.
 */
import type { LowBalance, ParsedInput, Plan, PrepaidBalances, PrepaidEntry, PrepaidHousehold, PrepaidMethod, Unit } from '../../../../shared/contract.ts';
import type { planDraftSchema } from '../../../../shared/contract/prepaid.ts';
import { balanceOf, isLow, quoteRefund, replayLots, type PrepaidFact, type RefundRule } from '../../../../shared/domain/prepaid.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { AppError, type FieldIssue } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ProductsService } from '../products/products.ts';
import type { z } from 'zod';

type PlanDraft = z.output<typeof planDraftSchema>;

interface PlanRow {
  id: number;
  name: string;
  product_id: number | null;
  product_name: string | null;
  units: number;
  bonus_units: number;
  price_fen: number;
  low_at: number;
  refund_rule: RefundRule;
  archived_at: string | null;
}

interface EntryRow {
  id: number;
  kind: 'bought' | 'drawn' | 'refunded';
  product_id: number | null;
  product_name: string | null;
  units: number;
  bonus_units: number;
  refund_rule: RefundRule | null;
  money_fen: number;
  method: PrepaidMethod | null;
  plan_name: string | null;
  slip_id: number | null;
  date: string;
  note: string;
  voided_at: string | null;
}

interface BalanceRow {
  product_id: number | null;
  product_name: string | null;
  unit: Unit | null;
  left: number;
  low_at: number | null;
}

interface LowRow {
  customer_id: number;
  name: string;
  phone: string | null;
  product_id: number | null;
  product_name: string | null;
  unit: Unit | null;
  left: number;
  low_at: number;
  bought_date: string;
}

/** What a slip asks of the household's prepaid accounts, checked before the slip writes anything. */
export interface SlipPrepaidDraft {
  customerId: number | null;
  onCredit: boolean;
  lines: { productId: number; quantity: number; unitPriceFen: number; tickets?: number | undefined }[];
  payments: { method: string; amountFen: number }[];
}

/** The draws a checked slip will write once its lines have ids: tickets per line index, and stored fen. */
export interface SlipDraws {
  customerId: number;
  tickets: { lineIndex: number; productId: number; tickets: number }[];
  storedFen: number;
}

const invalid = (message: string, issues: FieldIssue[]) => new AppError('VALIDATION', message, { issues });

const notEnough = (productId: number | null, left: number, wanted: number) =>
  new AppError('PREPAID_NOT_ENOUGH', `account ${productId ?? 'stored'} holds ${left}, ${wanted} asked`, { details: { productId, left, wanted } });

/** Renewal calls listed at most (Today shows a few, the prepaid page a scrolled list); the count is of all. */
export const LOW_ROWS = 500;

export function createPrepaidService(ctx: BackendContext, deps: { customers: CustomersService; products: ProductsService }) {
  const { db } = ctx;
  // Prepared at first use: a backend opened on a book of an earlier schema has no prepaid tables yet.
  let prepared: ReturnType<typeof prepare> | undefined;
  const st = () => (prepared ??= prepare());
  function prepare() {
    const planColumns = `SELECT pl.id, pl.name, pl.product_id, p.name AS product_name, pl.units, pl.bonus_units, pl.price_fen, pl.low_at,
        pl.refund_rule, pl.archived_at FROM prepaid_plans pl LEFT JOIN products p ON p.id = pl.product_id`;
    return {
      plans: db.prepare<[number], PlanRow>(
        `${planColumns} WHERE (? = 1 OR pl.archived_at IS NULL) ORDER BY pl.product_id IS NULL, p.name, pl.price_fen, pl.id`,
      ),
      plan: db.prepare<[number], PlanRow>(`${planColumns} WHERE pl.id = ?`),
      insertPlan: db.prepare(
        `INSERT INTO prepaid_plans (name, product_id, units, bonus_units, price_fen, low_at, refund_rule, created_at, updated_at)
         VALUES (:name, :productId, :units, :bonusUnits, :priceFen, :lowAt, :refundRule, :now, :now)`,
      ),
      updatePlan: db.prepare(
        `UPDATE prepaid_plans SET name = :name, product_id = :productId, units = :units, bonus_units = :bonusUnits, price_fen = :priceFen,
           low_at = :lowAt, refund_rule = :refundRule, updated_at = :now WHERE id = :id`,
      ),
      archivePlan: db.prepare<[string | null, string, number]>('UPDATE prepaid_plans SET archived_at = ?, updated_at = ? WHERE id = ?'),
      entries: db.prepare<[number], EntryRow>(
        `SELECT e.id, e.kind, e.product_id, p.name AS product_name, e.units, e.bonus_units, e.refund_rule, e.money_fen, e.method,
           pl.name AS plan_name, e.slip_id, e.date, e.note, e.voided_at
         FROM prepaid_entries e LEFT JOIN products p ON p.id = e.product_id LEFT JOIN prepaid_plans pl ON pl.id = e.plan_id
         WHERE e.customer_id = ? ORDER BY e.id`,
      ),
      accountFacts: db.prepare<{ customerId: number; productId: number | null }, EntryRow>(
        `SELECT id, kind, product_id, NULL AS product_name, units, bonus_units, refund_rule, money_fen, method, NULL AS plan_name, slip_id, date, note, voided_at
         FROM prepaid_entries WHERE customer_id = :customerId AND product_id IS :productId AND voided_at IS NULL ORDER BY id`,
      ),
      // One account from its facts: what is left, and the threshold and date of the bundle bought last
      // unless a refund came after it (the household left the plan: no renewal call).
      accountState: db.prepare<{ customerId: number; productId: number | null }, { left: number; low_at: number | null; bought_date: string | null }>(
        `WITH a AS (
           SELECT sum(units) AS left, max(CASE WHEN kind = 'bought' THEN id END) AS last_bought, max(CASE WHEN kind = 'refunded' THEN id END) AS last_refund
           FROM prepaid_entries WHERE customer_id = :customerId AND product_id IS :productId AND voided_at IS NULL)
         SELECT coalesce(a.left, 0) AS left, CASE WHEN a.last_refund IS NULL OR a.last_refund < a.last_bought THEN b.low_at END AS low_at, b.date AS bought_date
         FROM a LEFT JOIN prepaid_entries b ON b.id = a.last_bought`,
      ),
      deleteAccount: db.prepare<{ customerId: number; productId: number | null }>(
        'DELETE FROM prepaid_accounts WHERE customer_id = :customerId AND product_id IS :productId',
      ),
      insertAccount: db.prepare(
        `INSERT INTO prepaid_accounts (customer_id, product_id, left, low_at, bought_date, low)
         VALUES (:customerId, :productId, :left, :lowAt, :boughtDate, :low)`,
      ),
      accountsOfSlip: db.prepare<[number], { customer_id: number; product_id: number | null }>(
        'SELECT DISTINCT customer_id, product_id FROM prepaid_entries WHERE slip_id = ? AND voided_at IS NULL',
      ),
      accountsOfLine: db.prepare<[number], { customer_id: number; product_id: number | null }>(
        'SELECT DISTINCT customer_id, product_id FROM prepaid_entries WHERE sale_id = ? AND voided_at IS NULL',
      ),
      balances: db.prepare<[number], BalanceRow>(
        `SELECT a.product_id, p.name AS product_name, p.unit, a.left, a.low_at
         FROM prepaid_accounts a LEFT JOIN products p ON p.id = a.product_id WHERE a.customer_id = ?
         ORDER BY a.product_id IS NULL, p.name`,
      ),
      low: db.prepare<[], LowRow>(
        `SELECT a.customer_id, c.name,
                (SELECT phone FROM customer_phones cp WHERE cp.customer_id = c.id ORDER BY position LIMIT 1) AS phone,
                a.product_id, p.name AS product_name, p.unit, a.left, a.low_at, a.bought_date
         FROM prepaid_accounts a JOIN customers c ON c.id = a.customer_id LEFT JOIN products p ON p.id = a.product_id
         WHERE a.low = 1 AND c.archived_at IS NULL
         ORDER BY a.product_id IS NULL, a.left, c.name LIMIT ${LOW_ROWS}`,
      ),
      lowCount: db.prepare<[], { n: number }>(
        'SELECT count(*) AS n FROM prepaid_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.low = 1 AND c.archived_at IS NULL',
      ),
      outstanding: db.prepare<[], { product_id: number | null; product_name: string | null; unit: Unit | null; left: number; households: number }>(
        `SELECT a.product_id, p.name AS product_name, p.unit, sum(a.left) AS left, count(*) AS households
         FROM prepaid_accounts a LEFT JOIN products p ON p.id = a.product_id WHERE a.left > 0 GROUP BY a.product_id ORDER BY a.product_id IS NULL, p.name`,
      ),
      insertEntry: db.prepare(
        `INSERT INTO prepaid_entries (customer_id, product_id, kind, units, bonus_units, refund_rule, low_at, plan_id, money_fen, method, slip_id, sale_id, date, note, created_at)
         VALUES (:customerId, :productId, :kind, :units, :bonusUnits, :refundRule, :lowAt, :planId, :moneyFen, :method, :slipId, :saleId, :date, :note, :now)`,
      ),
      ticketsOfSlip: db.prepare<[number], { sale_id: number; tickets: number }>(
        "SELECT sale_id, -sum(units) AS tickets FROM prepaid_entries WHERE slip_id = ? AND sale_id IS NOT NULL AND voided_at IS NULL AND kind = 'drawn' GROUP BY sale_id",
      ),
      linesOfSlip: db.prepare<[number], { id: number }>('SELECT id FROM sales WHERE slip_id = ? ORDER BY id'),
      voidOfSlip: db.prepare<[string, string, number]>('UPDATE prepaid_entries SET voided_at = ?, void_reason = ? WHERE slip_id = ? AND voided_at IS NULL'),
      voidOfLine: db.prepare<[string, string, number]>('UPDATE prepaid_entries SET voided_at = ?, void_reason = ? WHERE sale_id = ? AND voided_at IS NULL'),
    };
  }

  const entryParams = {
    bonusUnits: 0,
    refundRule: null,
    lowAt: null,
    planId: null,
    moneyFen: 0,
    method: null,
    slipId: null,
    saleId: null,
    note: '',
  };

  /** Rewrites the account's derived row from its facts: called after every fact of it, in the same transaction. */
  function refreshAccount(customerId: number, productId: number | null): void {
    const key = { customerId, productId };
    const state = st().accountState.get(key)!;
    st().deleteAccount.run(key);
    st().insertAccount.run({ ...key, left: state.left, lowAt: state.low_at, boughtDate: state.bought_date, low: isLow(state.left, state.low_at) ? 1 : 0 });
  }

  function toPlan(row: PlanRow): Plan {
    return {
      id: row.id,
      name: row.name,
      kind: row.product_id === null ? 'stored' : 'tickets',
      productId: row.product_id,
      productName: row.product_name,
      units: row.units,
      bonusUnits: row.bonus_units,
      priceFen: row.price_fen,
      lowAt: row.low_at,
      refundRule: row.refund_rule,
      archivedAt: row.archived_at,
    };
  }

  function getPlan(id: number): Plan {
    const row = st().plan.get(id);
    if (!row) throw new AppError('NOT_FOUND', `plan ${id} not found`, { details: { entity: 'plan', id } });
    return toPlan(row);
  }

  function savePlan(id: number | undefined, draft: PlanDraft): Plan {
    if (id !== undefined) getPlan(id);
    const columns =
      draft.kind === 'tickets'
        ? { productId: deps.products.get(draft.productId).id, units: draft.tickets, bonusUnits: draft.bonusTickets, lowAt: draft.lowTickets }
        : // Stored value: the fen paid become as many fen to spend.
          { productId: null, units: draft.priceFen, bonusUnits: draft.bonusFen, lowAt: draft.lowFen };
    const params = { ...columns, name: draft.name, priceFen: draft.priceFen, refundRule: draft.refundRule, now: isoNow(ctx) };
    if (id === undefined) return getPlan(Number(st().insertPlan.run(params).lastInsertRowid));
    st().updatePlan.run({ ...params, id });
    return getPlan(id);
  }

  function archivePlan(id: number, archived: boolean): Plan {
    const plan = getPlan(id);
    const now = isoNow(ctx);
    if ((plan.archivedAt !== null) !== archived) st().archivePlan.run(archived ? now : null, now, id);
    return getPlan(id);
  }

  function balancesOf(customerId: number): PrepaidBalances {
    const rows = st().balances.all(customerId);
    const stored = rows.find((r) => r.product_id === null);
    return {
      tickets: rows
        .filter((r) => r.product_id !== null)
        .map((r) => ({ productId: r.product_id!, productName: r.product_name!, unit: r.unit!, left: r.left, lowAt: r.low_at, low: isLow(r.left, r.low_at) })),
      stored: stored ? { leftFen: stored.left, lowAt: stored.low_at, low: isLow(stored.left, stored.low_at) } : null,
    };
  }

  function forCustomer(customerId: number): PrepaidHousehold {
    deps.customers.requireExists(customerId);
    const entries: PrepaidEntry[] = st()
      .entries.all(customerId)
      .reverse()
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        productId: e.product_id,
        productName: e.product_name,
        units: e.units,
        bonusUnits: e.bonus_units,
        moneyFen: e.money_fen,
        method: e.method,
        planName: e.plan_name,
        slipId: e.slip_id,
        date: e.date,
        note: e.note,
        voidedAt: e.voided_at,
      }));
    return { customerId, balances: balancesOf(customerId), entries };
  }

  function sell({ customerId, planId, method, date }: ParsedInput<'prepaid.sell'>): PrepaidHousehold {
    requireWithinReach(ctx, date);
    deps.customers.requireExists(customerId);
    const plan = getPlan(planId);
    if (plan.archivedAt) throw new AppError('PREPAID_PLAN_ARCHIVED', `plan ${planId} is no longer sold`, { details: { id: planId } });
    st().insertEntry.run({
      ...entryParams,
      customerId,
      productId: plan.productId,
      kind: 'bought',
      units: plan.units + plan.bonusUnits,
      bonusUnits: plan.bonusUnits,
      refundRule: plan.refundRule,
      lowAt: plan.lowAt,
      planId,
      moneyFen: plan.priceFen,
      method,
      date: date ?? ctx.today(),
      now: isoNow(ctx),
    });
    refreshAccount(customerId, plan.productId);
    return forCustomer(customerId);
  }

  function factsOf(customerId: number, productId: number | null): PrepaidFact[] {
    return st()
      .accountFacts.all({ customerId, productId })
      .map((e): PrepaidFact => {
        if (e.kind === 'bought')
          return { kind: 'bought', id: e.id, units: e.units, bonusUnits: e.bonus_units, moneyFen: e.money_fen, rule: e.refund_rule ?? 'forfeitBonus' };
        if (e.kind === 'drawn') return { kind: 'drawn', units: e.units };
        return { kind: 'refunded', units: e.units, moneyFen: e.money_fen };
      });
  }

  function quote(customerId: number, productId: number | null, units: number): { moneyFen: number; left: number } {
    deps.customers.requireExists(customerId);
    const facts = factsOf(customerId, productId);
    const left = balanceOf(facts);
    const refund = quoteRefund(replayLots(facts), units);
    if (!refund) throw notEnough(productId, left, units);
    return { moneyFen: refund.moneyFen, left };
  }

  function refund({ customerId, productId, units, method, date, note }: ParsedInput<'prepaid.refund'>): PrepaidHousehold {
    requireWithinReach(ctx, date);
    const { moneyFen } = quote(customerId, productId, units);
    st().insertEntry.run({
      ...entryParams,
      customerId,
      productId,
      kind: 'refunded',
      units: -units,
      moneyFen,
      method,
      note,
      date: date ?? ctx.today(),
      now: isoNow(ctx),
    });
    refreshAccount(customerId, productId);
    return forCustomer(customerId);
  }

  function lowBalances(): { items: LowBalance[]; total: number } {
    return {
      total: st().lowCount.get()!.n,
      items: st()
        .low.all()
        .map((r) => ({
          customerId: r.customer_id,
          name: r.name,
          phone: r.phone ?? '',
          productId: r.product_id,
          productName: r.product_name,
          unit: r.unit,
          left: r.left,
          lowAt: r.low_at,
          boughtDate: r.bought_date,
        })),
    };
  }

  function outstanding() {
    const rows = st().outstanding.all();
    const stored = rows.find((r) => r.product_id === null);
    return {
      tickets: rows
        .filter((r) => r.product_id !== null)
        .map((r) => ({ productId: r.product_id!, productName: r.product_name!, unit: r.unit!, left: r.left, households: r.households })),
      storedFen: stored?.left ?? 0,
      storedHouseholds: stored?.households ?? 0,
    };
  }

  // --- What the counter slip asks of this area (services/slips/slips.ts) ---

  /** Checks a slip's tickets and stored-value payment against what the household holds; writes nothing. */
  function checkSlip(draft: SlipPrepaidDraft): SlipDraws | null {
    const ticketLines = draft.lines.map((line, lineIndex) => ({ ...line, lineIndex })).filter((l) => l.tickets !== undefined);
    const tender = (method: string) => draft.payments.find((p) => p.method === method)?.amountFen ?? 0;
    const storedFen = tender('stored');
    if (ticketLines.length === 0 && tender('tickets') === 0 && storedFen === 0) return null;
    const path = ['payments'];
    if (draft.customerId === null) throw invalid('a walk-in slip cannot draw on prepaid tickets or value', [{ path, issue: 'prepaid_needs_household' }]);
    if (draft.onCredit) throw invalid('tickets or stored value and credit on one slip', [{ path, issue: 'prepaid_with_credit' }]);
    let ticketsFen = 0;
    const perProduct = new Map<number, number>();
    for (const line of ticketLines) {
      const tickets = line.tickets!;
      if (tickets > line.quantity) {
        throw invalid(`line ${line.lineIndex}: ${tickets} tickets for ${line.quantity}`, [
          { path: ['lines', line.lineIndex, 'tickets'], issue: 'too_big', limit: line.quantity },
        ]);
      }
      ticketsFen += lineAmountFen(tickets, line.unitPriceFen);
      perProduct.set(line.productId, (perProduct.get(line.productId) ?? 0) + tickets);
    }
    if (tender('tickets') !== ticketsFen) {
      throw invalid(`the tickets payment is ${tender('tickets')} fen, the lines' tickets are worth ${ticketsFen}`, [
        { path, issue: 'tickets_mismatch', limit: ticketsFen },
      ]);
    }
    const customerId = draft.customerId;
    for (const [productId, wanted] of perProduct) {
      const left = balanceOf(factsOf(customerId, productId));
      if (wanted > left) throw notEnough(productId, left, wanted);
    }
    const storedLeft = storedFen > 0 ? balanceOf(factsOf(customerId, null)) : 0;
    if (storedFen > storedLeft) throw notEnough(null, storedLeft, storedFen);
    return {
      customerId,
      tickets: ticketLines.map((l) => ({ lineIndex: l.lineIndex, productId: l.productId, tickets: l.tickets! })),
      storedFen,
    };
  }

  /** Writes the draws of a checked slip, inside the slip's own transaction. */
  function drawForSlip(draws: SlipDraws, slipId: number, date: string, now: string): void {
    // The slip's lines in the order written, which is the draft's order.
    const saleIds = st().linesOfSlip.all(slipId);
    const common = { ...entryParams, customerId: draws.customerId, kind: 'drawn', slipId, date, now };
    for (const t of draws.tickets) st().insertEntry.run({ ...common, productId: t.productId, units: -t.tickets, saleId: saleIds[t.lineIndex]!.id });
    if (draws.storedFen > 0) st().insertEntry.run({ ...common, productId: null, units: -draws.storedFen });
    for (const productId of new Set(draws.tickets.map((t) => t.productId))) refreshAccount(draws.customerId, productId);
    if (draws.storedFen > 0) refreshAccount(draws.customerId, null);
  }

  /** Marks the facts a slip (or one of its lines) drew as voided, and refreshes the accounts they were of. */
  function giveBack(accounts: { customer_id: number; product_id: number | null }[], mark: () => void): void {
    mark();
    for (const a of accounts) refreshAccount(a.customer_id, a.product_id);
  }

  /** Tickets drawn per line (sale id) of a slip, those given back by a void left out. */
  function ticketsOfSlip(slipId: number): Map<number, number> {
    return new Map(
      st()
        .ticketsOfSlip.all(slipId)
        .map((r) => [r.sale_id, r.tickets]),
    );
  }

  return {
    plans: (includeArchived: boolean) =>
      st()
        .plans.all(includeArchived ? 1 : 0)
        .map(toPlan),
    savePlan: db.transaction(savePlan),
    archivePlan: db.transaction(archivePlan),
    forCustomer,
    balancesOf,
    sell: db.transaction(sell),
    quote,
    refund: db.transaction(refund),
    lowBalances,
    outstanding,
    checkSlip,
    drawForSlip,
    ticketsOfSlip,
    /** A voided slip gives back every ticket and all the stored value it drew. */
    voidForSlip: (slipId: number, now: string, reason: string) => giveBack(st().accountsOfSlip.all(slipId), () => st().voidOfSlip.run(now, reason, slipId)),
    /** A voided line gives back its tickets (stored value belongs to the whole slip). */
    voidForLine: (saleId: number, now: string, reason: string) => giveBack(st().accountsOfLine.all(saleId), () => st().voidOfLine.run(now, reason, saleId)),
  };
}
export type PrepaidService = ReturnType<typeof createPrepaidService>;

export function prepaidHandlers({ prepaid }: { prepaid: PrepaidService }): AreaHandlers<'prepaid'> {
  return {
    'prepaid.plans': ({ includeArchived }) => prepaid.plans(includeArchived),
    'prepaid.savePlan': ({ id, draft }) => prepaid.savePlan(id, draft),
    'prepaid.archivePlan': ({ id, archived }) => prepaid.archivePlan(id, archived),
    'prepaid.forCustomer': ({ customerId }) => prepaid.forCustomer(customerId),
    'prepaid.sell': (input) => prepaid.sell(input),
    'prepaid.quoteRefund': ({ customerId, productId, units }) => prepaid.quote(customerId, productId, units),
    'prepaid.refund': (input) => prepaid.refund(input),
    'prepaid.lowBalances': () => prepaid.lowBalances(),
    'prepaid.outstanding': () => prepaid.outstanding(),
  };
}
