import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { evaluateForecasts } from '../../shared/domain/forecastQuality.ts';
import { demoHistories, hindsightCeiling, missCauses, type EvalHistory } from '../../scripts/forecastEvalSources.ts';
import type { CycleEvent } from '../../shared/domain/demoShop.ts';

/** 10 kg every `every[i]` days, with the generator's events of each cycle. */
function history(every: number[], events: CycleEvent[][]): EvalHistory {
  const dates = ['2026-01-01'];
  for (const d of every) dates.push(addDays(dates[dates.length - 1]!, d));
  return { prior: 0.5, leadDays: 3, product: 'Rice', purchases: dates.map((date) => ({ date, quantity: 10 })), events: [[], ...events] };
}

describe('forecast:eval on demo shops', () => {
  it('puts each purchase under one cause, this cycle before the cycle before, so the rows add up', () => {
    const steady = history([20, 20, 20, 20, 20, 20, 20, 20, 20], Array.from({ length: 9 }, () => []));
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
    const steady = history([20, 20, 20, 20, 20], Array.from({ length: 5 }, () => []));
    expect(hindsightCeiling([steady])).toMatchObject({ predictions: 4, mae: 0, onTime: 1 });
    const away = history([20, 20, 34, 20], [[], [], ['holiday'], []]);
    expect(hindsightCeiling([away])).toMatchObject({ predictions: 3, onTime: 2 / 3, premature: 1 / 3 });
  });

  it('says nothing without the generator events (a real book)', () => {
    const { events: _, ...plain } = history([20, 20, 20], [[], [], []]);
    expect(missCauses([plain])).toBeNull();
    expect(hindsightCeiling([plain])).toBeNull();
  });

  it('reads the demo shops with their events', () => {
    const histories = demoHistories({ seeds: [1], households: 20, days: 365, endDate: '2026-11-22' });
    expect(histories.length).toBeGreaterThan(10);
    for (const h of histories) expect(h.events).toHaveLength(h.purchases.length);
  });
});
