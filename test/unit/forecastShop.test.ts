/**
 * Forecast v5's shop-level learning (shared/domain/forecastShop.ts, forecastSeasons.ts) and how
 * forecast() uses it, on hand-computed figures.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { forecast, type Purchase } from '../../shared/domain/forecast.ts';
import { calendarDaysFor, presetIndex, seasonalDays, seasonCurve } from '../../shared/domain/forecastSeasons.ts';
import { applyRateFactor, learnShopProduct, offersLearnedRates, shrunkLogIndex, SEASON_SHRINK } from '../../shared/domain/forecastShop.ts';

const zeros = () => new Array<number>(12).fill(0);

/** `quantity` every `every` days from `from`, `count` purchases. */
function steady(from: string, every: number, quantity: number, count: number): Purchase[] {
  return Array.from({ length: count }, (_, k) => ({ date: addDays(from, k * every), quantity }));
}

describe('the season curve', () => {
  it('is none for a flat index; a constant index of 1.25 makes 10 calendar days 12.5 "usual" ones, and back', () => {
    expect(seasonCurve(new Array(12).fill(1))).toBeNull();
    const curve = seasonCurve(new Array(12).fill(1.25))!;
    expect(seasonalDays(curve, '2026-03-01', '2026-03-11')).toBeCloseTo(12.5, 9);
    // across a new year (and a leap day) the same
    expect(seasonalDays(curve, '2027-12-27', '2028-03-05')).toBeCloseTo(1.25 * 69, 9);
    expect(calendarDaysFor(curve, '2026-03-01', 12.5, 365)).toBeCloseTo(10, 9);
    expect(calendarDaysFor(null, '2026-03-01', 12.5, 365)).toBe(12.5);
  });

  it('the winter preset peaks in January at 1.2 and is lowest in July at 0.8', () => {
    const winter = presetIndex('winter');
    expect(winter[0]).toBeCloseTo(1.2, 9);
    expect(winter[6]).toBeCloseTo(0.8, 9);
    expect(presetIndex('summer')[6]).toBeCloseTo(1.2, 9);
    expect(presetIndex('none')).toEqual(new Array(12).fill(1));
  });
});

describe('the monthly index, shrunk toward the preset', () => {
  it(`a month whose ${SEASON_SHRINK} intervals say 1.5 moves half way (in logs), then the year is centred on 1`, () => {
    const sum = zeros();
    const weight = zeros();
    sum[0] = SEASON_SHRINK * Math.log(1.5);
    weight[0] = SEASON_SHRINK;
    const index = shrunkLogIndex(sum, weight, zeros()).map(Math.exp);
    // ln 1.5 / 2 = 0.2027 for January, 0 elsewhere; the mean 0.2027 / 12 = 0.01689 comes off every month.
    expect(index[0]).toBeCloseTo(Math.exp(0.202733 - 0.016894), 5); // 1.2042
    expect(index[6]).toBeCloseTo(Math.exp(-0.016894), 5); // 0.9832
  });

  it('with no history at all the preset stands (centred)', () => {
    const prior = presetIndex('winter').map(Math.log);
    const mean = prior.reduce((a, b) => a + b, 0) / 12;
    shrunkLogIndex(zeros(), zeros(), prior).forEach((x, m) => expect(x).toBeCloseTo(prior[m]! - mean, 12));
  });

  it('learns a summer from many households bought over two years, shrunk a little', () => {
    // 200 households, a bucket every 10 days in June-August and every 14 days otherwise (use 1.4x in summer).
    const pairs = Array.from({ length: 200 }, (_, h) => {
      const purchases: Purchase[] = [];
      for (let date = addDays('2024-01-01', h % 10); date < '2026-01-01';) {
        purchases.push({ date, quantity: 1 });
        const month = Number(date.slice(5, 7));
        date = addDays(date, month >= 6 && month <= 8 ? 10 : 14);
      }
      return { prior: 1 / 13, purchases };
    });
    const { season } = learnShopProduct(pairs, 'none');
    expect(season[6]! / season[0]!).toBeGreaterThan(1.25);
    expect(season[6]! / season[0]!).toBeLessThan(1.4);
    expect(season[0]).toBeCloseTo(season[11]!, 1);
  });
});

describe("the shop's starting rate, pooled and shrunk toward the guideline", () => {
  it('ten households at half the guideline: exp(10 ln 0.5 / (10 + 10)) = 0.707; thirty: 0.5^0.75 = 0.595', () => {
    // Every household uses 0.05 a day (a 1.0 bag every 20 days) where the guideline says 0.1.
    const pairs = (n: number) => Array.from({ length: n }, () => ({ prior: 0.1, purchases: steady('2026-01-05', 20, 1, 4) }));
    const ten = learnShopProduct(pairs(10), 'none');
    expect(ten.households).toBe(10);
    expect(ten.ownFactor).toBeCloseTo(0.5, 9);
    expect(ten.rateFactor).toBeCloseTo(Math.SQRT1_2, 9);
    expect(learnShopProduct(pairs(30), 'none').rateFactor).toBeCloseTo(0.5 ** 0.75, 9);
    // A household with a single purchase says nothing yet.
    expect(learnShopProduct([{ prior: 0.1, purchases: steady('2026-01-05', 20, 1, 1) }], 'none')).toMatchObject({ households: 0, rateFactor: 1 });
  });

  it('is offered to the owner from ten households 10 % off, and applied to three significant figures', () => {
    expect(offersLearnedRates({ ownFactor: 0.7, households: 9 })).toBe(false);
    expect(offersLearnedRates({ ownFactor: 0.95, households: 50 })).toBe(false);
    expect(offersLearnedRates({ ownFactor: 0.7, households: 10 })).toBe(true);
    expect(applyRateFactor({ adult: 0.085, child: 0.048, senior: 0.08 }, 0.7)).toEqual({ adult: 0.0595, child: 0.0336, senior: 0.056 });
  });
});

describe('forecast() with what the shop learned', () => {
  it("a new household's first gas cylinder: the shop's rate and the winter both bring the run-out closer", () => {
    const first = [{ date: '2026-01-10', quantity: 1 }];
    // Guideline: 1/40 a day -> 40 days; lead 5 and one extra day for the prior spread (min(4, (7 - 5) / 2, 0.1 x 40)).
    expect(forecast(1 / 40, first, 5)).toMatchObject({ runOutDate: '2026-02-19', reminderDate: '2026-02-13' });
    // The shop's households use 1.25x: 32 days.
    expect(forecast(1 / 40, first, 5, null, { season: null, rateFactor: 1.25 })).toMatchObject({
      priorDailyUse: 1 / 32,
      runOutDate: '2026-02-11',
      reminderDate: '2026-02-05',
    });
    // A season of 1.25 all the time: 40 usual days last 32 calendar days.
    const winter = seasonCurve(new Array(12).fill(1.25));
    expect(forecast(1 / 40, first, 5, null, { season: winter, rateFactor: 1 })).toMatchObject({ runOutDate: '2026-02-11' });
  });

  it('learns a household in "usual" days: a cylinder every 32 days in a 1.25 winter is a 40-day household', () => {
    const winter = seasonCurve(new Array(12).fill(1.25));
    const f = forecast(1 / 40, steady('2025-11-01', 32, 1, 4), 5, null, { season: winter, rateFactor: 1 })!;
    expect(f.dailyUse).toBeCloseTo(1 / 40, 9);
    expect(f.runOutDate).toBe(addDays('2025-11-01', 3 * 32 + 32));
  });
});
