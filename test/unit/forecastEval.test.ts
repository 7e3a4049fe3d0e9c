import { describe, expect, it } from 'vitest';
import { cycleDays, lapsesOn } from '../../shared/domain/callList.ts';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import { forecast } from '../../shared/domain/forecast.ts';
import { classify, evaluateForecasts, huitouPredictor, huitouPredictorFor, outcomes, scoreListedCycles } from '../../shared/domain/forecastQuality.ts';
import { createRandom } from '../../shared/domain/random.ts';
import { demoHistories, hindsightCeiling, missCauses, type EvalHistory } from '../../scripts/forecastEvalSources.ts';
import { callAction, householdAnswer, REALISTIC_ANSWERS, workCallList, workedListCycles, type AnswerModel } from '../../scripts/forecastEvalCalls.ts';
import type { CycleEvent, StockLeg } from '../../shared/domain/demoShop.ts';
import { defaultProducts } from '../../shared/domain/productDefaults.ts';
import { generateEvalShop, SHOP_RATE_RANGE, trueSeason } from '../../scripts/forecastEvalShop.ts';

/** 10 kg every `every[i]` days, with the generator's events of each cycle. */
function history(every: number[], events: CycleEvent[][]): EvalHistory {
  const dates = ['2026-01-01'];
  for (const d of every) dates.push(addDays(dates[dates.length - 1]!, d));
  return { prior: 0.5, leadDays: 3, product: 'Rice', purchases: dates.map((date) => ({ date, quantity: 10 })), events: [[], ...events] };
}

describe('forecast:eval on demo shops', () => {
  it('puts each purchase under one cause, this cycle before the cycle before, so the rows add up', () => {
    const steady = history(
      [20, 20, 20, 20, 20, 20, 20, 20, 20],
      Array.from({ length: 9 }, () => []),
    );
    // A trip in the 4th cycle, and an early visit in the 6th: the purchase after it is under "early".
    const eventful = history([20, 20, 20, 34, 20, 14, 26, 20], [[], [], [], ['holiday'], [], ['early', 'ran out, came later'], [], []]);
    const rows = missCauses([steady, eventful])!;
    const byCause = new Map(rows.map((r) => [r.cause, r]));
    expect(byCause.get('holiday')!.purchases).toBe(1);
    expect(byCause.get('early')!.purchases).toBe(1);
    expect(byCause.has('ran out, came later')).toBe(false);
    expect(byCause.get('holiday (cycle before)')!.purchases).toBe(1);
    expect(byCause.get('early (cycle before)')!.purchases).toBe(1);
    expect(byCause.get('holiday')!.premature).toBe(1); // 14 days away: the reminder came three weeks early
    const overall = evaluateForecasts([steady, eventful]).huitou;
    expect(rows.reduce((n, r) => n + r.purchases, 0)).toBe(overall.predictions);
    expect(rows.reduce((n, r) => n + r.share, 0)).toBeCloseTo(1);
    expect(rows.reduce((n, r) => n + r.lateOfAll, 0)).toBeCloseTo(overall.late);
    expect(rows.reduce((n, r) => n + r.prematureOfAll, 0)).toBeCloseTo(overall.premature);
    // Purchases 2-6 of the steady household and 2-3 of the other come with 1-5 intervals known.
    expect(byCause.get('nothing unusual, 1-5 intervals known')!.purchases).toBe(5 + 2);
    expect(byCause.get('nothing unusual, 6+ intervals known')!.purchases).toBe(3 + 1);
  });

  it('the hindsight reference knows the long-run use: a steady household is on time every time, a trip still is not', () => {
    const steady = history(
      [20, 20, 20, 20, 20],
      Array.from({ length: 5 }, () => []),
    );
    expect(hindsightCeiling([steady])).toMatchObject({ predictions: 4, mae: 0, onTime: 1 });
    const away = history([20, 20, 34, 20], [[], [], ['holiday'], []]);
    expect(hindsightCeiling([away])).toMatchObject({ predictions: 3, onTime: 2 / 3, premature: 1 / 3 });
  });

  it('says nothing without the generator events (a real book)', () => {
    const { events: _, ...plain } = history([20, 20, 20], [[], [], []]);
    expect(missCauses([plain])).toBeNull();
    expect(hindsightCeiling([plain])).toBeNull();
  });

  it('simulates seasonal shops with their own per-person rates: gas in winter, water in summer, rice flat', () => {
    const shop = generateEvalShop({ households: 200, endDate: '2026-11-22', days: 540, seed: 4 });
    for (const { shopRate } of shop.products) expect(shopRate >= SHOP_RATE_RANGE[0] && shopRate <= SHOP_RATE_RANGE[1]).toBe(true);
    // Each gas leg's daily use over the household's true base: higher in January than in July.
    const gas = defaultProducts.findIndex((p) => p.nameKey === 'gas_cylinder');
    const ratioIn = (month: string, product: number) => {
      const ratios = shop.trace.stock
        .filter((s) => s.product === product)
        .flatMap((s) => s.legs.filter((l) => l.date.slice(5, 7) === month).map((l) => l.rate / shop.trueUse.get(`${s.household}:${product}`)!.baseRate));
      return ratios.reduce((a, b) => a + b, 0) / ratios.length;
    };
    expect(ratioIn('01', gas)).toBeGreaterThan(ratioIn('07', gas) * 1.3);
    const water = defaultProducts.findIndex((p) => p.nameKey === 'water_bucket');
    expect(ratioIn('07', water)).toBeGreaterThan(ratioIn('01', water) * 1.3);
    expect(trueSeason(null, '2026-01-15')).toBe(1);
  });

  it('reads the demo shops with their events and their true stock', () => {
    const histories = demoHistories({ seeds: [1], households: 20, days: 365, endDate: '2026-11-22' });
    expect(histories.length).toBeGreaterThan(10);
    for (const h of histories) {
      expect(h.events).toHaveLength(h.purchases.length);
      expect(h.truth!.legs.filter((l) => l.here).map((l) => l.date)).toEqual(h.purchases.map((p) => p.date));
    }
  });
});

