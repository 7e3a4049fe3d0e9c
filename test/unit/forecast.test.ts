import { describe, expect, it } from 'vitest';
import {
  ALPHA_MIN,
  confidenceOf,
  estimateDailyUse,
  forecast,
  extraLeadDays,
  learn,
  MAX_EXTRA_LEAD_DAYS,
  TIMING_PRIOR_SPREAD,
  mergeSameDay,
  PRIOR_OBSERVATIONS,
  priorDailyUse,
  updateDailyUse,
  type Purchase,
} from '../../shared/domain/forecast.ts';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import {
  checkGoals,
  checkListGoals,
  evaluateByProduct,
  evaluateForecasts,
  huitouPredictor,
  outcomes,
  scoreListedCycles,
  scoreOutcomes,
  unworkedCycle,
  type ListedCycle,
} from '../../shared/domain/forecastQuality.ts';

const rice = { adult: 0.15, child: 0.1, senior: 0.12 };

/** Purchases of `quantity` every `every` days from `start`. */
function regular(start: string, every: number, times: number, quantity: number): Purchase[] {
  return Array.from({ length: times }, (_, i) => ({ date: addDays(start, i * every), quantity }));
}

describe('prior', () => {
  it('sums each age group times its per-person rate', () => {
    expect(priorDailyUse({ adults: 2, children: 1, seniors: 1 }, rice)).toBeCloseTo(0.52);
    expect(priorDailyUse({ adults: 0, children: 0, seniors: 3 }, rice)).toBeCloseTo(0.36);
  });
});

describe('learning from purchases', () => {
  it('with one purchase, uses the prior alone', () => {
    expect(estimateDailyUse(0.5, [{ date: '2026-01-01', quantity: 10 }])).toEqual({ dailyUse: 0.5, observations: 0 });
  });

  it('moves two-thirds of the way to the first observation, then follows a steady household to its true rate', () => {
    // The prior is worth half an observation: weights 1 / 1.5, then 1 / 2.5, then ALPHA_MIN.
    expect(PRIOR_OBSERVATIONS).toBe(0.5);
    const first = estimateDailyUse(0.4, regular('2026-01-01', 20, 2, 10)); // observed 0.5/day
    expect(first.dailyUse).toBeCloseTo(0.4 + (2 / 3) * 0.1);
    const second = estimateDailyUse(0.4, regular('2026-01-01', 20, 3, 10));
    expect(second.dailyUse).toBeCloseTo(first.dailyUse + 0.4 * (0.5 - first.dailyUse));
    const third = estimateDailyUse(0.4, regular('2026-01-01', 20, 4, 10));
    expect(third.dailyUse).toBeCloseTo(second.dailyUse + ALPHA_MIN * (0.5 - second.dailyUse));
    const many = estimateDailyUse(0.4, regular('2026-01-01', 20, 15, 10));
    expect(many.observations).toBe(14);
    expect(many.dailyUse).toBeGreaterThan(0.49);
    expect(many.dailyUse).toBeLessThan(0.51);
  });

  it('keeps following a household that changes, because recent purchases weigh at least ALPHA_MIN', () => {
    const before = regular('2026-01-01', 20, 8, 10); // 0.5 a day
    const after = regular(addDays('2026-01-01', 8 * 20 - 4), 16, 8, 10).slice(1); // 0.625 a day (a baby)
    const { dailyUse } = estimateDailyUse(0.5, [...before, ...after]);
    expect(dailyUse).toBeGreaterThan(0.6);
    expect(ALPHA_MIN).toBeGreaterThan(0.1);
  });

  it('damps an outlier instead of swinging with it', () => {
    // A bag two days after the last one (a party), and a gap of three months (away, or bought elsewhere).
    expect(updateDailyUse(0.5, 5, 10)).toBeLessThan(0.5 * 1.3);
    expect(updateDailyUse(0.5, 0.1, 10)).toBeGreaterThan(0.5 * 0.85);
    // An ordinary observation moves it by the full weight.
    expect(updateDailyUse(0.5, 0.6, 10)).toBeCloseTo(0.5 + ALPHA_MIN * 0.1);
  });

  it('counts what was left at home: a household that came back with 4 kg left used less', () => {
    const asked: Purchase[] = [
      { date: '2026-03-01', quantity: 10 },
      { date: '2026-03-13', quantity: 10, stockLeft: 4 },
    ];
    // (10 - 4) / 12 = 0.5 a day, not 10 / 12.
    expect(estimateDailyUse(0.5, asked).dailyUse).toBeCloseTo(0.5);
  });

  it('merges purchases on the same day into one', () => {
    expect(
      mergeSameDay([
        { date: '2026-01-02', quantity: 5 },
        { date: '2026-01-01', quantity: 2 },
        { date: '2026-01-02', quantity: 5 },
      ]),
    ).toEqual([
      { date: '2026-01-01', quantity: 2, stockLeft: null },
      { date: '2026-01-02', quantity: 10, stockLeft: null },
    ]);
  });

  it('says how confident it is', () => {
    expect([0, 1, 3, 6].map(confidenceOf)).toEqual(['prior', 'low', 'medium', 'high']);
  });
});

