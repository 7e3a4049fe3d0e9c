/**
 * How the demo's shopkeeper works the call list, and what the households answer. The demo book is
 * replayed day by day (electron/backend/services/shop/demoHistory.ts): each morning the call list as
 * the app shows it, worked through the call list's own actions; these rules pick the action for a row
 * from what the generator knows and the book does not (when the household will next buy here, what it
 * has at home, whether it is away). So the history holds calls that purchases followed, "not needed
 * yet" with what was left, unanswered calls, and households given up on, as a real shop's does.
 * Pure and seeded like the generator.
 */
import type { ReminderAction } from '../contract.ts';
import { addDays, daysBetween, type BusinessDate } from './dates.ts';
import type { Random } from './random.ts';

/** What the replay knows about one row of the morning's list. */
export interface DemoCallTruth {
  today: BusinessDate;
  /** The household's next purchase of the product here (today or later); null: it will not buy it here again. */
  nextHere: BusinessDate | null;
  /** What it has at home this morning, when the generator knows. */
  stockAtHome: number | null;
  /** Away from home today (a trip, the Spring Festival): nobody answers. */
  away: boolean;
  /** Has its staples delivered (tagged so in the demo). */
  delivered: boolean;
  /** Calls and snoozes already logged for this reminder since its last purchase. */
  contactsThisCycle: number;
}

/** An action on a row (as the Today screen sends it), or 'leave': the shopkeeper passes the row over. */
export type DemoCall = Omit<ReminderAction, 'customerId' | 'productId'> | 'leave';

/** A few of the notes a shopkeeper jots beside a call, in the book's language. */
const notes = {
  comes: { 'zh-CN': '下班顺路来拿', en: 'will drop by after work' },
  left: { 'zh-CN': '家里还有一些', en: 'still has some at home' },
  elsewhere: { 'zh-CN': '最近在超市买', en: 'buys at the supermarket now' },
  moved: { 'zh-CN': '好像搬走了', en: 'seems to have moved' },
  away: { 'zh-CN': '回老家了，过几天再打', en: 'away, call again in a few days' },
} as const;

/** Households given up on: most skipped for the cycle, the rest left alone until the call list counts them as not heard from. */
const SKIP_WHEN_GIVING_UP = 0.7;

export function demoCall(random: Random, t: DemoCallTruth, language: 'zh-CN' | 'en'): DemoCall {
  const note = (key: keyof typeof notes) => notes[key][language];
  if (t.nextHere === null) {
    // Stopped coming, or buys this elsewhere now: a call or two, then given up on.
    if (t.contactsThisCycle >= 2) return random.chance(SKIP_WHEN_GIVING_UP) ? { action: 'skip', note: note('moved') } : 'leave';
    if (t.away || random.chance(0.5)) return { action: 'called', outcome: 'no_answer', note: '' };
    return { action: 'called', outcome: 'not_needed', date: addDays(t.today, random.int(7, 14)), note: note('elsewhere') };
  }
  if (t.away) {
    // Unanswered once or twice, then put off for a week instead of ringing every morning.
    if (t.contactsThisCycle >= 2) return { action: 'snooze', date: addDays(t.today, 7), note: note('away') };
    return { action: 'called', outcome: 'no_answer', note: '' };
  }
  if (random.chance(0.07)) return { action: 'called', outcome: 'no_answer', note: '' };
  // A quiet row the shopkeeper puts off to tomorrow or the day after.
  if (random.chance(0.04)) return { action: 'snooze', date: addDays(t.today, random.int(1, 2)), note: '' };
  const wait = daysBetween(t.today, t.nextHere);
  if (wait <= 2) {
    if (t.delivered || random.chance(0.25)) return { action: 'called', outcome: 'deliver', date: t.nextHere, note: '' };
    // The day they name, when it is not today (a purchase today starts a new cycle anyway).
    return { action: 'called', outcome: 'will_come', ...(wait > 0 ? { date: t.nextHere } : {}), note: random.chance(0.2) ? note('comes') : '' };
  }
  // Not needed yet: what is left at home (the forecast re-dates the reminder), or when to call back,
  // often a day or two after they will have come by themselves.
  if (t.stockAtHome !== null && random.chance(0.3)) {
    return { action: 'called', outcome: 'not_needed', stockLeft: Math.round(t.stockAtHome * 2) / 2, note: random.chance(0.3) ? note('left') : '' };
  }
  const callBack = addDays(t.nextHere, random.int(0, 3));
  return { action: 'called', outcome: 'not_needed', date: callBack > t.today ? callBack : addDays(t.today, 1), note: '' };
}

/**
 * How many rows the shopkeeper works on a morning: none while the shop is closed, else the whole list
 * most days (a shop of 150 households has about twenty new a day), up to what fits in a quiet hour.
 */
export function demoCallsOn(random: Random, day: BusinessDate, closed: readonly { from: BusinessDate; days: number }[]): number {
  if (closed.some((c) => c.from <= day && day < addDays(c.from, c.days))) return 0;
  return random.int(50, 60);
}
