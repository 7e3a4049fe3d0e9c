import { describe, expect, it } from 'vitest';
import {
  ALPHA_MIN,
  confidenceOf,
  estimateDailyUse,
  forecast,
  mergeSameDay,
  priorDailyUse,
  updateDailyUse,
  type Purchase,
} from '../../shared/domain/forecast.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { evaluateForecasts } from '../../shared/domain/forecastQuality.ts';

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

  it('moves halfway to the first observation, then follows a steady household to its true rate', () => {
    const first = estimateDailyUse(0.4, regular('2026-01-01', 20, 2, 10)); // observed 0.5/day
    expect(first.dailyUse).toBeCloseTo(0.45);
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
    expect(mergeSameDay([{ date: '2026-01-02', quantity: 5 }, { date: '2026-01-01', quantity: 2 }, { date: '2026-01-02', quantity: 5 }])).toEqual([
      { date: '2026-01-01', quantity: 2, stockLeft: null },
      { date: '2026-01-02', quantity: 10, stockLeft: null },
    ]);
  });

  it('says how confident it is', () => {
    expect([0, 1, 3, 6].map(confidenceOf)).toEqual(['prior', 'low', 'medium', 'high']);
  });
});

describe('run-out and reminder dates', () => {
  it('run-out = last purchase + (quantity + stock left) / daily use; reminder = run-out - lead days', () => {
    const f = forecast(0.5, [{ date: '2026-11-01', quantity: 10, stockLeft: 2 }], 3)!;
    expect(f.runOutDate).toBe('2026-11-25'); // 12 / 0.5 = 24 days
    expect(f.reminderDate).toBe('2026-11-22');
    expect(f.confidence).toBe('prior');
  });

  it('crosses month ends and leap days correctly', () => {
    expect(forecast(1, [{ date: '2028-02-20', quantity: 10 }], 3)!.runOutDate).toBe('2028-03-01');
    expect(forecast(1, [{ date: '2027-02-20', quantity: 10 }], 3)!.runOutDate).toBe('2027-03-02');
    expect(forecast(1, [{ date: '2026-12-25', quantity: 10 }], 3)!.reminderDate).toBe('2027-01-01');
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
    expect(forecast(0.5, purchases, 3, { date: '2026-11-15', stockLeft: 0 })!.reminderDate).toBe('2026-11-12');
  });

  it('is ignored when it is older than the last purchase', () => {
    const purchases = [{ date: '2026-11-01', quantity: 10 }];
    expect(forecast(0.5, purchases, 3, { date: '2026-10-20', stockLeft: 0 })!.runOutDate).toBe('2026-11-21');
  });
});
