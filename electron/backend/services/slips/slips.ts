/**
 * The counter slip (开单). A slip's lines are rows of `sales` (with its `slip_id`), so a household's
 * forecasts, credit book and history read them exactly as they read a sale recorded alone; a walk-in
 * slip's lines have no household. The split as tendered is kept in `slip_payments`; a slip partly on
 * credit puts its lines on credit and the money taken at the counter in the credit book as payments of
 * the slip, so the household owes the credit part by the book's own rules. Voids mark rows, never delete.
 */
import type { ParsedInput, Product, Slip, SlipDraft, SlipMethod, SlipSummary, Unit } from '../../../../shared/contract.ts';
import { slipMethods } from '../../../../shared/contract.ts';
import { lineAmountFen, MAX_FEN } from '../../../../shared/domain/money.ts';
import { AppError, type FieldIssue } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { ContainersService } from '../containers/containers.ts';
import type { CreditService } from '../credit/credit.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
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

interface SummaryRow extends SlipRow {
  line_count: number;
  total_fen: number;
  payments: string;
}

type Tender = { method: SlipMethod; amountFen: number };

const methodOrder = (a: Tender, b: Tender) => slipMethods.indexOf(a.method) - slipMethods.indexOf(b.method);

const invalid = (message: string, issues: FieldIssue[]) => new AppError('VALIDATION', message, { issues });

export function createSlipsService(
  ctx: BackendContext,
  deps: { customers: CustomersService; products: ProductsService; forecasts: ForecastsService; credit: CreditService; containers: ContainersService },
) {
  const { db } = ctx;
  const slipFrom = 'FROM slips sl LEFT JOIN customers c ON c.id = sl.customer_id';
  const journalWhere = `WHERE (:from IS NULL OR sl.date >= :from) AND (:to IS NULL OR sl.date <= :to)
      AND (:customerId IS NULL OR sl.customer_id = :customerId)
      AND (:method IS NULL OR EXISTS (SELECT 1 FROM slip_payments sp WHERE sp.slip_id = sl.id AND sp.method = :method))`;
  const liveTotal = '(SELECT coalesce(sum(s.amount_fen), 0) FROM sales s WHERE s.slip_id = sl.id AND s.voided_at IS NULL)';
  type JournalParams = { from: string | null; to: string | null; customerId: number | null; method: SlipMethod | null };
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
    selectJournal: db.prepare<JournalParams & { limit: number }, SummaryRow>(
      `SELECT sl.id, sl.customer_id, c.name AS customer_name, sl.date, sl.created_at, sl.voided_at, sl.void_reason,
       (SELECT count(*) FROM sales s WHERE s.slip_id = sl.id AND s.voided_at IS NULL) AS line_count, ${liveTotal} AS total_fen,
       (SELECT json_group_array(json_object('method', method, 'amountFen', amount_fen)) FROM slip_payments WHERE slip_id = sl.id) AS payments
     ${slipFrom} ${journalWhere} ORDER BY sl.date DESC, sl.id DESC LIMIT :limit`,
    ),
    summarizeJournal: db.prepare<JournalParams, { n: number; total: number | null }>(
      `SELECT count(*) AS n, sum(${liveTotal}) AS total ${slipFrom} ${journalWhere} AND sl.voided_at IS NULL`,
    ),
  });
  let statements: ReturnType<typeof prepare> | undefined;
  const q = () => (statements ??= prepare());

  function get(id: number): Slip {
    const row = q().selectSlip.get(id);
    if (!row) throw new AppError('NOT_FOUND', `slip ${id} not found`, { details: { entity: 'slip', id } });
    const lines = q().selectLines.all(id);
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
      })),
      payments: q().selectTenders.all(id).sort(methodOrder),
      totalFen: lines.reduce((sum, l) => (l.voided_at ? sum : sum + l.amount_fen), 0),
      owedFen: row.customer_id === null ? null : deps.credit.balanceOf(row.customer_id),
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
    const lines = priceLines(draft);
    checkPayments(
      draft,
      lines.reduce((sum, l) => sum + l.amountFen, 0),
    );
    const date = draft.date ?? ctx.today();
    const now = isoNow(ctx);
    const onCredit = draft.payments.some((p) => p.method === 'credit');
    const slipId = Number(q().insertSlip.run(customerId, date, now).lastInsertRowid);
    for (const p of draft.payments) q().insertTender.run(slipId, p.method, p.amountFen);
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
    refreshAfterVoid(slip, live, isOnCredit(slip));
    return get(id);
  }

  function voidLine(saleId: number, reason: string): Slip {
    const slipId = q().selectLineSlip.get(saleId)?.slip_id;
    if (slipId == null) throw new AppError('NOT_FOUND', `sale ${saleId} is no line of a slip`, { details: { entity: 'slipLine', id: saleId } });
    const slip = get(slipId);
    const line = slip.lines.find((l) => l.saleId === saleId)!;
    if (slip.voidedAt || line.voidedAt) throw new AppError('ALREADY_VOIDED', `line ${saleId} was already voided`, { details: { id: saleId } });
    q().markLineVoided.run(isoNow(ctx), reason, saleId);
    refreshAfterVoid(slip, [line], isOnCredit(slip));
    return get(slipId);
  }

  function list({ from, to, customerId, method, limit }: ParsedInput<'slips.list'>) {
    const params: JournalParams = { from: from ?? null, to: to ?? null, customerId: customerId ?? null, method: method ?? null };
    const slips: SlipSummary[] = q()
      .selectJournal.all({ ...params, limit })
      .map((r) => ({
        id: r.id,
        customerId: r.customer_id,
        customerName: r.customer_name,
        date: r.date,
        createdAt: r.created_at,
        voidedAt: r.voided_at,
        voidReason: r.void_reason,
        lineCount: r.line_count,
        totalFen: r.total_fen,
        payments: (JSON.parse(r.payments) as Tender[]).sort(methodOrder),
      }));
    const summary = q().summarizeJournal.get(params)!;
    return { slips, count: summary.n, totalFen: summary.total ?? 0 };
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
