import { describe, expect, it } from 'vitest';
import { demoCall, demoCallsOn, type DemoCallTruth } from '../../shared/domain/demoCalls.ts';
import { createRandom } from '../../shared/domain/random.ts';

const today = '2026-11-22';
const truth = (t: Partial<DemoCallTruth>): DemoCallTruth => ({
  today,
  nextHere: '2026-11-23',
  stockAtHome: 1,
  away: false,
  delivered: false,
  contactsThisCycle: 0,
  ...t,
});
/** The actions over many draws of the seeded generator, by action and outcome. */
function actions(t: Partial<DemoCallTruth>): Set<string> {
  const random = createRandom(7);
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const call = demoCall(random, truth(t), 'zh-CN');
    seen.add(call === 'leave' ? 'leave' : `${call.action}:${call.outcome ?? ''}`);
  }
  return seen;
}

describe('demoCall: what the demo households answer', () => {
  it('says it will come, or asks for a delivery, when it buys within two days; a delivered household always has it delivered', () => {
    expect([...actions({ nextHere: '2026-11-24' })].filter((a) => a.startsWith('called:') && a !== 'called:no_answer').sort()).toEqual([
      'called:deliver',
      'called:will_come',
    ]);
    expect([...actions({ delivered: true })].filter((a) => a.startsWith('called:') && a !== 'called:no_answer')).toEqual(['called:deliver']);
  });

  it('needs nothing yet when it buys later, and then gives what is left or a day to call back after today', () => {
    const random = createRandom(3);
    for (let i = 0; i < 200; i++) {
      const call = demoCall(random, truth({ nextHere: '2026-12-01', stockAtHome: 2.3 }), 'zh-CN');
      if (call === 'leave' || call.action !== 'called' || call.outcome !== 'not_needed') continue;
      if (call.stockLeft !== undefined) expect(call.stockLeft).toBe(2.5);
      else expect(call.date! > today).toBe(true);
    }
  });

  it('does not answer while away, and is put off for a week after two tries', () => {
    expect(actions({ away: true })).toEqual(new Set(['called:no_answer']));
    expect(actions({ away: true, contactsThisCycle: 2 })).toEqual(new Set(['snooze:']));
  });

  it('is given up on after two calls once it no longer buys here: skipped, or left to become "not heard from"', () => {
    expect(actions({ nextHere: null, contactsThisCycle: 2 })).toEqual(new Set(['skip:', 'leave']));
  });
});

describe('demoCallsOn', () => {
  it('works no rows while the shop is closed, and a morning list of rows otherwise', () => {
    const random = createRandom(1);
    expect(demoCallsOn(random, today, [{ from: '2026-11-21', days: 6 }])).toBe(0);
    expect(demoCallsOn(random, today, [{ from: '2026-11-15', days: 6 }])).toBeGreaterThan(30);
  });
});
