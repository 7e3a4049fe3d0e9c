/**
 * Business dates are local calendar dates 'YYYY-MM-DD' (what the shopkeeper calls "today"),
 * timestamps are ISO UTC. Arithmetic on business dates is done in UTC so that daylight saving and
 * time zones can never shift a date.
 */
export type BusinessDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isBusinessDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The range a date the shopkeeper gives may lie in. Nothing a shop records with Huitou is older than
 * 2000; the static end keeps date arithmetic inside four-digit years (9999-12-31 plus a few days was an
 * internal error). The contract holds this range; the backend, which knows today, also refuses anything
 * past a year from today (see isWithinReach).
 */
export const EARLIEST_BUSINESS_DATE = '2000-01-01';
export const LATEST_BUSINESS_DATE = '2099-12-31';

export function isInBusinessRange(date: BusinessDate): boolean {
  return date >= EARLIEST_BUSINESS_DATE && date <= LATEST_BUSINESS_DATE;
}

/** The same day a year after `date` (29 February: 28 February). */
export function oneYearAfter(date: BusinessDate): BusinessDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDayOfMonth(y + 1, m))).padStart(2, '0')}`;
}

/**
 * A date the shopkeeper may give today: in the business range and at most a year ahead (a delivery, a
 * promised payment). A sale typed as 2062 moved its household's reminder to 2062, off the list for good.
 */
export function isWithinReach(date: BusinessDate, today: BusinessDate): boolean {
  return isInBusinessRange(date) && date <= oneYearAfter(today);
}

/** The local calendar date of an instant (default: now), as the shop's clock shows it. */
export function businessDateOf(instant: Date = new Date()): BusinessDate {
  const y = instant.getFullYear();
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

// A shop's dates repeat endlessly (a full forecast recompute converts millions of them): parsing and
// formatting each once made the recompute's date arithmetic ~10x cheaper. Bounded, so a scan over
// years of dates cannot grow them without limit.
const CACHE_LIMIT = 20_000;
const msOfDate = new Map<string, number>();
const dateOfMs = new Map<number, BusinessDate>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function toUtcMs(date: BusinessDate): number {
  const cached = msOfDate.get(date);
  if (cached !== undefined) return cached;
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a business date: ${date}`);
  return remember(msOfDate, date, Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtcMs(ms: number): BusinessDate {
  return dateOfMs.get(ms) ?? remember(dateOfMs, ms, new Date(ms).toISOString().slice(0, 10));
}

const DAY_MS = 86_400_000;

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromUtcMs(toUtcMs(date) + Math.round(days) * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function lastDayOfMonth(year: number, month1to12: number): number {
  return new Date(Date.UTC(year, month1to12, 0)).getUTCDate();
}

/** The month a date is in, as YYYY-MM. */
export function monthOf(date: BusinessDate): string {
  return date.slice(0, 7);
}

/** The YYYY-MM month `months` after (or before, when negative) the given one. */
export function addMonths(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
