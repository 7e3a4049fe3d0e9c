import { DEFAULT_ROTATION, rotateBackups, weekNumber } from '../../shared/domain/backupRotation.ts';

/** Local noon of a date, as an ISO instant: the rules are about the shop's calendar days. */
const at = (date: string, hour = 12) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00`).toISOString();
const b = (date: string, hour = 12) => ({ createdAt: at(date, hour), name: `${date}@${hour}` });
const names = (list: { name: string }[]) => list.map((x) => x.name);
const now = new Date('2026-11-22T18:00:00'); // a Sunday

describe('weekNumber', () => {
  it('is the same Monday to Sunday and changes on Monday', () => {
    expect(weekNumber('2026-11-16')).toBe(weekNumber('2026-11-22'));
    expect(weekNumber('2026-11-23')).toBe(weekNumber('2026-11-22') + 1);
    expect(weekNumber('2026-11-15')).toBe(weekNumber('2026-11-16') - 1);
  });
});

describe('rotateBackups', () => {
  it('keeps everything when there are only a few', () => {
    const list = [b('2020-01-01'), b('2021-01-01'), b('2022-01-01')];
    expect(rotateBackups(list, now).remove).toEqual([]);
  });

  it('keeps the newest of each of the last 7 days', () => {
    const list = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'].flatMap((d) => [
      b(d, 9),
      b(d, 13),
      b(d, 17),
    ]);
    const { keep, remove } = rotateBackups(list, now, { ...DEFAULT_ROTATION, keepNewest: 0 });
    expect(names(keep)).toEqual(['2026-11-22@17', '2026-11-21@17', '2026-11-20@17', '2026-11-19@17', '2026-11-18@17', '2026-11-17@17', '2026-11-16@17']);
    expect(remove).toHaveLength(14);
  });

  it('keeps the newest of each of the last 8 weeks beyond the 7 days, and nothing older', () => {
    const daily: { createdAt: string; name: string }[] = [];
    for (let d = 0; d < 120; d++) daily.push(b(new Date(Date.UTC(2026, 10, 22 - d)).toISOString().slice(0, 10)));
    const { keep } = rotateBackups(daily, now, { ...DEFAULT_ROTATION, keepNewest: 0 });
    const kept = names(keep).map((n) => n.slice(0, 10));
    // 7 days (16..22 Nov, which is also this week's Sunday) + the Sundays of the 7 weeks before.
    expect(kept).toEqual([
      '2026-11-22',
      '2026-11-21',
      '2026-11-20',
      '2026-11-19',
      '2026-11-18',
      '2026-11-17',
      '2026-11-16',
      '2026-11-15',
      '2026-11-08',
      '2026-11-01',
      '2026-10-25',
      '2026-10-18',
      '2026-10-11',
      '2026-10-04',
    ]);
  });

  it('run every day for months, a weekly backup survives 8 weeks (fixed calendar buckets, not sliding windows)', () => {
    let kept: { createdAt: string; name: string }[] = [];
    for (let d = 0; d < 100; d++) {
      const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
      kept.push(b(date, 10), b(date, 14));
      kept = rotateBackups(kept, new Date(`${date}T20:00:00`)).keep;
    }
    const lastDay = new Date(Date.UTC(2026, 0, 100)).toISOString().slice(0, 10); // 2026-04-10
    expect(lastDay).toBe('2026-04-10');
    const dates = kept.map((k) => k.name.slice(0, 10));
    expect(kept.length).toBeLessThanOrEqual(7 + 8 + 3);
    expect(new Set(dates).size).toBeGreaterThanOrEqual(13);
    // 2026-04-10 is a Friday: this week and the 7 before it, the oldest being the week of Mon 16 Feb, kept by its Sunday.
    expect(dates.at(-1)).toBe('2026-02-22');
  });

  it('never removes the newest few, however old', () => {
    const list = [b('2019-01-01'), b('2019-02-01'), b('2019-03-01'), b('2019-04-01'), b('2019-05-01')];
    const { keep, remove } = rotateBackups(list, now);
    expect(names(keep)).toEqual(['2019-05-01@12', '2019-04-01@12', '2019-03-01@12']);
    expect(names(remove)).toEqual(['2019-02-01@12', '2019-01-01@12']);
  });

  it('keeps backups dated in the future (a clock that was wrong) and ones with unreadable dates', () => {
    const list = [{ createdAt: at('2030-01-01'), name: 'future' }, { createdAt: 'garbage', name: 'bad' }, ...[1, 2, 3, 4].map((m) => b(`2019-0${m}-01`))];
    const { keep } = rotateBackups(list, now, { ...DEFAULT_ROTATION, keepNewest: 0 });
    expect(names(keep)).toEqual(expect.arrayContaining(['future', 'bad']));
    expect(keep).toHaveLength(2);
  });
});
