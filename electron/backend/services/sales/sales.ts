import type { Sale, SaleDraftInput, Unit } from '../../../../shared/contract.ts';
import { lineAmountFen, MAX_FEN } from '../../../../shared/domain/money.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { CreditService } from '../credit/credit.ts';
import type { ProductsService } from '../products/products.ts';
import type { AreaHandlers } from '../../dispatch.ts';

interface SaleRow {
  id: number;
  customer_id: number;
  product_id: number;
  product_name: string;
  unit: Unit;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
  paid: number;
  date: string;
  created_at: string;
  voided_at: string | null;
  void_reason: string | null;
  replaces_sale_id: number | null;
  replaced_by_sale_id: number | null;
  stock_left: number | null;
  slip_id: number | null;
}

function toSale(row: SaleRow): Sale {
  return {
    id: row.id,
    customerId: row.customer_id,
    productId: row.product_id,
    productName: row.product_name,
    unit: row.unit,
    quantity: row.quantity,
    unitPriceFen: row.unit_price_fen,
    amountFen: row.amount_fen,
    paid: row.paid === 1,
    date: row.date,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
    replacesSaleId: row.replaces_sale_id,
    replacedBySaleId: row.replaced_by_sale_id,
    stockLeft: row.stock_left,
    slipId: row.slip_id,
  };
}

const saleColumns = `s.id, s.customer_id, s.product_id, p.name AS product_name, p.unit, s.quantity, s.unit_price_fen,
  s.amount_fen, s.paid, s.date, s.created_at, s.voided_at, s.void_reason, s.replaces_sale_id, s.stock_left, s.slip_id,
  (SELECT r.id FROM sales r WHERE r.replaces_sale_id = s.id) AS replaced_by_sale_id`;

export type SaleDraft = Omit<SaleDraftInput, 'date'> & { date?: string | undefined };

