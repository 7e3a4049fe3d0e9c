/** The call list's follow-up rules (shared/domain/callList.ts), as pure functions. */
import { describe, expect, it } from 'vitest';
import {
  cycleDays,
  followUpAfterStockReport,
  followUpDate,
  highValueFen,
  isOnToday,
  lapsesOn,
  MAX_CYCLE_DAYS,
  MIN_CYCLE_DAYS,
  OUTCOME_FOLLOW_UP_DAYS,
  planToday,
  type RankedCall,
} from '../../shared/domain/callList.ts';
import { addDays } from '../../shared/domain/dates.ts';

const today = '2026-02-27';
const inDays = (n: number) => addDays(today, n);

describe('"not needed yet" with what is left', () => {
  it('is the one outcome whose stock report sets the follow-up (no date given)', () => {
    const soon = { reminderDate: today, runOutDate: inDays(2) };
    expect(followUpDate({ action: 'called', outcome: 'not_needed', stockLeft: 2 }, today, soon)).toBe(inDays(2));
    expect(followUpDate({ action: 'called', outcome: 'not_needed', stockLeft: 2, date: inDays(5) }, today, soon)).toBe(inDays(5));
    expect(followUpDate({ action: 'called', outcome: 'not_needed' }, today, soon)).toBe(inDays(OUTCOME_FOLLOW_UP_DAYS.not_needed));
    expect(followUpDate({ action: 'called', outcome: 'will_come', stockLeft: 2 }, today, soon)).toBe(inDays(OUTCOME_FOLLOW_UP_DAYS.will_come));
    expect(followUpDate({ action: 'called', outcome: 'not_needed', stockLeft: 2 }, today)).toBeNull();
    expect(followUpDate({ action: 'called', outcome: 'not_needed' }, today)).toBe(inDays(OUTCOME_FOLLOW_UP_DAYS.not_needed));
  });

  it('leaves a re-dated reminder that is far enough off to its own date', () => {
    const gap = OUTCOME_FOLLOW_UP_DAYS.not_needed;
    expect(followUpAfterStockReport({ reminderDate: inDays(gap), runOutDate: inDays(gap + 3) }, today)).toBeNull();
    expect(followUpAfterStockReport({ reminderDate: inDays(20), runOutDate: inDays(23) }, today)).toBeNull();
  });

  it('calls back on the run-out day when the re-dated reminder is sooner (past, today, tomorrow), across a month end', () => {
    expect(followUpAfterStockReport({ reminderDate: inDays(-1), runOutDate: inDays(2) }, today)).toBe('2026-03-01');
    expect(followUpAfterStockReport({ reminderDate: today, runOutDate: inDays(3) }, today)).toBe('2026-03-02');
    expect(followUpAfterStockReport({ reminderDate: inDays(1), runOutDate: inDays(4) }, today)).toBe('2026-03-03');
  });

  it('calls back tomorrow at the earliest, when it has run out already', () => {
    expect(followUpAfterStockReport({ reminderDate: inDays(-3), runOutDate: today }, today)).toBe('2026-02-28');
    expect(followUpAfterStockReport({ reminderDate: inDays(-5), runOutDate: inDays(-2) }, today)).toBe('2026-02-28');
  });
});

describe("each household's own interval", () => {
  it('is what it bought last lasting at its daily use, between a week and a year', () => {
    expect(cycleDays(10, 0.5)).toBe(20);
    expect(cycleDays(10, 0.4)).toBe(25);
    expect(cycleDays(1, 1)).toBe(MIN_CYCLE_DAYS);
    expect(cycleDays(1, 0.0001)).toBe(MAX_CYCLE_DAYS);
    expect(cycleDays(10, 0)).toBe(MIN_CYCLE_DAYS);
  });

  it('keeps a reminder on Today until its interval has passed since the later of run-out and its day, then not', () => {
    const r = { dueDate: inDays(-12), runOutDate: inDays(-10), cycleDays: 10 };
    expect(lapsesOn(r)).toBe(today);
    expect(isOnToday(r, today)).toBe(true);
    expect(isOnToday(r, inDays(1))).toBe(false);
    // a follow-up set after the run-out counts from its own day
    expect(lapsesOn({ ...r, dueDate: inDays(-2) })).toBe(inDays(8));
    // a short interval lapses sooner than a long one from the same day: not one number for all
    expect(isOnToday({ ...r, cycleDays: 9 }, today)).toBe(false);
    expect(isOnToday({ ...r, cycleDays: 30 }, inDays(15))).toBe(true);
    // not yet its day: upcoming, not on today's due list
    expect(isOnToday({ ...r, dueDate: inDays(1), runOutDate: inDays(4) }, today)).toBe(false);
  });
});

describe("today's work: ranking and capacity", () => {
  let next = 0;
  const call = (over: Partial<RankedCall>): RankedCall => ({
    customerId: ++next,
    productId: 1,
    dueDate: inDays(-3),
    runOutDate: inDays(0),
    snoozedUntil: null,
    outcome: null,
    monthlyFen: 10000,
    callsAnswered: 0,
    ...over,
  });

  it('ranks promised, then new today, then those who come when called, then high-value, then the rest; run-out soonest within each', () => {
    const rows = [
      call({ runOutDate: inDays(-2) }),
      call({ monthlyFen: 90000 }),
      call({ callsAnswered: 2, runOutDate: inDays(1) }),
      call({ dueDate: today, runOutDate: inDays(3) }),
      call({ outcome: 'deliver', snoozedUntil: today, dueDate: today, runOutDate: inDays(2), monthlyFen: 90000 }),
      call({ runOutDate: inDays(-5) }),
      call({ callsAnswered: 1, runOutDate: inDays(-1) }),
    ];
    const { rows: ranked } = planToday(rows, today, 30);
    expect(ranked.map((r) => r.priority)).toEqual(['promised', 'new', 'needsCall', 'needsCall', 'valued', 'other', 'other']);
    expect(ranked.filter((r) => r.priority === 'other').map((r) => r.runOutDate)).toEqual([inDays(-5), inDays(-2)]);
    expect(ranked.filter((r) => r.priority === 'needsCall').map((r) => r.runOutDate)).toEqual([inDays(-1), inDays(1)]);
  });

  it('cuts to the daily calls, but always shows what became due today or was promised', () => {
    const backlog = Array.from({ length: 40 }, (_, i) => call({ runOutDate: inDays(-i) }));
    expect(planToday(backlog, today, 30).shown).toBe(30);
    expect(planToday(backlog.slice(0, 5), today, 30).shown).toBe(5);
    const fresh = Array.from({ length: 35 }, () => call({ dueDate: today }));
    const plan = planToday([...backlog, ...fresh], today, 30);
    expect(plan.shown).toBe(35);
    expect(plan.rows.slice(0, plan.shown).every((r) => r.priority === 'new')).toBe(true);
    // one new among an older backlog is first, whatever its run-out
    const one = call({ dueDate: today, runOutDate: inDays(5) });
    expect(planToday([...backlog, one], today, 3).rows[0]).toMatchObject({ customerId: one.customerId, priority: 'new' });
  });

  it('tells high-value households apart only when some spend more than others, among enough of them', () => {
    expect(highValueFen([10, 10, 10, 10, 10].map((monthlyFen) => ({ monthlyFen })))).toBe(Infinity);
    expect(highValueFen([100, 10].map((monthlyFen) => ({ monthlyFen })))).toBe(Infinity);
    expect(highValueFen([500, 400, 10, 10, 10, 10, 10, 10, 10, 10].map((monthlyFen) => ({ monthlyFen })))).toBe(400);
  });
});
