/**
 * A product's seasons as the forecast uses them: twelve monthly indexes (1 = the year's usual pace; gas
 * 1.2 in January means a household uses a fifth more then), turned into a smooth daily curve by linear
 * interpolation between mid-months. A household's learned use is its pace on a "1.0" day; its stock
 * lasts until the curve's days, summed from the purchase, reach stock / use (see forecast.ts).
 * Learned from the shop's own sales in forecastShop.ts; the presets are what the owner can switch on
 * before there is history.
 */
import { daysBetween, type BusinessDate } from './dates.ts';

export const seasonPresets = ['none', 'winter', 'summer'] as const;
export type SeasonPreset = (typeof seasonPresets)[number];

/**
 * How strong a preset season is: +-20 % around the year, peak to trough 1.5x. A guess on the low side of
 * what gas and water sellers report (winter gas 1.5-2x summer's), so a preset never overshoots much;
 * the shop's own sales take over as they come (forecastShop.ts).
 */
export const PRESET_AMPLITUDE = 0.2;

/** The monthly index (January first) of a preset: winter peaks in January, summer in July. */
export function presetIndex(preset: SeasonPreset): number[] {
  if (preset === 'none') return Array.from({ length: 12 }, () => 1);
  const peak = preset === 'winter' ? 0 : 6;
  return Array.from({ length: 12 }, (_, m) => 1 + PRESET_AMPLITUDE * Math.cos((2 * Math.PI * (m - peak)) / 12));
}

export interface SeasonCurve {
  index: readonly number[];
  /** Cumulative[d]: the curve summed over days 0..d-1 of a year (day 365 exists in leap years only). */
  cumulative: Float64Array;
  /** The curve summed over each year from 2000, by year (filled as needed). */
  yearStart: Map<number, number>;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The curve of a monthly index, or null when it is flat (every month within a thousandth of 1). */
export function seasonCurve(index: readonly number[]): SeasonCurve | null {
  if (index.length !== 12 || index.every((v) => Math.abs(v - 1) < 0.001)) return null;
  const cumulative = new Float64Array(367);
  for (let d = 0; d < 366; d++) {
    // Months as twelve equal parts of 365 days, each index at its middle.
    const x = (Math.min(d, 364) / 365) * 12 - 0.5;
    const m = Math.floor(x);
    const frac = x - m;
    const value = index[(m + 12) % 12]! * (1 - frac) + index[(m + 1) % 12]! * frac;
    cumulative[d + 1] = cumulative[d]! + value;
  }
  return { index, cumulative, yearStart: new Map() };
}

/** Days since 2000-01-01: the learner keeps its intervals as these (forecastShop.ts). */
export function epochDay(date: BusinessDate): number {
  return daysBetween('2000-01-01', date);
}

const FIRST_YEAR = 1970;
const LAST_YEAR = 2130;
/** Epoch day of each month's first day, January FIRST_YEAR to January LAST_YEAR + 1. */
const MONTH_STARTS = (() => {
  const starts = new Int32Array((LAST_YEAR - FIRST_YEAR + 1) * 12 + 1);
  let day = -epochDaysBefore2000();
  let k = 0;
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++)
    for (let m = 1; m <= 12; m++) {
      starts[k++] = day;
      day += new Date(Date.UTC(y, m, 0)).getUTCDate();
    }
  starts[k] = day;
  return starts;
})();

function epochDaysBefore2000(): number {
  let days = 0;
  for (let y = FIRST_YEAR; y < 2000; y++) days += isLeap(y) ? 366 : 365;
  return days;
}

/** The month (index into MONTH_STARTS: (year - FIRST_YEAR) * 12 + month0) that holds epoch day `day`. */
export function monthOfDay(day: number): number {
  let k = Math.max(0, Math.min(MONTH_STARTS.length - 2, Math.floor((day - MONTH_STARTS[0]!) / 30.44)));
  while (k > 0 && MONTH_STARTS[k]! > day) k--;
  while (k < MONTH_STARTS.length - 2 && MONTH_STARTS[k + 1]! <= day) k++;
  return k;
}

/** The first epoch day of month index `k` (monthOfDay), and its month of the year (0 = January). */
export const monthStart = (k: number) => MONTH_STARTS[k]!;
export const monthOfYear = (k: number) => k % 12;

function startOfYear(curve: SeasonCurve, year: number): number {
  const known = curve.yearStart.get(year);
  if (known !== undefined) return known;
  let sum = 0;
  if (year >= 2000) for (let y = 2000; y < year; y++) sum += curve.cumulative[isLeap(y) ? 366 : 365]!;
  else for (let y = year; y < 2000; y++) sum -= curve.cumulative[isLeap(y) ? 366 : 365]!;
  curve.yearStart.set(year, sum);
  return sum;
}

/** The curve summed from 2000-01-01 to the start of epoch day `day`. */
function position(curve: SeasonCurve, day: number): number {
  const k = monthOfDay(day);
  const year = FIRST_YEAR + Math.floor(k / 12);
  return startOfYear(curve, year) + curve.cumulative[day - MONTH_STARTS[k - (k % 12)]!]!;
}

/** Seasonal days between two epoch days: plain days when there is no curve. */
export function seasonalDaysOf(curve: SeasonCurve | null, from: number, to: number): number {
  return curve ? position(curve, to) - position(curve, from) : to - from;
}

/** "Seasonal days" from the start of `from` to the start of `to`: plain days when there is no curve. */
export function seasonalDays(curve: SeasonCurve | null, from: BusinessDate, to: BusinessDate): number {
  return curve ? position(curve, epochDay(to)) - position(curve, epochDay(from)) : daysBetween(from, to);
}

/**
 * Calendar days from `from` until `amount` seasonal days have passed (fractional, at most `cap`): how
 * long stock lasts that would last `amount` days at the year's usual pace.
 */
export function calendarDaysFor(curve: SeasonCurve | null, from: BusinessDate, amount: number, cap: number): number {
  if (!curve) return Math.min(cap, amount);
  let year = Number(from.slice(0, 4));
  let d = daysBetween(`${from.slice(0, 4)}-01-01`, from);
  let length = isLeap(year) ? 366 : 365;
  let left = amount;
  for (let days = 0; days < cap; days++) {
    const today = curve.cumulative[d + 1]! - curve.cumulative[d]!;
    if (left <= today) return days + left / today;
    left -= today;
    if (++d === length) {
      d = 0;
      length = isLeap(++year) ? 366 : 365;
    }
  }
  return cap;
}