export function createSalesService(
  ctx: BackendContext,
  deps: { customers: CustomersService; products: ProductsService; forecasts: ForecastsService; credit: CreditService },
) {
  const { db } = ctx;
  const selectById = db.prepare<[number], SaleRow>(`SELECT ${saleColumns} FROM sales s JOIN products p ON p.id = s.product_id WHERE s.id = ?`);
  // The household's newest sales are picked from sales_by_customer_product alone (all its entries,
  // sorted) and only those are read from the table: reading every sale before sorting cost ~5 µs a sale.
  const selectForCustomer = db.prepare<[number, number], SaleRow>(
    `SELECT ${saleColumns} FROM (SELECT id FROM sales WHERE customer_id = ? ORDER BY date DESC, id DESC LIMIT ?) newest
     JOIN sales s ON s.id = newest.id JOIN products p ON p.id = s.product_id ORDER BY s.date DESC, s.id DESC`,
  );
  const insert = db.prepare(
    `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at, replaces_sale_id, stock_left)
     VALUES (:customerId, :productId, :quantity, :unitPriceFen, :amountFen, :paid, :date, :now, :replaces, :stockLeft)`,
  );
  const markVoided = db.prepare('UPDATE sales SET voided_at = ?, void_reason = ? WHERE id = ?');
  const clearVoid = db.prepare('UPDATE sales SET voided_at = NULL, void_reason = NULL WHERE id = ?');

  function get(id: number): Sale {
    const row = selectById.get(id);
    if (!row) throw new AppError('NOT_FOUND', `sale ${id} not found`, { details: { entity: 'sale', id } });
    return toSale(row);
  }

  /** `at`: where the draft sits in the call's input, for the issues' paths. */
  function insertSale(draft: SaleDraft, replaces: number | null, at: string[]): Sale {
    requireWithinReach(ctx, draft.date, [...at, 'date']);
    deps.customers.requireExists(draft.customerId);
    const product = deps.products.get(draft.productId);
    const unitPriceFen = draft.unitPriceFen ?? product.priceFen;
    const amountFen = draft.amountFen ?? lineAmountFen(draft.quantity, unitPriceFen);
    if (amountFen > MAX_FEN) {
      throw new AppError('VALIDATION', `quantity x price is over ${MAX_FEN} fen`, {
        issues: [{ path: [...at, 'quantity'], issue: 'amount_too_big', limit: MAX_FEN }],
      });
    }
    const date = draft.date ?? ctx.today();
    const now = isoNow(ctx);
    // + 0: a -0 typed in is stored as 0, and the answer must be what is stored.
    const stockLeft = draft.stockLeft == null ? null : draft.stockLeft + 0;
    const result = insert.run({
      customerId: draft.customerId,
      productId: draft.productId,
      quantity: draft.quantity,
      unitPriceFen,
      amountFen,
      paid: draft.paid ? 1 : 0,
      date,
      now,
      replaces,
      stockLeft,
    });
    deps.forecasts.refresh(draft.customerId, draft.productId);
    if (!draft.paid) deps.credit.refreshBalance(draft.customerId);
    // Answered from what was just written rather than read back: reading it cost ~0.1 ms of a sale at
    // the counter. A new sale is neither voided nor replaced yet.
    return toSale({
      id: Number(result.lastInsertRowid),
      customer_id: draft.customerId,
      product_id: draft.productId,
      product_name: product.name,
      unit: product.unit,
      quantity: draft.quantity,
      unit_price_fen: unitPriceFen,
      amount_fen: amountFen,
      paid: draft.paid ? 1 : 0,
      date,
      created_at: now,
      voided_at: null,
      void_reason: null,
      replaces_sale_id: replaces,
      replaced_by_sale_id: null,
      stock_left: stockLeft,
      slip_id: null,
    });
  }

  /**
   * A slip's line is voided by its slip (slips.voidLine), which also gives back the tickets it drew and
   * keeps the slip's payments matching its lines: voided, corrected or restored as a lone sale, it did not.
   */
  function refuseSlipLine(sale: Sale) {
    if (sale.slipId !== null)
      throw new AppError('SALE_ON_SLIP', `sale ${sale.id} is a line of slip ${sale.slipId}`, { details: { id: sale.id, slipId: sale.slipId } });
  }

  function voidSale(id: number, reason: string): Sale {
    const sale = get(id);
    refuseSlipLine(sale);
    if (sale.voidedAt) throw new AppError('ALREADY_VOIDED', `sale ${id} was already voided`, { details: { id } });
    markVoided.run(isoNow(ctx), reason, id);
    deps.forecasts.refresh(sale.customerId, sale.productId);
    if (!sale.paid) deps.credit.refreshBalance(sale.customerId);
    return get(id);
  }

  /**
   * The Undo of a void's message, seconds after a slip of the hand: the book goes back to as it was, so
   * no void is left to read as a real one. A correction voided its original and replaced it: undoing
   * that is voiding the correction, so the original stays voided here.
   */
  function unvoidSale(id: number): Sale {
    const sale = get(id);
    refuseSlipLine(sale);
    if (!sale.voidedAt) throw new AppError('NOT_VOIDED', `sale ${id} is not voided`, { details: { id } });
    if (sale.replacedBySaleId) throw new AppError('UNDO_SUPERSEDED', `sale ${id} was corrected by sale ${sale.replacedBySaleId}`, { details: { id } });
    clearVoid.run(id);
    deps.forecasts.refresh(sale.customerId, sale.productId);
    if (!sale.paid) deps.credit.refreshBalance(sale.customerId);
    return get(id);
  }

  const record = db.transaction((draft: SaleDraft): Sale => insertSale(draft, null, []));

  const correct = db.transaction((id: number, draft: Omit<SaleDraft, 'customerId'>, reason: string): Sale => {
    const original = voidSale(id, reason);
    return insertSale({ ...draft, customerId: original.customerId }, id, ['draft']);
  });

  return {
    get,
    record,
    correct,
    void: db.transaction(voidSale),
    unvoid: db.transaction(unvoidSale),
    listForCustomer: (customerId: number, limit: number) => {
      deps.customers.requireExists(customerId);
      return selectForCustomer.all(customerId, limit).map(toSale);
    },
  };
}
export type SalesService = ReturnType<typeof createSalesService>;

export function salesHandlers({ sales }: { sales: SalesService }): AreaHandlers<'sales'> {
  return {
    'sales.record': (draft) => sales.record(draft),
    'sales.listForCustomer': ({ customerId, limit }) => sales.listForCustomer(customerId, limit),
    'sales.correct': ({ id, draft, reason }) => sales.correct(id, draft, reason),
    'sales.void': ({ id, reason }) => sales.void(id, reason),
    'sales.unvoid': ({ id }) => sales.unvoid(id),
  };
}
