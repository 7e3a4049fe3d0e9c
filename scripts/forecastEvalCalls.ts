/**
 * forecast:eval's second scenario, on demo shops: the shop works its call list. The sales stay what the
 * generator made them (a call is not assumed to bring a purchase forward or back to this shop); what
 * changes is what the shopkeeper knows between purchases.
 *
 * Each day, every reminder on Today's due list (callList.ts isOnToday: its date reached, overdue ones
 * kept until the household is overdue by its own interval, lapsed ones not) is called once. Every one:
 * each pair is replayed on its own, so nothing ranks or caps the day's calls as Today's capacity does. The simulated household answers from its true stock at home (the
 * generator's trace) as people do: it guesses (a log-normal error), says it in quarters of what it last
 * bought ("about half a bag"), sometimes only "not needed yet", sometimes does not pick up, and never
 * while away. The answer is recorded as the app records a call (followUpDate: no answer -> tomorrow,
 * "not needed yet" -> in three days, "none left, will come" -> tomorrow) and a stock report re-dates the
 * pair through the same forecast() the app runs for it (forecastPlan.computePair). No forecasting here.
 */
import type { ReminderAction } from '../shared/contract.ts';
import { cycleDays, effectiveDueDate, followUpDate, isOnToday } from '../shared/domain/callList.ts';
import { addDays, daysBetween, type BusinessDate } from '../shared/domain/dates.ts';
import { isAway, stockOnDate } from '../shared/domain/demoShop.ts';
import { forecast, mergeSameDay, NO_SHOP_CONTEXT, type ShopContext } from '../shared/domain/forecast.ts';
import { shopContextsFor, type ListedCycle } from '../shared/domain/forecastQuality.ts';
import { createRandom, type Random } from '../shared/domain/random.ts';
import type { EvalHistory } from './forecastEvalSources.ts';

/** How simulated households answer a call. */
export interface AnswerModel {
  /** Sd of ln(said / true stock): how far a guess at the stock is off. */
  stockNoise: number;
  /** People say what is left in 1/fractions of what they last bought (4: quarters); null: the exact figure. */
  fractions: number | null;
  /** Chance that nobody picks up (a household away never does). */
  noAnswer: number;
  /** Chance that a household with some left says only "not needed yet", without a figure. */
  notYet: number;
}

/**
 * The realistic households of the main figures. A guess at what is left is off by about a quarter
 * (sd 0.25 of the log: "about half a bag" for 3.5 to 6.5 kg of a 10 kg bag) and said in quarters of the
 * bag, bucket, cylinder or bottle; one call in five finds nobody at home (a daytime call to working
 * people); one answer in four is a plain "not needed yet". Chosen from what people do, not tuned.
 */
export const REALISTIC_ANSWERS: AnswerModel = { stockNoise: 0.25, fractions: 4, noAnswer: 0.2, notYet: 0.25 };

export type Answer = { kind: 'no answer' } | { kind: 'not yet' } | { kind: 'stock'; stockLeft: number };

/** Whether anybody picks up. */
export function picksUp(away: boolean, model: AnswerModel, random: Random): boolean {
  return !away && !random.chance(model.noAnswer);
}

/** What a household with `stock` at home says when called (`lastQuantity`: what it last bought here). */
export function householdAnswer(stock: number, away: boolean, lastQuantity: number, model: AnswerModel, random: Random): Answer {
  if (!picksUp(away, model, random)) return { kind: 'no answer' };
  // random.normal() has sd 1/sqrt(2) (demoShop's logNormal scales it the same way).
  const guess = stock * Math.exp(model.stockNoise * Math.SQRT2 * random.normal());
  const step = model.fractions ? lastQuantity / model.fractions : 0;
  const said = step > 0 ? Math.round(guess / step) * step : guess;
  if (said > 0 && random.chance(model.notYet)) return { kind: 'not yet' };
  return { kind: 'stock', stockLeft: said };
}

/** The answer as the shopkeeper records the call in the app (reminders.act). */
export function callAction(answer: Answer): Pick<ReminderAction, 'action' | 'outcome' | 'stockLeft'> {
  if (answer.kind === 'no answer') return { action: 'called', outcome: 'no_answer' };
  if (answer.kind === 'not yet') return { action: 'called', outcome: 'not_needed' };
  return { action: 'called', outcome: answer.stockLeft > 0 ? 'not_needed' : 'will_come', stockLeft: answer.stockLeft };
}

/** One pair's reminder as the reminders table holds it, and the day it (last) came onto the list. */
interface ReminderState {
  dueDate: BusinessDate;
  snoozedUntil: BusinessDate | null;
  runOutDate: BusinessDate;
  /** The household's own interval (reminders.cycle_days), as forecasts.ts stores it with each forecast. */
  cycleDays: number;
  listedFrom: BusinessDate;
}

