/**
 * The day's close (日结), derived from the day's records as they stand (a record counts on the day it is
 * dated; voided, it drops out of that day's figures and shows among its voids). Each source of money reads
 * its own records and gives money lines (shared/domain/dayClose.ts); the takings are their sums. Only the
 * cash counted in the drawer is stored (cash_counts, append-only).
 */
import type { CloseMethodName, DayClose, Unit } from '../../../../shared/contract.ts';
import {
  drawerDifferenceFen,
  slipCreditFen,
  slipTakings,
  takingsByMethod,
  takingsBySource,
  type MoneyLine,
  type Tender,
} from '../../../../shared/domain/dayClose.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';

interface SlipRow {
  id: number;
  customer_id: number | null;
  voided_at: string | null;
  live_fen: number;
  tenders: string;
}
interface SingleSaleRow {
  customer_id: number;
  paid: number;
  amount_fen: number;
}
interface PaymentRow {
  customer_id: number;
  method: CloseMethodName;
  amount_fen: number;
}
interface VoidRow {
  kind: DayClose['voids'][number]['kind'];
  id: number;
  slip_id: number | null;
  customer_name: string | null;
  what: string | null;
  amount_fen: number;
  voided_at: string;
  reason: string | null;
  corrected: number;
}

/** The day's records each source reads, read once per close. */
interface DayRecords {
  slips: (SlipRow & { tenderList: Tender[] })[];
  singleSales: SingleSaleRow[];
  creditPayments: PaymentRow[];
  prepaid: { kind: 'bought' | 'refunded'; money_fen: number; method: 'cash' | 'wechat' | 'alipay' | 'bank' }[];
  deposits: { kind: 'paid' | 'refunded'; amount_fen: number }[];
}

const live = (s: SlipRow) => s.voided_at === null;

// --- The sources of money: one function each, a record's money as lines. A new source adds a function
// here, its records to DayRecords, and its name to CLOSE_SOURCES.

function moneyFromSlips(day: DayRecords): MoneyLine[] {
  return day.slips
    .filter(live)
    .flatMap((s) =>
      slipTakings(s.tenderList, s.live_fen).map((t) => ({ source: 'slips' as const, method: t.method as CloseMethodName, amountFen: t.amountFen })),
    );
}

/** A single sale (记一笔) marked paid: its money is in, by a method never asked. */
function moneyFromSingleSales(day: DayRecords): MoneyLine[] {
  return day.singleSales.filter((s) => s.paid === 1).map((s) => ({ source: 'singleSales' as const, method: 'unrecorded' as const, amountFen: s.amount_fen }));
}

function moneyFromCreditPayments(day: DayRecords): MoneyLine[] {
  return day.creditPayments.map((p) => ({ source: 'creditPayments' as const, method: p.method, amountFen: p.amount_fen }));
}

/** Ticket bundles and stored value sold that day, less what was refunded of them. */
function moneyFromPrepaid(day: DayRecords): MoneyLine[] {
  return day.prepaid.map((p) => ({ source: 'prepaid' as const, method: p.method, amountFen: p.kind === 'bought' ? p.money_fen : -p.money_fen }));
}

/** Container deposits taken, less those given back; cash, as the slip does not ask how a deposit was paid. */
function moneyFromDeposits(day: DayRecords): MoneyLine[] {
  return day.deposits.map((d) => ({ source: 'deposits' as const, method: 'cash' as const, amountFen: d.kind === 'paid' ? d.amount_fen : -d.amount_fen }));
}

const MONEY_SOURCES = [moneyFromSlips, moneyFromSingleSales, moneyFromCreditPayments, moneyFromPrepaid, moneyFromDeposits];

// --- The other sections.

function creditSection(day: DayRecords): DayClose['credit'] {
  const given = new Map<number, number>();
  const add = (customerId: number, fen: number) => fen > 0 && given.set(customerId, (given.get(customerId) ?? 0) + fen);
  for (const s of day.slips.filter(live)) if (s.customer_id !== null) add(s.customer_id, slipCreditFen(s.tenderList, s.live_fen));
  for (const s of day.singleSales) if (s.paid === 0) add(s.customer_id, s.amount_fen);
  return {
    givenFen: [...given.values()].reduce((a, b) => a + b, 0),
    givenHouseholds: given.size,
    collectedFen: day.creditPayments.reduce((sum, p) => sum + p.amount_fen, 0),
    collectedHouseholds: new Set(day.creditPayments.map((p) => p.customer_id)).size,
  };
}

