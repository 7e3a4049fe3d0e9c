/**
 * The credit book (赊账本): what a household owes is always derived from its credit sales and its
 * payments, never typed in. Payments settle the oldest credit first, so "owes since" is the date of
 * the oldest sale not yet fully paid.
 */
import { addDays, type BusinessDate } from './dates.ts';
import type { Payday } from './household.ts';
import { nextPaydayAfter } from './payday.ts';

/** Bump when the balance rules change: stored balances are then recomputed on the next start. */
export const LEDGER_VERSION = 1;

export interface CreditSale {
  id: number;
  date: BusinessDate;
  amountFen: number;
}

export interface Payment {
  id: number;
  date: BusinessDate;
  amountFen: number;
}

export interface Allocation {
  saleId: number;
  date: BusinessDate;
  amountFen: number;
  paidFen: number;
  remainingFen: number;
}

export interface Balance {
  creditFen: number;
  paidFen: number;
  /** Positive: the household owes; negative: it has paid ahead. */
  balanceFen: number;
  oldestUnpaidDate: BusinessDate | null;
  allocations: Allocation[];
}

function byDateThenId<T extends { date: string; id: number }>(a: T, b: T): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}

export function allocatePayments(creditSales: readonly CreditSale[], payments: readonly Payment[]): Balance {
  const paidFen = payments.reduce((sum, p) => sum + p.amountFen, 0);
  let pool = paidFen;
  const allocations = [...creditSales].sort(byDateThenId).map((sale) => {
    const paid = Math.min(pool, sale.amountFen);
    pool -= paid;
    return { saleId: sale.id, date: sale.date, amountFen: sale.amountFen, paidFen: paid, remainingFen: sale.amountFen - paid };
  });
  const creditFen = creditSales.reduce((sum, s) => sum + s.amountFen, 0);
  return {
    creditFen,
    paidFen,
    balanceFen: creditFen - paidFen,
    oldestUnpaidDate: allocations.find((a) => a.remainingFen > 0)?.date ?? null,
    allocations,
  };
}

/** Households with no payday are asked after this many days of owing. */
export const COLLECT_WITHOUT_PAYDAY_AFTER_DAYS = 30;

/**
 * From which day a debt goes on the collection list: the first payday after the oldest unpaid
 * credit (the rice seller's habit: ask after payday, not at the door), or a month on without one.
 */
export function collectFrom(oldestUnpaidDate: BusinessDate | null, payday: Payday): BusinessDate | null {
  if (!oldestUnpaidDate) return null;
  if (payday === null) return addDays(oldestUnpaidDate, COLLECT_WITHOUT_PAYDAY_AFTER_DAYS);
  return nextPaydayAfter(payday, oldestUnpaidDate);
}