describe('run-out and reminder dates', () => {
  it('run-out = last purchase + (quantity + stock left) / daily use; reminder = run-out - lead days - extra lead', () => {
    const f = forecast(0.5, [{ date: '2026-11-01', quantity: 10, stockLeft: 2 }], 3)!;
    expect(f.runOutDate).toBe('2026-11-25'); // 12 / 0.5 = 24 days
    // Nothing known about the household yet: the prior spread (10 %) of 24 days = 2.4 -> 2 days earlier.
    expect(f.reminderDate).toBe('2026-11-20');
    expect(f.confidence).toBe('prior');
  });

  it('gives a steady household (almost) the plain reminder, run-out - lead days', () => {
    const f = forecast(0.5, regular('2026-01-01', 20, 12, 10), 3)!;
    expect(f.runOutDate).toBe(addDays('2026-01-01', 12 * 20));
    expect(daysBetween(f.reminderDate, f.runOutDate)).toBeGreaterThanOrEqual(3);
    expect(daysBetween(f.reminderDate, f.runOutDate)).toBeLessThanOrEqual(4);
  });

  it('reminds an erratic household earlier, by at most MAX_EXTRA_LEAD_DAYS', () => {
    // Same average pace (10 kg every 20 days), but coming back after 14, 26, 15, 25... days.
    const dates = ['2026-01-01'];
    [14, 26, 15, 25, 14, 26, 15, 25, 14, 26].forEach((d) => dates.push(addDays(dates[dates.length - 1]!, d)));
    const erratic = forecast(
      0.5,
      dates.map((date) => ({ date, quantity: 10 })),
      3,
    )!;
    const ahead = daysBetween(erratic.reminderDate, erratic.runOutDate);
    expect(ahead).toBeGreaterThan(3);
    expect(ahead).toBeLessThanOrEqual(3 + MAX_EXTRA_LEAD_DAYS);
  });

  it('gives a long lead little or no extra: never past the middle of the lead..lead+7 window', () => {
    const dates = ['2026-01-01'];
    [14, 26, 15, 25, 14, 26, 15, 25, 14, 26].forEach((d) => dates.push(addDays(dates[dates.length - 1]!, d)));
    const purchases = dates.map((date) => ({ date, quantity: 10 }));
    const { timing } = learn(0.5, purchases);
    expect(extraLeadDays(timing, 20, 2)).toBeCloseTo(2.5);
    expect(extraLeadDays(timing, 20, 5)).toBeCloseTo(1);
    expect(extraLeadDays(timing, 20, 7)).toBe(0);
    const gas = forecast(0.5, purchases, 7)!;
    expect(gas.reminderDate).toBe(addDays(gas.runOutDate, -7));
  });

  it('never moves the reminder onto or before the purchase day for the extra lead', () => {
    // Water: 2 buckets at 0.5 a day = 4 days of stock, lead 2: the reminder stays on day 2.
    const dates = ['2026-06-01', '2026-06-03', '2026-06-09', '2026-06-12', '2026-06-18'];
    const f = forecast(
      0.5,
      dates.map((date) => ({ date, quantity: 2 })),
      2,
    )!;
    expect(daysBetween('2026-06-18', f.reminderDate)).toBeGreaterThanOrEqual(1);
    expect(daysBetween(f.reminderDate, f.runOutDate)).toBeGreaterThanOrEqual(2);
  });

  it('never puts a household on the list the day it bought, however short its stock lasts', () => {
    // Two adults' milk: 2 L at 1 L a day, lead 2: run-out - lead days is the purchase day itself.
    const f = forecast(1, [{ date: '2026-11-20', quantity: 2 }], 2)!;
    expect(f.runOutDate).toBe('2026-11-22');
    expect(f.reminderDate).toBe('2026-11-21');
    // Stock for less than a day: due the next day, not before.
    expect(forecast(4, [{ date: '2026-11-20', quantity: 1 }], 3)!.reminderDate).toBe('2026-11-21');
  });

  it('crosses month ends and leap days correctly', () => {
    expect(forecast(1, [{ date: '2028-02-20', quantity: 10 }], 3)!.runOutDate).toBe('2028-03-01');
    expect(forecast(1, [{ date: '2027-02-20', quantity: 10 }], 3)!.runOutDate).toBe('2027-03-02');
    // 10 days of stock: run-out 2027-01-04, minus 3 lead days, minus 1 day of prior spread.
    expect(forecast(1, [{ date: '2026-12-25', quantity: 10 }], 3)!.reminderDate).toBe('2026-12-31');
    expect(forecast(1, [{ date: '2028-02-20', quantity: 10 }], 3)!.reminderDate).toBe('2028-02-26');
  });

  it('gives no forecast without purchases or without any use to forecast from', () => {
    expect(forecast(0.5, [], 3)).toBeNull();
    expect(forecast(0, [{ date: '2026-11-01', quantity: 10 }], 3)).toBeNull();
  });

  it('caps an absurd stock at a year', () => {
    expect(forecast(0.001, [{ date: '2026-01-01', quantity: 100 }], 3)!.runOutDate).toBe('2027-01-01');
  });
});

