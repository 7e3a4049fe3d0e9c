/**
 * The gas cylinder register's date rules (DOMAIN.md, "Bottled gas: legal duties"): when a held cylinder
 * needs a notice, when a cylinder may not go out, what a plausible register date is, and when a household's
 * supply is held after its home safety check.
 */
import { addDays, daysBetween, oneYearAfter, type BusinessDate } from './dates.ts';

/** The regulation's notice: within 30 days before a held cylinder's inspection or scrap date. */
export const NOTICE_DAYS = 30;

/** LPG steel cylinders are inspected every 4 years (GB/T 8334): the next due date the form offers. */
export const INSPECTION_CYCLE_YEARS = 4;

/**
 * The furthest ahead a register date may lie. A next inspection is at most one cycle away (a year of slack);
 * a scrap date at most 20 years (welded steel cylinders are designed for 8 to 15): past these it is a typo
 * (2062 for 2026), and a cylinder typed so would never come up for its notice.
 */
export const MAX_YEARS_AHEAD = { nextInspectionDate: INSPECTION_CYCLE_YEARS + 1, scrapDate: 20 } as const;

export type GasNoticeKind = 'inspection' | 'scrap';

export interface CylinderDates {
  fillDate: BusinessDate | null;
  lastInspectionDate: BusinessDate | null;
  nextInspectionDate: BusinessDate;
  scrapDate: BusinessDate;
}

/** A field issue as the contract's gate reports it (shared/errors.ts FieldIssue, kept pure here). */
export interface DateIssue {
  path: string[];
  issue: string;
  limit?: number;
}

export function yearsAfter(date: BusinessDate, years: number): BusinessDate {
  let out = date;
  for (let i = 0; i < years; i++) out = oneYearAfter(out);
  return out;
}

/** The next inspection a cylinder inspected on `date` is due for. */
export function nextInspectionAfter(date: BusinessDate): BusinessDate {
  return yearsAfter(date, INSPECTION_CYCLE_YEARS);
}

/** What is wrong with a cylinder's dates, as field issues (none: fine). `today` is the shop's. */
export function cylinderDateIssues(d: CylinderDates, today: BusinessDate): DateIssue[] {
  const issues: DateIssue[] = [];
  // Filling and inspecting are things that happened: a future one is a typing slip.
  if (d.fillDate !== null && d.fillDate > today) issues.push({ path: ['fillDate'], issue: 'date_in_future' });
  if (d.lastInspectionDate !== null && d.lastInspectionDate > today) issues.push({ path: ['lastInspectionDate'], issue: 'date_in_future' });
  if (d.lastInspectionDate !== null && d.nextInspectionDate <= d.lastInspectionDate) {
    issues.push({ path: ['nextInspectionDate'], issue: 'inspection_before_last' });
  }
  // A cylinder past its scrap date may not be filled: a scrap date before the fill date is impossible.
  if (d.fillDate !== null && d.scrapDate < d.fillDate) issues.push({ path: ['scrapDate'], issue: 'scrap_before_fill' });
  for (const field of ['nextInspectionDate', 'scrapDate'] as const) {
    const years = MAX_YEARS_AHEAD[field];
    if (d[field] > yearsAfter(today, years)) issues.push({ path: [field], issue: 'date_too_far', limit: years });
  }
  return issues;
}

/**
 * Why a cylinder may not go out to a household on `date`: past its scrap date, or overdue for its
 * inspection (neither may be filled or supplied). Null: it may.
 */
export function outOfDate(c: Pick<CylinderDates, 'nextInspectionDate' | 'scrapDate'>, date: BusinessDate): GasNoticeKind | null {
  if (c.scrapDate <= date) return 'scrap';
  if (c.nextInspectionDate < date) return 'inspection';
  return null;
}

export interface GasDue {
  kind: GasNoticeKind;
  date: BusinessDate;
  /** Days from today to the date; negative once it passed. */
  days: number;
}

/** The last day whose inspection or scrap date is noticed today. */
export function noticeHorizon(today: BusinessDate): BusinessDate {
  return addDays(today, NOTICE_DAYS);
}

/** A cylinder's dates that fall within the notice window (or passed), soonest first. */
export function duesOf(c: Pick<CylinderDates, 'nextInspectionDate' | 'scrapDate'>, today: BusinessDate): GasDue[] {
  const horizon = noticeHorizon(today);
  const dues: GasDue[] = [];
  if (c.nextInspectionDate <= horizon) dues.push({ kind: 'inspection', date: c.nextInspectionDate, days: daysBetween(today, c.nextInspectionDate) });
  if (c.scrapDate <= horizon) dues.push({ kind: 'scrap', date: c.scrapDate, days: daysBetween(today, c.scrapDate) });
  return dues.sort((a, b) => a.days - b.days);
}

export type CheckResult = 'pass' | 'fail' | 'refused';

/**
 * When the next home check falls due by default: a year after a passed one (the usual yearly visit);
 * a month after a failed or refused one, to go back soon.
 */
export function defaultNextCheck(date: BusinessDate, result: CheckResult): BusinessDate {
  return result === 'pass' ? oneYearAfter(date) : addDays(date, 30);
}

export interface CheckFact {
  id: number;
  date: BusinessDate;
  result: CheckResult;
}

export interface SupplyHold {
  reason: 'refused' | 'failed';
  checkId: number;
  checkDate: BusinessDate;
}

/**
 * The supply hold after a household's latest check (by date, then as recorded): it refused the check or
 * failed it. A later passed check lifts it; a household never checked is not held.
 */
export function holdOf(checks: readonly CheckFact[]): SupplyHold | null {
  let latest: CheckFact | undefined;
  for (const c of checks) if (!latest || c.date > latest.date || (c.date === latest.date && c.id > latest.id)) latest = c;
  if (!latest || latest.result === 'pass') return null;
  return { reason: latest.result === 'refused' ? 'refused' : 'failed', checkId: latest.id, checkDate: latest.date };
}