function countsSection(day: DayRecords, voids: DayClose['voids']): DayClose['counts'] {
  const standing = day.slips.filter(live);
  return { slips: standing.length, walkIns: standing.filter((s) => s.customer_id === null).length, singleSales: day.singleSales.length, voided: voids.length };
}

export function createDayCloseService(ctx: BackendContext) {
  const { db } = ctx;
  // Prepared at first use: a backend opened on a book of an earlier schema (the migration tests) has no cash_counts.
  const prepare = () => ({
    slips: db.prepare<[string], SlipRow>(
      `SELECT sl.id, sl.customer_id, sl.voided_at,
         (SELECT coalesce(sum(s.amount_fen), 0) FROM sales s WHERE s.slip_id = sl.id AND s.voided_at IS NULL) AS live_fen,
         (SELECT json_group_array(json_object('method', method, 'amountFen', amount_fen)) FROM slip_payments WHERE slip_id = sl.id) AS tenders
       FROM slips sl WHERE sl.date = ?`,
    ),
    singleSales: db.prepare<[string], SingleSaleRow>(
      'SELECT customer_id, paid, amount_fen FROM sales WHERE date = ? AND slip_id IS NULL AND voided_at IS NULL',
    ),
    creditPayments: db.prepare<[string], PaymentRow>(
      'SELECT customer_id, method, amount_fen FROM payments WHERE date = ? AND slip_id IS NULL AND voided_at IS NULL',
    ),
    prepaid: db.prepare<[string], DayRecords['prepaid'][number]>(
      `SELECT kind, money_fen, method FROM prepaid_entries
       WHERE date = ? AND voided_at IS NULL AND kind IN ('bought', 'refunded') AND money_fen > 0 AND method IS NOT NULL`,
    ),
    deposits: db.prepare<[string], DayRecords['deposits'][number]>(
      'SELECT kind, amount_fen FROM container_deposits WHERE date = ? AND voided_at IS NULL AND amount_fen > 0',
    ),
    products: db.prepare<[string], { product_id: number; name: string; unit: Unit; quantity: number; amount_fen: number }>(
      `SELECT s.product_id, p.name, p.unit, sum(s.quantity) AS quantity, sum(s.amount_fen) AS amount_fen
       FROM sales s JOIN products p ON p.id = s.product_id WHERE s.date = ? AND s.voided_at IS NULL
       GROUP BY s.product_id ORDER BY amount_fen DESC, s.product_id`,
    ),
    voids: db.prepare<{ date: string }, VoidRow>(
      `SELECT 'slip' AS kind, sl.id AS id, sl.id AS slip_id, c.name AS customer_name,
         (SELECT group_concat(p.name, '、') FROM sales s JOIN products p ON p.id = s.product_id WHERE s.slip_id = sl.id) AS what,
         (SELECT coalesce(sum(s.amount_fen), 0) FROM sales s WHERE s.slip_id = sl.id) AS amount_fen, sl.voided_at, sl.void_reason AS reason, 0 AS corrected, 0 AS rank
       FROM slips sl LEFT JOIN customers c ON c.id = sl.customer_id WHERE sl.date = :date AND sl.voided_at IS NOT NULL
       UNION ALL
       SELECT 'slipLine', s.id, s.slip_id, c.name, p.name, s.amount_fen, s.voided_at, s.void_reason, 0, 1
       FROM slips sl JOIN sales s ON s.slip_id = sl.id JOIN products p ON p.id = s.product_id LEFT JOIN customers c ON c.id = sl.customer_id
       WHERE sl.date = :date AND sl.voided_at IS NULL AND s.voided_at IS NOT NULL
       UNION ALL
       SELECT 'sale', s.id, NULL, c.name, p.name, s.amount_fen, s.voided_at, s.void_reason, EXISTS (SELECT 1 FROM sales r WHERE r.replaces_sale_id = s.id), 2
       FROM sales s JOIN products p ON p.id = s.product_id LEFT JOIN customers c ON c.id = s.customer_id
       WHERE s.date = :date AND s.slip_id IS NULL AND s.voided_at IS NOT NULL
       UNION ALL
       SELECT 'payment', y.id, NULL, c.name, y.method, y.amount_fen, y.voided_at, y.void_reason, 0, 3
       FROM payments y JOIN customers c ON c.id = y.customer_id WHERE y.date = :date AND y.slip_id IS NULL AND y.voided_at IS NOT NULL
       ORDER BY voided_at, rank, id`,
    ),
    cashCounts: db.prepare<[string], { id: number; counted_fen: number; note: string; created_at: string }>(
      'SELECT id, counted_fen, note, created_at FROM cash_counts WHERE date = ? ORDER BY id',
    ),
    insertCashCount: db.prepare<[string, number, string, string]>('INSERT INTO cash_counts (date, counted_fen, note, created_at) VALUES (?, ?, ?, ?)'),
  });
  let statements: ReturnType<typeof prepare> | undefined;
  const q = () => (statements ??= prepare());

  function records(date: string): DayRecords {
    return {
      slips: q()
        .slips.all(date)
        .map((s) => ({ ...s, tenderList: JSON.parse(s.tenders) as Tender[] })),
      singleSales: q().singleSales.all(date),
      creditPayments: q().creditPayments.all(date),
      prepaid: q().prepaid.all(date),
      deposits: q().deposits.all(date),
    };
  }

  function productsSection(date: string): DayClose['products'] {
    return q()
      .products.all(date)
      .map((r) => ({ productId: r.product_id, name: r.name, unit: r.unit, quantity: r.quantity, amountFen: r.amount_fen }));
  }

  function voidsSection(date: string): DayClose['voids'] {
    return q()
      .voids.all({ date })
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        slipId: r.slip_id,
        customerName: r.customer_name,
        what: r.what ?? '',
        amountFen: r.amount_fen,
        voidedAt: r.voided_at,
        reason: r.reason ?? '',
        corrected: r.corrected === 1,
      }));
  }

  function drawerSection(date: string, money: MoneyLine[]): DayClose['drawer'] {
    const counts = q()
      .cashCounts.all(date)
      .map((c) => ({ id: c.id, countedFen: c.counted_fen, note: c.note, createdAt: c.created_at }));
    const expectedCashFen = money.reduce((sum, l) => (l.method === 'cash' ? sum + l.amountFen : sum), 0);
    return { expectedCashFen, counts, differenceFen: drawerDifferenceFen(expectedCashFen, counts.at(-1)?.countedFen ?? null) };
  }

  function get(date: string): DayClose {
    const day = records(date);
    const money = MONEY_SOURCES.flatMap((source) => source(day));
    const byMethod = takingsByMethod(money);
    const voids = voidsSection(date);
    return {
      date,
      money,
      takings: { byMethod, bySource: takingsBySource(money), totalFen: byMethod.reduce((sum, m) => sum + m.amountFen, 0) },
      credit: creditSection(day),
      counts: countsSection(day, voids),
      products: productsSection(date),
      voids,
      drawer: drawerSection(date, money),
    };
  }

  function countCash(date: string, countedFen: number, note: string): DayClose {
    if (date > ctx.today()) {
      throw new AppError('DAY_NOT_YET', `cash cannot be counted for ${date}, after today`, { details: { date } });
    }
    q().insertCashCount.run(date, countedFen, note, isoNow(ctx));
    return get(date);
  }

  return { get, countCash: db.transaction(countCash) };
}
export type DayCloseService = ReturnType<typeof createDayCloseService>;

export function dayCloseHandlers({ dayClose }: { dayClose: DayCloseService }): AreaHandlers<'dayClose'> {
  return {
    'dayClose.get': ({ date }) => dayClose.get(date),
    'dayClose.countCash': ({ date, countedFen, note }) => dayClose.countCash(date, countedFen, note),
  };
}