const exact: AnswerModel = { stockNoise: 0, fractions: null, noAnswer: 0, notYet: 0 };

describe('a simulated household answering a call', () => {
  it('never answers while away, and says what is left in quarters of what it bought: a little is "none"', () => {
    const random = createRandom(1);
    const quarters = { ...exact, fractions: 4 };
    expect(householdAnswer(5, true, 10, exact, random)).toEqual({ kind: 'no answer' });
    expect(householdAnswer(3.2, false, 10, quarters, random)).toEqual({ kind: 'stock', stockLeft: 2.5 });
    expect(householdAnswer(6.4, false, 10, quarters, random)).toEqual({ kind: 'stock', stockLeft: 7.5 });
    expect(householdAnswer(1.2, false, 10, quarters, random)).toEqual({ kind: 'stock', stockLeft: 0 });
    expect(householdAnswer(3.2, false, 10, { ...quarters, notYet: 1 }, random)).toEqual({ kind: 'not yet' });
    // with nothing left nobody says "not needed yet"
    expect(householdAnswer(0, false, 10, { ...quarters, notYet: 1 }, random)).toEqual({ kind: 'stock', stockLeft: 0 });
  });

  it('guesses with the error chosen (sd of the log), centred on the truth; picks up as often as chosen', () => {
    const random = createRandom(7);
    const model = { ...REALISTIC_ANSWERS, fractions: null, notYet: 0 };
    const logs: number[] = [];
    let missed = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = householdAnswer(4, false, 10, model, random);
      if (a.kind === 'stock') logs.push(Math.log(a.stockLeft / 4));
      else missed++;
    }
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.24);
    expect(sd).toBeLessThan(0.26);
    expect(missed / 20_000).toBeCloseTo(REALISTIC_ANSWERS.noAnswer, 1);
  });

  it('is recorded as the app records a call', () => {
    expect(callAction({ kind: 'no answer' })).toEqual({ action: 'called', outcome: 'no_answer' });
    expect(callAction({ kind: 'not yet' })).toEqual({ action: 'called', outcome: 'not_needed' });
    expect(callAction({ kind: 'stock', stockLeft: 0 })).toEqual({ action: 'called', outcome: 'will_come', stockLeft: 0 });
    expect(callAction({ kind: 'stock', stockLeft: 2.5 })).toEqual({ action: 'called', outcome: 'not_needed', stockLeft: 2.5 });
  });
});

