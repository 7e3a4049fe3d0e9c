/**
 * The credit book: payments, each household's balance (derived, refreshed in the same transaction
 * as the sale or payment that changes it), the statement, and the payday collection list.
 */
import type { CollectionAction, CollectionRow, Contact, Ledger, LedgerEntry, Payment, Unit } from '../../../../shared/contract.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import type { Payday } from '../../../../shared/domain/household.ts';
import { allocatePayments, collectFrom } from '../../../../shared/domain/credit.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type Database from 'better-sqlite3';
import type { ContactLog } from '../customers/contactLog.ts';
import type { AreaHandlers } from '../../dispatch.ts';

/** When to try again after a collection call that brought no date. */
// A message about money is not sent again the next morning: a few days to answer or to pay.
export const COLLECTION_RETRY_DAYS = { no_answer: 1, not_home: 1, refused: 7, message: 3 } as const;

interface PaymentRow {
  id: number;
  customer_id: number;
  amount_fen: number;
  method: Payment['method'];
  date: string;
  note: string;
  created_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

interface CollectionDbRow {
  customer_id: number;
  name: string;
  phone: string | null;
  area: string;
  address: string;
  payday: number | null;
  balance_fen: number;
  oldest_unpaid_date: string;
  collect_from: string;
  snoozed_until: string | null;
  outcome: string | null;
}

interface CollectionState {
  snoozed_until: string | null;
  outcome: string | null;
}

function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    customerId: r.customer_id,
    amountFen: r.amount_fen,
    method: r.method,
    date: r.date,
    note: r.note,
    createdAt: r.created_at,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
  };
}

const paydayOf = (column: number | null): Payday => (column === 0 ? 'end' : column);

