import { describe, expect, it } from 'vitest';
import {
  containerBalance,
  containerMoveIssue,
  depositsHeld,
  isImpossibleBalance,
  refundAtPaidPrices,
  type ContainerMove,
  type DepositFact,
} from '../../shared/domain/containers.ts';

const paid = (count: number, unitFen: number): DepositFact => ({ kind: 'paid', count, unitFen });
const refunded = (count: number): DepositFact => ({ kind: 'refunded', count });
const move = (m: Partial<ContainerMove>): ContainerMove => ({ container: 'bucket', out: 0, in: 0, depositPaid: 0, refunded: 0, ...m });

describe('deposit refunds: at the price paid then, oldest first', () => {
  it('refunds a 2019 deposit of ¥30 at ¥30 although the next was paid at ¥50', () => {
    const facts = [paid(2, 3000), paid(1, 5000)];
    expect(refundAtPaidPrices(depositsHeld(facts), 1)).toBe(3000);
    expect(refundAtPaidPrices(depositsHeld(facts), 3)).toBe(3000 + 3000 + 5000);
  });

  it('a refund draws on the oldest payment first, and the next refund goes on from there', () => {
    const facts = [paid(2, 3000), paid(2, 5000), refunded(3)];
    expect(depositsHeld(facts)).toEqual([{ unitFen: 5000, count: 1 }]);
    expect(refundAtPaidPrices(depositsHeld(facts), 1)).toBe(5000);
  });

  it('cannot refund more than is on deposit', () => {
    expect(refundAtPaidPrices(depositsHeld([paid(1, 3000)]), 2)).toBeNull();
    expect(refundAtPaidPrices([], 1)).toBeNull();
    expect(refundAtPaidPrices([], 0)).toBe(0);
  });
});

describe('a household balance', () => {
  it('holds out less returned; owes what the deposits do not cover', () => {
    const balance = containerBalance('bucket', { out: 5, returned: 1 }, [paid(1, 3000), paid(1, 5000), refunded(1)]);
    expect(balance).toEqual({ container: 'bucket', out: 5, returned: 1, held: 4, depositCount: 1, depositFen: 5000, owes: 3 });
    expect(containerBalance('bucket', { out: 2, returned: 0 }, [paid(3, 3000)]).owes).toBe(0);
  });
});

describe('checks of a slip move', () => {
  const holds = (held: number, deposits: DepositFact[] = []) => containerBalance('bucket', { out: held, returned: 0 }, deposits);

  it('accepts a delivery: 2 out, 2 empties back; a new customer taking 1 on a deposit; a refund of a returned one', () => {
    expect(containerMoveIssue(holds(2), move({ out: 2, in: 2 }))).toBeNull();
    expect(containerMoveIssue(holds(0), move({ out: 1, depositPaid: 1 }))).toBeNull();
    expect(containerMoveIssue(holds(1, [paid(1, 3000)]), move({ in: 1, refunded: 1 }))).toBeNull();
  });

  it.each([
    ['more back than held', holds(1), move({ in: 2 }), { issue: 'containers_more_than_held', field: 'in', limit: 1 }],
    ['a refund with no deposit', holds(1), move({ in: 1, refunded: 1 }), { issue: 'refund_without_deposit', field: 'refunded', limit: 0 }],
    [
      'a refund of more than came back',
      holds(2, [paid(2, 3000)]),
      move({ in: 1, refunded: 2 }),
      { issue: 'refund_more_than_returned', field: 'refunded', limit: 1 },
    ],
    [
      'deposits beyond what is held',
      holds(1, [paid(1, 3000)]),
      move({ out: 1, depositPaid: 2 }),
      { issue: 'deposit_more_than_held', field: 'depositPaid', limit: 1 },
    ],
  ])('refuses %s', (_, before, m, issue) => {
    expect(containerMoveIssue(before, m)).toEqual(issue);
  });

  it('a walk-in swaps empties for full ones, pays a deposit on any more, and gets no deposit back', () => {
    expect(containerMoveIssue(null, move({ out: 2, in: 2 }))).toBeNull();
    expect(containerMoveIssue(null, move({ out: 2, in: 1, depositPaid: 1 }))).toBeNull();
    expect(containerMoveIssue(null, move({ out: 2, depositPaid: 1 }))).toEqual({ issue: 'walk_in_owes_containers', field: 'depositPaid', limit: 2 });
    expect(containerMoveIssue(null, move({ in: 1 }))?.issue).toBe('walk_in_returns_containers');
    expect(containerMoveIssue(null, move({ out: 1, in: 1, refunded: 1 }))?.issue).toBe('walk_in_returns_containers');
  });

  it('an impossible balance: more back than out, or more refunded than paid', () => {
    expect(isImpossibleBalance({ out: 1, returned: 2 }, [])).toBe(true);
    expect(isImpossibleBalance({ out: 2, returned: 2 }, [paid(1, 3000), refunded(2)])).toBe(true);
    expect(isImpossibleBalance({ out: 2, returned: 1 }, [paid(1, 3000), refunded(1)])).toBe(false);
  });
});
