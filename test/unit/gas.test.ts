import { describe, expect, it } from 'vitest';
import { cylinderDateIssues, defaultNextCheck, duesOf, holdOf, nextInspectionAfter, outOfDate, type CylinderDates } from '../../shared/domain/gas.ts';

const today = '2026-11-22';
const dates = (overrides: Partial<CylinderDates> = {}): CylinderDates => ({
  fillDate: '2026-11-01',
  lastInspectionDate: '2024-03-01',
  nextInspectionDate: '2028-03-01',
  scrapDate: '2032-05-01',
  ...overrides,
});

describe('cylinder dates', () => {
  it('accepts a plausible cylinder, with or without fill and inspection dates', () => {
    expect(cylinderDateIssues(dates(), today)).toEqual([]);
    expect(cylinderDateIssues(dates({ fillDate: null, lastInspectionDate: null }), today)).toEqual([]);
    // A scrap date on the fill date itself is the last day it may be filled.
    expect(cylinderDateIssues(dates({ scrapDate: '2026-11-01' }), today)).toEqual([]);
  });

  it.each([
    [{ scrapDate: '2026-10-31' }, [{ path: ['scrapDate'], issue: 'scrap_before_fill' }]],
    [{ fillDate: '2026-11-23' }, [{ path: ['fillDate'], issue: 'date_in_future' }]],
    [{ lastInspectionDate: '2026-11-23' }, [{ path: ['lastInspectionDate'], issue: 'date_in_future' }]],
    [{ nextInspectionDate: '2024-03-01' }, [{ path: ['nextInspectionDate'], issue: 'inspection_before_last' }]],
    [{ scrapDate: '2062-01-01' }, [{ path: ['scrapDate'], issue: 'date_too_far', limit: 20 }]],
    [{ scrapDate: '2046-11-22' }, []],
    [{ scrapDate: '2046-11-23' }, [{ path: ['scrapDate'], issue: 'date_too_far', limit: 20 }]],
    [{ nextInspectionDate: '2031-11-22' }, []],
    [{ nextInspectionDate: '2031-11-23' }, [{ path: ['nextInspectionDate'], issue: 'date_too_far', limit: 5 }]],
  ] as const)('%j -> %j', (overrides, issues) => expect(cylinderDateIssues(dates(overrides), today)).toEqual(issues));

  it('offers the next inspection 4 years after the last, 29 February to 28 February when need be', () => {
    expect(nextInspectionAfter('2024-03-01')).toBe('2028-03-01');
    expect(nextInspectionAfter('2028-02-29')).toBe('2032-02-28');
  });
});

describe('what goes out and what is noticed', () => {
  it('keeps a cylinder past its scrap date or overdue for inspection in the shop', () => {
    expect(outOfDate({ nextInspectionDate: '2026-11-22', scrapDate: '2030-01-01' }, today)).toBeNull();
    expect(outOfDate({ nextInspectionDate: '2026-11-21', scrapDate: '2030-01-01' }, today)).toBe('inspection');
    expect(outOfDate({ nextInspectionDate: '2026-11-21', scrapDate: '2026-11-22' }, today)).toBe('scrap');
  });

  it('notices a date from 30 days ahead on, and one already passed, soonest first', () => {
    expect(duesOf({ nextInspectionDate: '2026-12-23', scrapDate: '2030-01-01' }, today)).toEqual([]);
    expect(duesOf({ nextInspectionDate: '2026-12-22', scrapDate: '2026-11-20' }, today)).toEqual([
      { kind: 'scrap', date: '2026-11-20', days: -2 },
      { kind: 'inspection', date: '2026-12-22', days: 30 },
    ]);
  });
});

describe('home safety checks', () => {
  it('falls due again a year after a pass, a month after a fail or a refusal', () => {
    expect(defaultNextCheck('2028-02-29', 'pass')).toBe('2029-02-28');
    expect(defaultNextCheck('2026-11-22', 'fail')).toBe('2026-12-22');
    expect(defaultNextCheck('2026-11-22', 'refused')).toBe('2026-12-22');
  });

  it('holds the supply after the latest check when it was refused or failed', () => {
    expect(holdOf([])).toBeNull();
    expect(holdOf([{ id: 1, date: '2026-01-01', result: 'refused' }])).toEqual({ reason: 'refused', checkId: 1, checkDate: '2026-01-01' });
    expect(holdOf([{ id: 1, date: '2026-01-01', result: 'fail' }])).toMatchObject({ reason: 'failed' });
    expect(
      holdOf([
        { id: 2, date: '2026-01-01', result: 'refused' },
        { id: 1, date: '2026-02-01', result: 'pass' },
      ]),
    ).toBeNull();
    // The same day twice: the one recorded last stands.
    expect(
      holdOf([
        { id: 1, date: '2026-02-01', result: 'pass' },
        { id: 2, date: '2026-02-01', result: 'fail' },
      ]),
    ).toMatchObject({ checkId: 2 });
  });
});