export function createCreditService(ctx: BackendContext, deps: { contacts: ContactLog }) {
  const { db } = ctx;
  const selectCustomer = db.prepare<[number], { id: number; payday: number | null; credit_limit_fen: number | null }>(
    'SELECT id, payday, credit_limit_fen FROM customers WHERE id = ?',
  );
  const selectCreditSales = db.prepare<[number], { id: number; date: string; amount_fen: number; product_name: string; quantity: number; unit: Unit }>(
    `SELECT s.id, s.date, s.amount_fen, p.name AS product_name, s.quantity, p.unit FROM sales s JOIN products p ON p.id = s.product_id
     WHERE s.customer_id = ? AND s.paid = 0 AND s.voided_at IS NULL ORDER BY s.date, s.id`,
  );
  const selectPayments = db.prepare<[number], PaymentRow>('SELECT * FROM payments WHERE customer_id = ? AND voided_at IS NULL ORDER BY date, id');
  const selectPayment = db.prepare<[number], PaymentRow>('SELECT * FROM payments WHERE id = ?');
  const insertPayment = db.prepare(
    `INSERT INTO payments (customer_id, amount_fen, method, date, note, created_at)
     VALUES (:customerId, :amountFen, :method, :date, :note, :now)`,
  );
  const markPaymentVoided = db.prepare('UPDATE payments SET voided_at = ?, void_reason = ? WHERE id = ?');
  const clearPaymentVoid = db.prepare('UPDATE payments SET voided_at = NULL, void_reason = NULL WHERE id = ?');
  // Prepared at first use: slips came with migration 0010, and the migration tests open older books with today's services.
  let selectVoidedWithSlip: Database.Statement<[number], { voided: number }> | undefined;
  // A debt paid off forgets its collection calls: the next debt starts clean.
  const upsertBalance = db.prepare(
    `INSERT INTO balances (customer_id, credit_fen, paid_fen, balance_fen, oldest_unpaid_date, collect_from, updated_at)
     VALUES (:customerId, :creditFen, :paidFen, :balanceFen, :oldestUnpaidDate, :collectFrom, :now)
     ON CONFLICT (customer_id) DO UPDATE SET credit_fen = excluded.credit_fen, paid_fen = excluded.paid_fen,
       balance_fen = excluded.balance_fen, oldest_unpaid_date = excluded.oldest_unpaid_date, collect_from = excluded.collect_from,
       snoozed_until = CASE WHEN excluded.balance_fen > 0 THEN snoozed_until END,
       outcome = CASE WHEN excluded.balance_fen > 0 THEN outcome END,
       updated_at = excluded.updated_at`,
  );
  const selectBalance = db.prepare<[number], { balance_fen: number; snoozed_until: string | null; outcome: string | null }>(
    'SELECT balance_fen, snoozed_until, outcome FROM balances WHERE customer_id = ?',
  );
  const updateCollectionState = db.prepare('UPDATE balances SET snoozed_until = ?, outcome = ?, updated_at = ? WHERE customer_id = ?');
  const selectCustomersWithCredit = db.prepare<[], { id: number }>(
    'SELECT DISTINCT customer_id AS id FROM sales WHERE paid = 0 UNION SELECT DISTINCT customer_id FROM payments',
  );
  const deleteAllBalances = db.prepare('DELETE FROM balances');
  const collectionFrom = `FROM balances b JOIN customers c ON c.id = b.customer_id
    WHERE b.balance_fen > 0 AND coalesce(b.snoozed_until, b.collect_from) <= :today AND c.archived_at IS NULL
      AND (:area IS NULL OR c.area = :area)`;
  const selectCollections = db.prepare<{ today: string; area: string | null; limit: number }, CollectionDbRow>(
    `SELECT b.customer_id, c.name, c.area, c.address, c.payday, b.balance_fen, b.oldest_unpaid_date, b.collect_from,
       b.snoozed_until, b.outcome,
       (SELECT phone FROM customer_phones ph WHERE ph.customer_id = c.id ORDER BY position LIMIT 1) AS phone
     ${collectionFrom} ORDER BY b.oldest_unpaid_date, b.customer_id LIMIT :limit`,
  );
  const summarizeCollections = db.prepare<{ today: string; area: string | null }, { n: number; owed: number | null }>(
    `SELECT count(*) AS n, sum(b.balance_fen) AS owed ${collectionFrom}`,
  );
  // Every debt, payday passed or not: the screen shows both, so a debt not yet due is not taken for none.
  // Archived households included (what they owe is still owed): the whole book's figure is then one walk
  // of a covering index (2 ms at 36k debtors, where joining each to its customer cost 25 ms); an area's
  // starts from that area's customers.
  const summarizeDebts = db.prepare<[], { n: number; owed: number | null }>(
    'SELECT count(*) AS n, sum(balance_fen) AS owed FROM balances WHERE balance_fen > 0',
  );
  const summarizeDebtsInArea = db.prepare<[string], { n: number; owed: number | null }>(
    'SELECT count(*) AS n, sum(b.balance_fen) AS owed FROM customers c JOIN balances b ON b.customer_id = c.id WHERE c.area = ? AND b.balance_fen > 0',
  );
  // One step per area along customers_by_area (a handful of areas), not one per debtor.
  const selectCollectionAreas = db.prepare<[], { area: string }>(
    `WITH RECURSIVE a(area) AS (
       SELECT min(area) FROM customers WHERE area > ''
       UNION ALL SELECT (SELECT min(area) FROM customers WHERE area > a.area) FROM a WHERE a.area IS NOT NULL)
     SELECT area FROM a WHERE area IS NOT NULL AND EXISTS (
       SELECT 1 FROM customers c JOIN balances b ON b.customer_id = c.id
       WHERE c.area = a.area AND c.archived_at IS NULL AND b.balance_fen > 0)
     ORDER BY area`,
  );

  function customer(id: number) {
    const row = selectCustomer.get(id);
    if (!row) throw new AppError('NOT_FOUND', `customer ${id} not found`, { details: { entity: 'customer', id } });
    return row;
  }

  /** Recomputes one household's balance from its ledger. */
  function refreshBalance(customerId: number) {
    const { payday } = customer(customerId);
    const balance = allocatePayments(
      selectCreditSales.all(customerId).map((s) => ({ id: s.id, date: s.date, amountFen: s.amount_fen })),
      selectPayments.all(customerId).map((p) => ({ id: p.id, date: p.date, amountFen: p.amount_fen })),
    );
    upsertBalance.run({
      customerId,
      creditFen: balance.creditFen,
      paidFen: balance.paidFen,
      balanceFen: balance.balanceFen,
      oldestUnpaidDate: balance.oldestUnpaidDate,
      collectFrom: collectFrom(balance.oldestUnpaidDate, paydayOf(payday)),
      now: isoNow(ctx),
    });
    return balance;
  }

  function getPayment(id: number): Payment {
    const row = selectPayment.get(id);
    if (!row) throw new AppError('NOT_FOUND', `payment ${id} not found`, { details: { entity: 'payment', id } });
    return toPayment(row);
  }

  const recordPayment = db.transaction(
    (draft: { customerId: number; amountFen: number; method: Payment['method']; date?: string | undefined; note: string }) => {
      requireWithinReach(ctx, draft.date);
      customer(draft.customerId);
      const id = insertPayment.run({ ...draft, date: draft.date ?? ctx.today(), now: isoNow(ctx) }).lastInsertRowid;
      refreshBalance(draft.customerId);
      return getPayment(Number(id));
    },
  );

  const voidPayment = db.transaction((id: number, reason: string) => {
    const payment = getPayment(id);
    if (payment.voidedAt) throw new AppError('ALREADY_VOIDED', `payment ${id} was already voided`, { details: { id } });
    markPaymentVoided.run(isoNow(ctx), reason, id);
    refreshBalance(payment.customerId);
    return getPayment(id);
  });

  /**
   * The Undo of a void's message: the payment counts again, the balance as it was before the void. A
   * payment voided with its slip (slips.void) stays voided while the slip does: alone, it would count
   * money taken for a sale that no longer stands.
   */
  const unvoidPayment = db.transaction((id: number) => {
    const payment = getPayment(id);
    if (!payment.voidedAt) throw new AppError('PAYMENT_NOT_VOIDED', `payment ${id} is not voided`, { details: { id } });
    selectVoidedWithSlip ??= db.prepare(
      'SELECT EXISTS (SELECT 1 FROM payments p JOIN slips sl ON sl.id = p.slip_id WHERE p.id = ? AND sl.voided_at IS NOT NULL) AS voided',
    );
    if (selectVoidedWithSlip.get(id)!.voided) throw new AppError('PAYMENT_VOIDED_WITH_SLIP', `payment ${id} was voided with its slip`, { details: { id } });
    clearPaymentVoid.run(id);
    refreshBalance(payment.customerId);
    return getPayment(id);
  });

  function ledger(customerId: number): Ledger {
    const { credit_limit_fen, payday } = customer(customerId);
    const sales = selectCreditSales.all(customerId);
    const payments = selectPayments.all(customerId);
    const balance = allocatePayments(
      sales.map((s) => ({ id: s.id, date: s.date, amountFen: s.amount_fen })),
      payments.map((p) => ({ id: p.id, date: p.date, amountFen: p.amount_fen })),
    );
    const remaining = new Map(balance.allocations.map((a) => [a.saleId, a.remainingFen]));
    const lines = [
      ...sales.map((s) => ({
        order: [s.date, 0, s.id] as const,
        entry: {
          kind: 'sale' as const,
          refId: s.id,
          date: s.date,
          productName: s.product_name,
          quantity: s.quantity,
          unit: s.unit,
          method: null,
          note: '',
          debitFen: s.amount_fen,
          creditFen: 0,
          remainingFen: remaining.get(s.id) ?? 0,
        },
      })),
      ...payments.map((p) => ({
        order: [p.date, 1, p.id] as const,
        entry: {
          kind: 'payment' as const,
          refId: p.id,
          date: p.date,
          productName: null,
          quantity: null,
          unit: null,
          method: p.method,
          note: p.note,
          debitFen: 0,
          creditFen: p.amount_fen,
          remainingFen: null,
        },
      })),
    ].sort((a, b) => (a.order[0] < b.order[0] ? -1 : a.order[0] > b.order[0] ? 1 : a.order[1] - b.order[1] || a.order[2] - b.order[2]));
    let running = 0;
    const entries: LedgerEntry[] = lines.map(({ entry }) => {
      running += entry.debitFen - entry.creditFen;
      return { ...entry, balanceAfterFen: running };
    });
    return {
      customerId,
      balanceFen: balance.balanceFen,
      creditFen: balance.creditFen,
      paidFen: balance.paidFen,
      creditLimitFen: credit_limit_fen,
      oldestUnpaidDate: balance.oldestUnpaidDate,
      collectFrom: collectFrom(balance.oldestUnpaidDate, paydayOf(payday)),
      entries,
    };
  }

  function collections(area: string | undefined, limit: number) {
    const params = { today: ctx.today(), area: area ?? null };
    const summary = summarizeCollections.get(params)!;
    const debts = (params.area === null ? summarizeDebts.get() : summarizeDebtsInArea.get(params.area))!;
    return {
      today: params.today,
      items: selectCollections.all({ ...params, limit }).map((r): CollectionRow => ({
        customerId: r.customer_id,
        name: r.name,
        phone: r.phone ?? '',
        area: r.area,
        address: r.address,
        payday: paydayOf(r.payday),
        balanceFen: r.balance_fen,
        oldestUnpaidDate: r.oldest_unpaid_date,
        collectFrom: r.collect_from,
        snoozedUntil: r.snoozed_until,
        outcome: r.outcome,
      })),
      total: summary.n,
      totalOwedFen: summary.owed ?? 0,
      allDebts: { households: debts.n, owedFen: debts.owed ?? 0 },
      areas: selectCollectionAreas.all().map((r) => r.area),
    };
  }

  const act = db.transaction((action: CollectionAction): Contact => {
    requireWithinReach(ctx, action.date);
    customer(action.customerId);
    const state = selectBalance.get(action.customerId);
    if (!state || state.balance_fen <= 0) {
      throw new AppError('NOT_FOUND', 'this customer owes nothing', { details: { entity: 'debt', customerId: action.customerId } });
    }
    const outcome = action.action === 'message' ? 'message' : action.outcome;
    const followUp = action.date ?? (outcome === 'will_pay' ? null : addDays(ctx.today(), COLLECTION_RETRY_DAYS[outcome]));
    const now = isoNow(ctx);
    const previous: CollectionState = { snoozed_until: state.snoozed_until, outcome: state.outcome };
    updateCollectionState.run(followUp, outcome, now, action.customerId);
    return deps.contacts.add({
      customerId: action.customerId,
      productId: null,
      kind: action.action === 'message' ? 'message' : action.action === 'called' ? 'call' : 'visit',
      outcome: action.action === 'message' ? null : action.outcome,
      followUp,
      stockLeft: null,
      note: action.note,
      previous,
      now,
    });
  });

  const undo = db.transaction((contactId: number): Contact => {
    const row = deps.contacts.get(contactId);
    if (row.undone_at) return deps.contacts.markUndone(contactId, row.undone_at);
    if (row.product_id !== null)
      throw new AppError('NOT_FOUND', `contact ${contactId} is not a collection call`, { details: { entity: 'contact', id: contactId } });
    deps.contacts.refuseIfSuperseded(row);
    const previous = row.previous ? (JSON.parse(row.previous) as CollectionState) : null;
    const now = isoNow(ctx);
    // Only while the debt is still open: a payment since then settled what the call was about.
    if (previous && (selectBalance.get(row.customer_id)?.balance_fen ?? 0) > 0) {
      updateCollectionState.run(previous.snoozed_until, previous.outcome, now, row.customer_id);
    }
    return deps.contacts.markUndone(contactId, now);
  });

  const recomputeAll = db.transaction(() => {
    deleteAllBalances.run();
    for (const { id } of selectCustomersWithCredit.all()) refreshBalance(id);
  });

  return {
    refreshBalance,
    recordPayment,
    voidPayment,
    unvoidPayment,
    ledger,
    collections,
    act,
    undo,
    recomputeAll,
    balanceOf: (customerId: number) => selectBalance.get(customerId)?.balance_fen ?? 0,
  };
}
export type CreditService = ReturnType<typeof createCreditService>;

export function creditHandlers({ credit }: { credit: CreditService }): AreaHandlers<'credit'> {
  return {
    'credit.recordPayment': (draft) => credit.recordPayment(draft),
    'credit.voidPayment': ({ id, reason }) => credit.voidPayment(id, reason),
    'credit.unvoidPayment': ({ id }) => credit.unvoidPayment(id),
    'credit.ledger': ({ customerId }) => credit.ledger(customerId),
    'credit.collections': ({ area, limit }) => credit.collections(area, limit),
    'credit.act': (action) => credit.act(action),
    'credit.undo': ({ contactId }) => credit.undo(contactId),
  };
}