describe('quality measurement', () => {
  it('a perfectly regular household is predicted to the day and every reminder is on time', () => {
    const report = evaluateForecasts([{ prior: 0.5, leadDays: 3, purchases: regular('2026-01-01', 20, 10, 10) }]);
    expect(report.huitou).toMatchObject({ predictions: 8, mae: 0, onTime: 1, premature: 0, late: 0 });
    expect(report.lastInterval.mae).toBe(0);
    expect(report.every30Days.mae).toBe(10);
  });
});

describe('a stock report on a call', () => {
  it('moves the run-out to the report date + what is left / daily use', () => {
    const purchases = [{ date: '2026-11-01', quantity: 10 }];
    expect(forecast(0.5, purchases, 3, { date: '2026-11-15', stockLeft: 5 })!.runOutDate).toBe('2026-11-25');
    // Nothing left: the run-out is the report day; the reminder is already due (run-out - lead days).
    expect(forecast(0.5, purchases, 3, { date: '2026-11-15', stockLeft: 0 })!.reminderDate).toBe('2026-11-12');
  });

  it('is ignored when it is older than the last purchase', () => {
    const purchases = [{ date: '2026-11-01', quantity: 10 }];
    expect(forecast(0.5, purchases, 3, { date: '2026-10-20', stockLeft: 0 })!.runOutDate).toBe('2026-11-21');
  });
});

describe('timing spread', () => {
  it('starts at the prior spread and shrinks for a steady household', () => {
    expect(learn(0.5, regular('2026-01-01', 20, 1, 10)).timing).toEqual({ spread: TIMING_PRIOR_SPREAD, samples: 0 });
    const steady = learn(0.5, regular('2026-01-01', 20, 12, 10)).timing;
    expect(steady.samples).toBe(11);
    expect(steady.spread).toBeLessThan(TIMING_PRIOR_SPREAD / 2);
  });

  it('grows for an erratic one, a month away counting no more than the clamp', () => {
    const dates = ['2026-01-01'];
    [14, 26, 15, 25, 14, 26].forEach((d) => dates.push(addDays(dates[dates.length - 1]!, d)));
    const erratic = learn(
      0.5,
      dates.map((date) => ({ date, quantity: 10 })),
    ).timing;
    expect(erratic.spread).toBeGreaterThan(0.15);
    const away = learn(0.5, [...regular('2026-01-01', 20, 6, 10), { date: '2026-05-11', quantity: 10 }]).timing;
    expect(away.spread).toBeLessThan(0.2);
  });
});

describe('quality scores', () => {
  it('classifies on time (0..lead+7 ahead), premature and late, and the listed share', () => {
    const s = scoreOutcomes([
      { product: 'x', leadDays: 3, error: 0, ahead: 3 },
      { product: 'x', leadDays: 3, error: 8, ahead: 11 }, // premature, still listed
      { product: 'x', leadDays: 3, error: -5, ahead: -2 }, // late
      { product: 'x', leadDays: 3, error: 50, ahead: 53 }, // premature and lapsed
    ]);
    expect(s).toMatchObject({ predictions: 4, onTime: 0.25, premature: 0.5, late: 0.25, listed: 0.5, mae: 15.75 });
    // read literally ("more than 7 days before"), a reminder 9 days ahead with 3 lead days is both on time and early
    expect(
      scoreOutcomes([
        { product: 'x', leadDays: 3, error: 6, ahead: 9 },
        { product: 'x', leadDays: 3, error: 4, ahead: 7 },
      ]),
    ).toMatchObject({
      onTime: 1,
      premature: 0,
      moreThanAWeekEarly: 0.5,
    });
  });

  it('reports per product and checks the goals', () => {
    const steady = { prior: 0.5, leadDays: 3, purchases: regular('2026-01-01', 20, 10, 10), product: 'Rice' };
    const water = { prior: 0.2, leadDays: 2, purchases: regular('2026-01-01', 5, 10, 1), product: 'Water' };
    const byProduct = evaluateByProduct([steady, water]);
    expect([...byProduct.keys()]).toEqual(['Rice', 'Water']);
    expect(byProduct.get('Water')!.huitou.predictions).toBe(8);
    const goals = checkGoals(evaluateForecasts([steady]));
    expect(goals.onTime.pass).toBe(true);
    expect(goals.premature.pass).toBe(true);
    // last-interval is perfect on a perfectly regular household too: no 30 % to gain.
    expect(goals.maeImprovement.pass).toBe(false);
  });
});