describe('the call list worked', () => {
  /** 10 kg bought here every 20 days at 0.5 kg a day, except a bag bought elsewhere on day 80: the next one here is on day 100. */
  const start = '2026-01-01';
  const day = (n: number) => addDays(start, n);
  const leg = (n: number, here = true): StockLeg => ({ date: day(n), until: day(n + 20), here, stock: 10, rate: 0.5, useDays: 20, away: [] });
  const household: EvalHistory = {
    prior: 0.5,
    leadDays: 3,
    product: 'Rice',
    purchases: [0, 20, 40, 60, 100].map((n) => ({ date: day(n), quantity: 10 })),
    truth: { legs: [leg(0), leg(20), leg(40), leg(60), leg(80, false), leg(100)], away: [] },
  };

  it('a call that finds the household stocked re-dates the pair through forecast(); its premature reminder still counts', () => {
    const [plain] = outcomes([household], huitouPredictor).slice(-1);
    expect(classify(plain!)).toBe('premature'); // sales only: reminded for day 80, they came on day 100
    const cycle = workCallList(household, exact, createRandom(1)).at(-1)!;
    // The first reminder reached the list as in the sales-only replay, and counts as premature.
    expect(cycle.listedAhead[0]).toBe(plain!.ahead);
    // Called as the old bag ran out, and again the day it should have run out (day 80), when they had the
    // new one (10 kg): the app's own forecast with that stock report moved the reminder, and that reminder
    // is the next one on the list.
    const moved = forecast(household.prior, household.purchases.slice(0, 4), household.leadDays, { date: day(80), stockLeft: 10 })!;
    expect(cycle.listedAhead).toContain(daysBetween(moved.reminderDate, day(100)));
    expect(cycle.error).toBe(daysBetween(moved.runOutDate, day(100)));
    expect(classify(cycle)).toBe('onTime');
    // Four calls: the first reminder, the old bag's run-out day (80), the moved reminder, and its run-out
    // day (100, when they came in): "not needed yet" with a little left is called back on its run-out day.
    expect(cycle.listedAhead).toEqual([plain!.ahead, 20, daysBetween(moved.reminderDate, day(100)), 0]);
    expect(cycle.calls).toBe(4);
    expect(cycle.answeredAhead).toHaveLength(cycle.calls);
    const score = scoreListedCycles([cycle]);
    expect(score).toMatchObject({ onTime: 1, purchasesWithPrematureReminder: 1, reachedInTime: 1 });
  });

  it('a household reached on time is called on its reminder day, then on the day it should run out, by the rules of the app', () => {
    // Its answer confirms the forecast: the stock report puts the reminder at run-out - lead days, today or
    // earlier, so the app calls back on the run-out day (followUpAfterStockReport), not every morning.
    const plain = outcomes([household], huitouPredictor)[0]!;
    expect(plain.ahead).toBeGreaterThan(1);
    const cycle = workCallList(household, exact, createRandom(1))[0]!;
    expect(cycle).toMatchObject({ listedAhead: [plain.ahead, 0], answeredAhead: [plain.ahead, 0], calls: 2, ahead: 0, error: 0 });
  });

  it('a household away answers nothing: the reminder stays listed, called again each day', () => {
    const away = { ...household, truth: { ...household.truth!, away: [{ from: day(70), days: 40, kind: 'holiday' as const }] } };
    const cycle = workCallList(away, exact, createRandom(1)).at(-1)!;
    expect(cycle.answeredAhead).toEqual([]);
    expect(cycle.listedAhead).toHaveLength(1);
    expect(cycle.calls).toBe(cycle.listedAhead[0]! + 1);
  });

  it('keeps calling a household that never answers past its own interval: each unanswered call sets a follow-up', () => {
    // 10 kg every 10 days at 1 kg a day, then away for seven weeks. Its own interval (10 days) would lapse
    // the reminder left alone, but Today counts the interval from a follow-up (lapsesOn), and an
    // unanswered call sets one for tomorrow: worked every day, the reminder never lapses.
    const every10 = (n: number): StockLeg => ({ date: day(n), until: day(n + 10), here: true, stock: 10, rate: 1, useDays: 10, away: [] });
    const gone: EvalHistory = {
      prior: 1,
      leadDays: 3,
      product: 'Rice',
      purchases: [0, 10, 20, 30, 80].map((n) => ({ date: day(n), quantity: 10 })),
      truth: {
        legs: [every10(0), every10(10), every10(20), { ...every10(30), until: day(80), useDays: 50 }, every10(80)],
        away: [{ from: day(33), days: 47, kind: 'holiday' }],
      },
    };
    const last = forecast(gone.prior, gone.purchases.slice(0, 4), gone.leadDays)!;
    const leftAlone = lapsesOn({ runOutDate: last.runOutDate, dueDate: last.reminderDate, cycleDays: cycleDays(last.lastQuantity, last.dailyUse) });
    expect(leftAlone < day(80)).toBe(true);
    const cycle = workCallList(gone, exact, createRandom(1)).at(-1)!;
    expect(cycle).toMatchObject({ listedAhead: [daysBetween(last.reminderDate, day(80))], answeredAhead: [0] });
    expect(cycle.calls).toBe(daysBetween(last.reminderDate, day(80)) + 1);
  });

  it('with every call unanswered, a demo shop scores exactly as the sales-only replay', () => {
    const histories = demoHistories({ seeds: [2], households: 60, days: 365, endDate: '2026-11-22' });
    const silent = workedListCycles(histories, { ...REALISTIC_ANSWERS, noAnswer: 1 }, 1);
    const plain = outcomes(histories, huitouPredictorFor(histories));
    expect(silent.map(({ error, ahead }) => ({ error, ahead }))).toEqual(plain.map(({ error, ahead }) => ({ error, ahead })));
    // ... while a worked list with answers moves some reminders, and costs calls
    const worked = scoreListedCycles(workedListCycles(histories, REALISTIC_ANSWERS, 1));
    expect(worked.predictions).toBe(plain.length);
    expect(worked.callsPerPurchase).toBeGreaterThan(1);
    expect(worked.mae).toBeLessThan(scoreListedCycles(silent).mae);
  });
});
