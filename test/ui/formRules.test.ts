import dayjs from 'dayjs';
import { isBeyondReach } from '../../renderer/src/components/formRules.ts';

describe('isBeyondReach (the date pickers of call-list and collection actions)', () => {
  it('offers days up to a year from today, as the backend takes them', () => {
    expect(isBeyondReach(dayjs('2027-11-22'), '2026-11-22')).toBe(false);
    expect(isBeyondReach(dayjs('2027-11-23'), '2026-11-22')).toBe(true);
    expect(isBeyondReach(dayjs('2062-03-01'), '2026-11-22')).toBe(true);
    expect(isBeyondReach(dayjs('2029-02-28'), '2028-02-29')).toBe(false);
    expect(isBeyondReach(dayjs('2029-03-01'), '2028-02-29')).toBe(true);
  });
});
