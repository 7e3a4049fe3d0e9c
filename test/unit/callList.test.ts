/** The call list's follow-up rules (shared/domain/callList.ts), as pure functions. */
import { describe, expect, it } from 'vitest';
import { followUpAfterStockReport, followUpDate, OUTCOME_FOLLOW_UP_DAYS } from '../../shared/domain/callList.ts';
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
