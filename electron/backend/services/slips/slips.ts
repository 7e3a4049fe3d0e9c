/**
 * The counter slip (开单). A slip's lines are rows of `sales` (with its `slip_id`), so a household's
 * forecasts, credit book and history read them exactly as they read a sale recorded alone; a walk-in
 * slip's lines have no household. The split as tendered is kept in `slip_payments`; a slip partly on
 * credit puts its lines on credit and the money taken at the counter in the credit book as payments of
 * the slip, so the household owes the credit part by the book's own rules. Voids mark rows, never delete.
 */
import type { JournalEntry, JournalMethod, ParsedInput, Product, Slip, SlipDraft, SlipMethod, Unit } from '../../../../shared/contract.ts';
import { journalMethods } from '../../../../shared/contract.ts';
import { lineAmountFen, MAX_FEN } from '../../../../shared/domain/money.ts';
import { AppError, type FieldIssue } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { ContainersService } from '../containers/containers.ts';
import type { CreditService } from '../credit/credit.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { MembershipService } from '../membership/membership.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { PrepaidService } from '../prepaid/prepaid.ts';
import type { ProductsService } from '../products/products.ts';

interface SlipRow {
  id: number;
  customer_id: number | null;
  customer_name: string | null;
  date: string;
  created_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

interface LineRow {
  id: number;
  product_id: number;
  product_name: string;
  unit: Unit;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
  paid: number;
  voided_at: string | null;
  void_reason: string | null;
}

interface JournalRow extends SlipRow {
  kind: JournalEntry['kind'];
  line_count: number;
  total_fen: number;
  products: string | null;
  payments: string;
}

type Tender = { method: SlipMethod; amountFen: number };

const methodOrder = (a: { method: JournalMethod }, b: { method: JournalMethod }) => journalMethods.indexOf(a.method) - journalMethods.indexOf(b.method);

const invalid = (message: string, issues: FieldIssue[]) => new AppError('VALIDATION', message, { issues });

export function createSlipsService(
  ctx: BackendContext,
  deps: {
    customers: CustomersService;
    products: ProductsService;
    forecasts: ForecastsService;
    credit: CreditService;
    membership: MembershipService;
    prepaid: PrepaidService;
    containers: ContainersService;
  },
) {
  const { db } = ctx;
  const slipFrom = 'FROM slips sl LEFT JOIN customers c ON c.id = sl.customer_id';
  // The journal: slips and the sales recorded alone (记一笔), one list. A single sale's "payment" is
  // 'unrecorded' when marked paid (its method was never asked), else 'credit'.
  const singleMethod = "CASE WHEN s.paid = 1 THEN 'unrecorded' ELSE 'credit' END";
  const liveTotal = '(SELECT coalesce(sum(s.amount_fen), 0) FROM sales s WHERE s.slip_id = sl.id AND s.voided_at IS NULL)';
  const journal = `SELECT 'slip' AS kind, sl.id AS id, sl.customer_id, c.name AS customer_name, sl.date AS date, sl.created_at AS created_at,
       sl.voided_at, sl.void_reason, (SELECT count(*) FROM sales s WHERE s.slip_id = sl.id AND s.voided_at IS NULL) AS line_count,
       ${liveTotal} AS total_fen,
       (SELECT group_concat(p.name, '、') FROM sales s JOIN products p ON p.id = s.product_id
        WHERE s.slip_id = sl.id AND (s.voided_at IS NULL OR sl.voided_at IS NOT NULL)) AS products,
       (SELECT json_group_array(json_object('method', method, 'amountFen', amount_fen)) FROM slip_payments WHERE slip_id = sl.id) AS payments
     FROM slips sl LEFT JOIN customers c ON c.id = sl.customer_id
     WHERE (:from IS NULL OR sl.date >= :from) AND (:to IS NULL OR sl.date <= :to)
       AND (:customerId IS NULL OR sl.customer_id = :customerId)
       AND (:productId IS NULL OR EXISTS (SELECT 1 FROM sales s WHERE s.slip_id = sl.id AND s.product_id = :productId))
       AND (:method IS NULL OR EXISTS (SELECT 1 FROM slip_payments sp WHERE sp.slip_id = sl.id AND sp.method = :method))
   UNION ALL
   SELECT 'sale', s.id, s.customer_id, c.name, s.date, s.created_at, s.voided_at, s.void_reason, s.voided_at IS NULL,
       CASE WHEN s.voided_at IS NULL THEN s.amount_fen ELSE 0 END, p.name,
       json_array(json_object('method', ${singleMethod}, 'amountFen', s.amount_fen))
     FROM sales s JOIN products p ON p.id = s.product_id LEFT JOIN customers c ON c.id = s.customer_id
     WHERE s.slip_id IS NULL AND (:from IS NULL OR s.date >= :from) AND (:to IS NULL OR s.date <= :to)
       AND (:customerId IS NULL OR s.customer_id = :customerId) AND (:productId IS NULL OR s.product_id = :productId)
       AND (:method IS NULL OR :method = ${singleMethod})`;
  type JournalParams = { from: string | null; to: string | null; customerId: number | null; productId: number | null; method: JournalMethod | null };
  // Prepared at first use, not when the service is built: a backend opened on a book of an earlier schema
  // (the migration tests' old books) has no slips tables yet, and builds every service all the same.
  const prepare = () => ({
    selectSlip: db.prepare<[number], SlipRow>(
      `SELECT sl.id, sl.customer_id, c.name AS customer_name, sl.date, sl.created_at, sl.voided_at, sl.void_reason ${slipFrom} WHERE sl.id = ?`,
    ),
    selectLines: db.prepare<[number], LineRow>(
      `SELECT s.id, s.product_id, p.name AS product_name, p.unit, s.quantity, s.unit_price_fen, s.amount_fen, s.paid, s.voided_at, s.void_reason
     FROM sales s JOIN products p ON p.id = s.product_id WHERE s.slip_id = ? ORDER BY s.id`,
    ),
    selectTenders: db.prepare<[number], Tender>('SELECT method, amount_fen AS amountFen FROM slip_payments WHERE slip_id = ?'),
    selectLineSlip: db.prepare<[number], { slip_id: number | null }>('SELECT slip_id FROM sales WHERE id = ?'),
    insertSlip: db.prepare<[number | null, string, string]>('INSERT INTO slips (customer_id, date, created_at) VALUES (?, ?, ?)'),
    insertTender: db.prepare<[number, SlipMethod, number]>('INSERT INTO slip_payments (slip_id, method, amount_fen) VALUES (?, ?, ?)'),
    insertLine: db.prepare(
      `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at, slip_id)
     VALUES (:customerId, :productId, :quantity, :unitPriceFen, :amountFen, :paid, :date, :now, :slipId)`,
    ),
    insertCounterPayment: db.prepare(`INSERT INTO payments (customer_id, amount_fen, method, date, note, created_at, slip_id) VALUES (?, ?, ?, ?, '', ?, ?)`),
    markSlipVoided: db.prepare<[string, string, number]>('UPDATE slips SET voided_at = ?, void_reason = ? WHERE id = ?'),
    markLineVoided: db.prepare<[string, string, number]>('UPDATE sales SET voided_at = ?, void_reason = ? WHERE id = ?'),
    markPaymentsVoided: db.prepare<[string, string, number]>('UPDATE payments SET voided_at = ?, void_reason = ? WHERE slip_id = ? AND voided_at IS NULL'),
    selectJournal: db.prepare<JournalParams & { limit: number }, JournalRow>(
      `SELECT * FROM (${journal}) ORDER BY date DESC, created_at DESC, kind, id DESC LIMIT :limit`,
    ),
    summarizeJournal: db.prepare<JournalParams, { n: number; total: number | null }>(
      `SELECT count(*) AS n, sum(total_fen) AS total FROM (${journal}) WHERE voided_at IS NULL`,
    ),
  });
  let statements: ReturnType<typeof prepare> | undefined;
  const q = () => (statements ??= prepare());

  function get(id: number): Slip {
    const row = q().selectSlip.get(id);
    if (!row) throw new AppError('NOT_FOUND', `slip ${id} not found`, { details: { entity: 'slip', id } });
    const lines = q().selectLines.all(id);
    const tickets = deps.prepaid.ticketsOfSlip(id);
    return {
      id: row.id,
      customerId: row.customer_id,
      customerName: row.customer_name,
      date: row.date,
      createdAt: row.created_at,
      voidedAt: row.voided_at,
      voidReason: row.void_reason,
      lines: lines.map((l) => ({
        saleId: l.id,
        productId: l.product_id,
        productName: l.product_name,
        unit: l.unit,
        quantity: l.quantity,
        unitPriceFen: l.unit_price_fen,
        amountFen: l.amount_fen,
        voidedAt: l.voided_at,
        voidReason: l.void_reason,
        tickets: tickets.get(l.id) ?? 0,
      })),
      payments: q().selectTenders.all(id).sort(methodOrder),
      totalFen: lines.reduce((sum, l) => (l.voided_at ? sum : sum + l.amount_fen), 0),
      owedFen: row.customer_id === null ? null : deps.credit.balanceOf(row.customer_id),
      prepaid: row.customer_id === null ? null : deps.prepaid.balancesOf(row.customer_id),
    };
  }

  /** The lines priced and checked, before anything is written. */
  function priceLines(draft: SlipDraft): { product: Product; quantity: number; unitPriceFen: number; amountFen: number }[] {
    const lines = draft.lines.map((line, index) => {
      const product = deps.products.get(line.productId);
      const unitPriceFen = line.unitPriceFen ?? product.priceFen;
      const amountFen = lineAmountFen(line.quantity, unitPriceFen);
      if (amountFen > MAX_FEN) {
        throw invalid(`line ${index}: quantity x price is over ${MAX_FEN} fen`, [
          { path: ['lines', index, 'quantity'], issue: 'amount_too_big', limit: MAX_FEN },
        ]);
      }
      return { product, quantity: line.quantity, unitPriceFen, amountFen };
    });
    const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
    if (totalFen > MAX_FEN) throw invalid(`the slip's total is over ${MAX_FEN} fen`, [{ path: ['lines'], issue: 'amount_too_big', limit: MAX_FEN }]);
    return lines;
  }

  function checkPayments(draft: SlipDraft, totalFen: number): void {
    const seen = new Set<SlipMethod>();
    draft.payments.forEach((p, index) => {
      if (seen.has(p.method)) throw invalid(`${p.method} is given twice`, [{ path: ['payments', index, 'method'], issue: 'duplicate_method' }]);
      seen.add(p.method);
      if (p.method === 'credit' && draft.customerId === null) {
        throw invalid('a walk-in slip cannot go on credit', [{ path: ['payments', index, 'method'], issue: 'credit_needs_household' }]);
      }
    });
    const paidFen = draft.payments.reduce((sum, p) => sum + p.amountFen, 0);
    if (paidFen !== totalFen) {
      throw invalid(`the payments add up to ${paidFen} fen, the slip to ${totalFen}`, [{ path: ['payments'], issue: 'split_mismatch', limit: totalFen }]);
    }
  }

  function create(draft: SlipDraft): Slip {
    requireWithinReach(ctx, draft.date);
    const { customerId } = draft;
    if (customerId !== null) deps.customers.requireExists(customerId);
    // Containers: a slip may move only containers (empties back, a deposit refunded), never nothing at all.
    if (draft.lines.length === 0 && !deps.containers.movesAnything(draft.containers)) {
      throw invalid('a slip needs a line or a container moved', [{ path: ['lines'], issue: 'too_small', limit: 1 }]);
    }
    // The member price and points spent lower the lines' amounts: the lines charge what was paid.
    const { lines, redemption } = deps.membership.applyToSlip(customerId, draft.member, priceLines(draft));
    checkPayments(
      draft,
      lines.reduce((sum, l) => sum + l.amountFen, 0),
    );
    const date = draft.date ?? ctx.today();
    const now = isoNow(ctx);
    const onCredit = draft.payments.some((p) => p.method === 'credit');
    // Prepaid: tickets and stored value checked against what the household holds, before anything is written.
    const draws = deps.prepaid.checkSlip({
      customerId,
      onCredit,
      payments: draft.payments,
      lines: lines.map((l, i) => ({ productId: l.product.id, quantity: l.quantity, unitPriceFen: l.unitPriceFen, tickets: draft.lines[i]!.tickets })),
    });
    const slipId = Number(q().insertSlip.run(customerId, date, now).lastInsertRowid);
    for (const p of draft.payments) q().insertTender.run(slipId, p.method, p.amountFen);
    if (redemption && customerId !== null) deps.membership.recordRedemption(slipId, customerId, redemption);
    // Containers: checked against the household's balance and appended; a refusal rolls the slip back.
    deps.containers.record(
      { id: slipId, customerId, date, now },
      draft.containers,
      lines.map((l) => l.product),
    );
    for (const l of lines) {
      q().insertLine.run({
        customerId,
        productId: l.product.id,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
        amountFen: l.amountFen,
        paid: onCredit ? 0 : 1,
        date,
        now,
        slipId,
      });
    }
    if (draws) deps.prepaid.drawForSlip(draws, slipId, date, now);
    if (customerId !== null) {
      for (const productId of new Set(lines.map((l) => l.product.id))) deps.forecasts.refresh(customerId, productId);
      if (onCredit) {
        for (const p of draft.payments) {
          if (p.method !== 'credit') q().insertCounterPayment.run(customerId, p.amountFen, p.method, date, now, slipId);
        }
        deps.credit.refreshBalance(customerId);
      }
    }
    return get(slipId);
  }

  /** After lines of a household's slip were voided: its forecasts and, when credit was involved, its balance. */
  function refreshAfterVoid(slip: Slip, voided: Slip['lines'], onCredit: boolean) {
    if (slip.customerId === null) return;
    for (const productId of new Set(voided.map((l) => l.productId))) deps.forecasts.refresh(slip.customerId, productId);
    if (onCredit) deps.credit.refreshBalance(slip.customerId);
  }

  const isOnCredit = (slip: Slip) => slip.payments.some((p) => p.method === 'credit');

  function voidSlip(id: number, reason: string): Slip {
    const slip = get(id);
    if (slip.voidedAt) throw new AppError('ALREADY_VOIDED', `slip ${id} was already voided`, { details: { id } });
    const now = isoNow(ctx);
    // Containers: voided with the slip, unless later slips rest on them (then nothing is voided).
    deps.containers.voidSlip(id, slip.customerId, now, reason);
    const live = slip.lines.filter((l) => !l.voidedAt);
    for (const line of live) q().markLineVoided.run(now, reason, line.saleId);
    q().markPaymentsVoided.run(now, reason, id);
    q().markSlipVoided.run(now, reason, id);
    deps.prepaid.voidForSlip(id, now, reason);
    refreshAfterVoid(slip, live, isOnCredit(slip));
    return get(id);
  }

  function voidLine(saleId: number, reason: string): Slip {
    const slipId = q().selectLineSlip.get(saleId)?.slip_id;
    if (slipId == null) throw new AppError('NOT_FOUND', `sale ${saleId} is no line of a slip`, { details: { entity: 'slipLine', id: saleId } });
    const slip = get(slipId);
    const line = slip.lines.find((l) => l.saleId === saleId)!;
    if (slip.voidedAt || line.voidedAt) throw new AppError('ALREADY_VOIDED', `line ${saleId} was already voided`, { details: { id: saleId } });
    const now = isoNow(ctx);
    q().markLineVoided.run(now, reason, saleId);
    deps.prepaid.voidForLine(saleId, now, reason);
    refreshAfterVoid(slip, [line], isOnCredit(slip));
    return get(slipId);
  }

  function list({ from, to, customerId, productId, method, limit }: ParsedInput<'slips.list'>) {
    const params: JournalParams = { from: from ?? null, to: to ?? null, customerId: customerId ?? null, productId: productId ?? null, method: method ?? null };
    const entries: JournalEntry[] = q()
      .selectJournal.all({ ...params, limit })
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        customerId: r.customer_id,
        customerName: r.customer_name,
        date: r.date,
        createdAt: r.created_at,
        voidedAt: r.voided_at,
        voidReason: r.void_reason,
        lineCount: r.line_count,
        totalFen: r.total_fen,
        products: r.products ?? '',
        payments: (JSON.parse(r.payments) as JournalEntry['payments']).sort(methodOrder),
      }));
    const summary = q().summarizeJournal.get(params)!;
    return { entries, count: summary.n, totalFen: summary.total ?? 0 };
  }

  return {
    get,
    create: db.transaction(create),
    void: db.transaction(voidSlip),
    voidLine: db.transaction(voidLine),
    list,
  };
}
export type SlipsService = ReturnType<typeof createSlipsService>;

export function slipsHandlers({ slips }: { slips: SlipsService }): AreaHandlers<'slips'> {
  return {
    'slips.create': (draft) => slips.create(draft),
    'slips.get': ({ id }) => slips.get(id),
    'slips.void': ({ id, reason }) => slips.void(id, reason),
    'slips.voidLine': ({ saleId, reason }) => slips.voidLine(saleId, reason),
    'slips.list': (filter) => slips.list(filter),
  };
}
