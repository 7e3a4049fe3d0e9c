import { describe, expect, it } from 'vitest';
import { unusualTimes, usualQuantity } from '../../shared/domain/usualQuantity.ts';

const water = { adult: 0.3, child: 0.2, senior: 0.3 };
const family = { adults: 2, children: 1, seniors: 0 };

describe('usualQuantity', () => {
  it('is the median of the five latest purchases, so one odd purchase does not move it', () => {
    expect(usualQuantity([2, 2, 40, 3, 2, 100, 100], family, water)).toBe(2);
    expect(usualQuantity([2, 4], family, water)).toBe(3);
  });

  it('without history, is a month of what the household uses, at least one unit', () => {
    expect(usualQuantity([], family, water)).toBeCloseTo(24);
    expect(usualQuantity([], null, water)).toBe(1);
    expect(usualQuantity([], family, { adult: 0, child: 0, senior: 0 })).toBe(1);
  });
});

describe('unusualTimes', () => {
  it('asks about more than ten times the usual, and says how many times', () => {
    expect(unusualTimes(250, 2)).toBe(125);
    expect(unusualTimes(21, 2)).toBe(11);
  });
  it('lets up to ten times the usual through', () => {
    expect(unusualTimes(20, 2)).toBeNull();
    expect(unusualTimes(2, 2)).toBeNull();
  });
});
