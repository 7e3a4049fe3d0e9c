/**
 * The day's close (日结): pure rules for what each record of a day brings into the drawer. The service
 * reads the day's records; every money source (slips, single sales, credit payments; deposits and tickets
 * next) turns them into money lines, and the close sums the lines by method.
 */

/** How money came in. `unrecorded`: a single sale (记一笔) marked paid, whose method was never asked. */
export const CLOSE_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'unrecorded'] as const;
export type CloseMethod = (typeof CLOSE_METHODS)[number];

/**
 * Where money came from: 'prepaid' is ticket bundles and stored value sold (and refunds given back, as
 * negative lines); a slip paid with them brought no money that day. 'deposits' is container deposits
 * taken less those refunded (in cash: the slip does not ask how a deposit was paid).
 */
export const CLOSE_SOURCES = ['slips', 'singleSales', 'creditPayments', 'prepaid', 'deposits'] as const;
export type CloseSource = (typeof CLOSE_SOURCES)[number];

export interface MoneyLine {
  source: CloseSource;
  method: CloseMethod;
  amountFen: number;
}

export interface Tender {
  method: 'cash' | 'wechat' | 'alipay' | 'bank' | 'credit' | 'tickets' | 'stored';
  amountFen: number;
}

/** Paid from what the household bought before (tickets, stored value): no money comes in with the slip. */
const PREPAID_TENDERS: readonly Tender['method'][] = ['tickets', 'stored'];

/** The order a voided line of a paid slip is given back in: cash first (what a counter refunds), then the others. */
const REFUND_ORDER = ['cash', 'wechat', 'alipay', 'bank'] as const;

/**
 * The money a live slip brought in, by method. Its split is kept as tendered; a line voided later
 * lowers what it brought: on a slip paid in full, the voided amount is taken back from its cash
 * first, then WeChat, Alipay, bank. On a slip with a credit part the money taken at the counter stays
 * (it is a payment in the credit book: the void lowers what the household owes instead).
 */
export function slipTakings(tenders: readonly Tender[], liveTotalFen: number): { method: Tender['method']; amountFen: number }[] {
  const money = tenders.filter((t) => !PREPAID_TENDERS.includes(t.method));
  const counter = money.filter((t) => t.method !== 'credit');
  if (counter.length < money.length) return counter.map((t) => ({ ...t }));
  let refund = Math.max(0, counter.reduce((sum, t) => sum + t.amountFen, 0) - liveTotalFen);
  const left = new Map(counter.map((t) => [t.method, t.amountFen]));
  for (const method of REFUND_ORDER) {
    const had = left.get(method);
    if (had === undefined || refund === 0) continue;
    const back = Math.min(had, refund);
    left.set(method, had - back);
    refund -= back;
  }
  return counter.map((t) => ({ method: t.method, amountFen: left.get(t.method)! })).filter((t) => t.amountFen > 0);
}

/** What a live slip put on credit: its lines still standing less the money taken at the counter (never below 0). */
export function slipCreditFen(tenders: readonly Tender[], liveTotalFen: number): number {
  if (!tenders.some((t) => t.method === 'credit')) return 0;
  const counter = tenders.reduce((sum, t) => (t.method === 'credit' || PREPAID_TENDERS.includes(t.method) ? sum : sum + t.amountFen), 0);
  return Math.max(0, liveTotalFen - counter);
}

/** The takings by method: the four a counter takes always (a zero is worth printing), `unrecorded` when there is any. */
export function takingsByMethod(lines: readonly MoneyLine[]): { method: CloseMethod; amountFen: number }[] {
  const sums = new Map<CloseMethod, number>();
  for (const l of lines) sums.set(l.method, (sums.get(l.method) ?? 0) + l.amountFen);
  return CLOSE_METHODS.filter((m) => m !== 'unrecorded' || sums.has(m)).map((method) => ({ method, amountFen: sums.get(method) ?? 0 }));
}

/** Each source's total, in the sources' order, leaving out those that brought nothing. */
export function takingsBySource(lines: readonly MoneyLine[]): { source: CloseSource; amountFen: number }[] {
  return CLOSE_SOURCES.map((source) => ({
    source,
    amountFen: lines.reduce((sum, l) => (l.source === source ? sum + l.amountFen : sum), 0),
  })).filter((s) => lines.some((l) => l.source === s.source));
}

/** The drawer: counted less expected (positive: more cash than the records say), null before a count. */
export function drawerDifferenceFen(expectedCashFen: number, countedFen: number | null): number | null {
  return countedFen === null ? null : countedFen - expectedCashFen;
}
