/**
 * "That is 125 times the usual, sure?": how much a household usually buys of a product, to catch a
 * slip of the finger (250 buckets for 2) before it becomes a sale, a debt and a year without reminders.
 */
import { priorDailyUse, type DailyUseRates } from './forecast.ts';
import type { HouseholdPeople } from './household.ts';

/** More than this many times the usual is asked about; a big family order is rarely 10 times its habit. */
export const UNUSUAL_QUANTITY_FACTOR = 10;
/** The usual is the median of this many latest purchases: one odd purchase does not move it. */
export const USUAL_FROM_LAST = 5;
/** Without history: a month of the household's expected use (what a first purchase usually covers). */
export const FIRST_PURCHASE_DAYS = 30;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The usual quantity: the median of the latest purchases (newest first) when there are any, else a month
 * of what the household's people use of the product by its daily use, and at least one unit.
 */
export function usualQuantity(latestQuantities: readonly number[], people: HouseholdPeople | null, rates: DailyUseRates): number {
  if (latestQuantities.length > 0) return median(latestQuantities.slice(0, USUAL_FROM_LAST));
  const monthOfUse = people ? priorDailyUse(people, rates) * FIRST_PURCHASE_DAYS : 0;
  return Math.max(1, monthOfUse);
}

/** How many times the usual `quantity` is, when that is worth a question; null when it is not. */
export function unusualTimes(quantity: number, usual: number): number | null {
  return quantity > usual * UNUSUAL_QUANTITY_FACTOR ? Math.round(quantity / usual) : null;
}