/**
 * Each purchase (with at least `from` before it) of one demo history, with the call list worked over
 * the cycle before it. A purchase day's call is made (the list is worked in the morning) and may be
 * answered, but what is said changes nothing: the household comes in that day.
 */
export function workCallList(
  h: EvalHistory,
  model: AnswerModel,
  random: Random,
  from = 2,
  contextAt: (h: EvalHistory, date: string) => ShopContext = () => NO_SHOP_CONTEXT,
): ListedCycle[] {
  if (!h.truth) throw new Error('the worked call list needs the households of a demo shop (their true stock)');
  const { legs, away } = h.truth;
  const purchases = mergeSameDay(h.purchases);
  const cycles: ListedCycle[] = [];
  for (let k = from; k < purchases.length; k++) {
    const before = purchases.slice(0, k);
    const last = before[before.length - 1]!;
    const shop = contextAt(h, last.date);
    const start = forecast(h.prior, before, h.leadDays, null, shop);
    if (!start) continue;
    const bought = purchases[k]!.date;
    const reminder: ReminderState = {
      dueDate: start.reminderDate,
      snoozedUntil: null,
      runOutDate: start.runOutDate,
      cycleDays: cycleDays(start.lastQuantity, start.dailyUse),
      listedFrom: start.reminderDate,
    };
    const listedAhead: number[] = [];
    const answeredAhead: number[] = [];
    let counted = false;
    let calls = 0;
    for (let day = addDays(last.date, 1); day <= bought; day = addDays(day, 1)) {
      if (!isOnToday(reminder, day)) continue;
      calls++;
      if (!counted) {
        listedAhead.push(daysBetween(reminder.listedFrom, bought));
        counted = true;
      }
      if (day === bought) {
        if (picksUp(isAway(away, day), model, random)) answeredAhead.push(0);
        break;
      }
      const stock = stockOnDate(legs, day);
      if (stock === null) throw new Error(`no true stock on ${day} inside a cycle ending ${bought}`);
      const answer = householdAnswer(stock, isAway(away, day), last.quantity, model, random);
      const action = callAction(answer);
      // What reminders.act does: a stock report re-forecasts the pair, then the follow-up.
      const moved = action.stockLeft !== undefined ? forecast(h.prior, before, h.leadDays, { date: day, stockLeft: action.stockLeft }, shop) : null;
      if (moved) {
        reminder.dueDate = moved.reminderDate;
        reminder.runOutDate = moved.runOutDate;
        reminder.cycleDays = cycleDays(moved.lastQuantity, moved.dailyUse);
      }
      reminder.snoozedUntil = followUpDate(action, day, moved);
      if (answer.kind !== 'no answer') {
        answeredAhead.push(daysBetween(day, bought));
        // An answered call ends this reminder; the one it leaves comes onto the list on its date,
        // tomorrow at the earliest. Unanswered, the same reminder stays on the list.
        const next = effectiveDueDate(reminder);
        reminder.listedFrom = next > day ? next : addDays(day, 1);
        counted = false;
      }
    }
    cycles.push({
      product: h.product,
      leadDays: h.leadDays,
      error: daysBetween(reminder.runOutDate, bought),
      // Judged on the last reminder the shopkeeper saw on the list; none seen: the one still to come (late).
      ahead: listedAhead.length > 0 ? listedAhead[listedAhead.length - 1]! : daysBetween(reminder.listedFrom, bought),
      listedAhead,
      calls,
      answeredAhead,
    });
  }
  return cycles;
}

/** Every scored purchase of the demo histories with the call list worked; the answers drawn from `seed`. */
export function workedListCycles(histories: readonly EvalHistory[], model: AnswerModel, seed: number, from = 2): ListedCycle[] {
  const random = createRandom(seed);
  const contextAt = shopContextsFor(histories);
  return histories.flatMap((h) => (h.truth ? workCallList(h, model, random, from, contextAt) : []));
}

/** The answer models forecast:eval prints beside the main one, to show how much the figures hang on them. */
export const SENSITIVITY: { label: string; model: AnswerModel; seed: number }[] = [
  { label: 'realistic answers, drawn again', model: REALISTIC_ANSWERS, seed: 2 },
  { label: 'guesses twice as far off (sd 0.5)', model: { ...REALISTIC_ANSWERS, stockNoise: 0.5 }, seed: 1 },
  { label: 'two calls in five unanswered', model: { ...REALISTIC_ANSWERS, noAnswer: 0.4 }, seed: 1 },
  { label: 'exact figures, always picked up at home', model: { stockNoise: 0, fractions: null, noAnswer: 0, notYet: 0 }, seed: 1 },
];