describe('scores with the call list worked', () => {
  const cycle = (ahead: number, listedAhead: number[], calls: number, error = 0, answeredAhead = listedAhead): ListedCycle => ({
    product: 'x',
    leadDays: 3,
    error,
    ahead,
    listedAhead,
    calls,
    answeredAhead,
  });

  it('judges each purchase on the reminder in effect and counts every reminder that reached the list', () => {
    const s = scoreListedCycles([
      // a call 12 days ahead found them stocked and re-dated the pair to 2 days ahead: on time, with one premature reminder
      cycle(2, [12, 2], 1),
      // 8 days ahead: on time with 3 lead days, but more than 7 days read literally; three calls, nobody answered
      cycle(8, [8], 3, 0, []),
      // a call 20 days ahead re-dated the pair past the purchase: late, and its one reminder premature
      cycle(-1, [20], 1, -4),
      // reminded on the day: on time, one call
      cycle(0, [0], 1),
    ]);
    expect(s).toMatchObject({ predictions: 4, onTime: 0.75, late: 0.25, premature: 0, moreThanAWeekEarly: 0.25, mae: 1 });
    expect(s.remindersPerPurchase).toBe(5 / 4);
    expect(s.prematureReminders).toBe(2 / 5); // 12 and 20 > 3 + 7
    expect(s.remindersMoreThanAWeekEarly).toBe(3 / 5); // 12, 8, 20 > 7
    expect(s.purchasesWithPrematureReminder).toBe(2 / 4);
    expect(s.purchasesWithReminderMoreThanAWeekEarly).toBe(3 / 4);
    expect(s.callsPerPurchase).toBe(6 / 4);
    expect(s.answeredCallsPerPurchase).toBe(4 / 4);
    // spoken to 0..10 days before: the first (at 2 days) and the last (on the day); not the second (nobody answered), nor the third (only at 20 days)
    expect(s.reachedInTime).toBe(2 / 4);
  });

  it('calls near the purchase do not dilute the purchases with a premature reminder, only the share of reminders', () => {
    const one = scoreListedCycles([cycle(1, [15, 1], 2)]);
    const many = scoreListedCycles([cycle(1, [15, 4, 3, 2, 1], 5)]);
    expect(many.prematureReminders).toBeLessThan(one.prematureReminders);
    expect(many.purchasesWithPrematureReminder).toBe(one.purchasesWithPrematureReminder);
    expect(many.callsPerPurchase).toBe(5);
  });

  it('scores the sales-only replay the same way: one reminder, listed when it came by the purchase day, no calls', () => {
    const dates = ['2026-01-01'];
    [20, 20, 20, 34, 20, 12, 20].forEach((d) => dates.push(addDays(dates[dates.length - 1]!, d)));
    const list = outcomes([{ prior: 0.5, leadDays: 3, purchases: dates.map((date) => ({ date, quantity: 10 })) }], huitouPredictor);
    const plain = scoreOutcomes(list);
    const listed = scoreListedCycles(list.map(unworkedCycle));
    expect(listed).toMatchObject(plain);
    expect(listed).toMatchObject({ callsPerPurchase: 0, answeredCallsPerPurchase: 0, reachedInTime: 0 });
    expect(listed.purchasesWithPrematureReminder).toBe(plain.premature);
    const reached = list.filter((o) => o.ahead >= 0).length;
    expect(listed.remindersPerPurchase).toBe(reached / list.length);
    expect(listed.prematureReminders).toBe((plain.premature * list.length) / reached);
  });

  it('checks the goals on the reminder in effect, the purchases with a premature reminder and the MAE in effect', () => {
    const s = scoreListedCycles([cycle(2, [12, 2], 1, 1), ...Array.from({ length: 19 }, () => cycle(3, [3], 1, 1))]);
    const goals = checkListGoals(s, 2);
    expect(goals.onTime).toMatchObject({ value: 1, pass: true });
    expect(goals.premature).toMatchObject({ value: 0.05, pass: true });
    expect(goals.maeImprovement).toMatchObject({ value: 0.5, pass: true });
    const twoEarly = scoreListedCycles([cycle(2, [12, 2], 1), cycle(2, [14, 2], 1), ...Array.from({ length: 8 }, () => cycle(3, [3], 1))]);
    expect(checkListGoals(twoEarly, 2).premature).toMatchObject({ value: 0.2, pass: false });
    expect(checkListGoals(twoEarly, 2).onTime.pass).toBe(true);
  });
});
