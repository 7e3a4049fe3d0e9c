/**
 * Containers and deposits (押桶 / 欠桶): the shop's buckets, bottles, milk boxes and cylinders at a
 * household. Everything here is derived from appended facts (containers out and in, deposits paid and
 * refunded); nobody types a balance. A refund is at the prices paid back then, oldest first: a 2019
 * deposit of ¥30 comes back as ¥30 even when today's deposit is ¥50.
 */

export const containerTypes = ['bucket', 'bottle', 'milk_box', 'cylinder'] as const;

export type ContainerType = (typeof containerTypes)[number];

/** One deposit fact of a household and container type; given oldest first (by date, then as recorded). */
export type DepositFact = { kind: 'paid'; count: number; unitFen: number } | { kind: 'refunded'; count: number };

/** Containers still on deposit at one price, oldest first. */
export interface DepositLot {
  unitFen: number;
  count: number;
}

/** The deposits still held: each payment less the refunds, which always draw on the oldest payment first. */
export function depositsHeld(facts: readonly DepositFact[]): DepositLot[] {
  let refunded = facts.reduce((n, f) => (f.kind === 'refunded' ? n + f.count : n), 0);
  const lots: DepositLot[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'paid') continue;
    const drawn = Math.min(refunded, fact.count);
    refunded -= drawn;
    if (fact.count > drawn) lots.push({ unitFen: fact.unitFen, count: fact.count - drawn });
  }
  return lots;
}

/** What refunding `count` containers pays back, at the oldest prices held; null when fewer are on deposit. */
export function refundAtPaidPrices(held: readonly DepositLot[], count: number): number | null {
  let left = count;
  let amountFen = 0;
  for (const lot of held) {
    if (left === 0) break;
    const drawn = Math.min(left, lot.count);
    amountFen += drawn * lot.unitFen;
    left -= drawn;
  }
  return left > 0 ? null : amountFen;
}

export interface ContainerBalance {
  container: ContainerType;
  /** Ever sent out, and ever brought back. */
  out: number;
  returned: number;
  /** At the household now: out less returned. */
  held: number;
  /** How many of those are covered by a deposit, and what the shop holds for them. */
  depositCount: number;
  depositFen: number;
  /** 欠桶: held beyond what the deposit covers. */
  owes: number;
}

export function containerBalance(container: ContainerType, moves: { out: number; returned: number }, deposits: readonly DepositFact[]): ContainerBalance {
  const lots = depositsHeld(deposits);
  const held = moves.out - moves.returned;
  const depositCount = lots.reduce((n, l) => n + l.count, 0);
  return {
    container,
    out: moves.out,
    returned: moves.returned,
    held,
    depositCount,
    depositFen: lots.reduce((sum, l) => sum + l.count * l.unitFen, 0),
    owes: Math.max(0, held - depositCount),
  };
}

/** What one slip does with one container type. */
export interface ContainerMove {
  container: ContainerType;
  out: number;
  in: number;
  /** Containers a deposit is paid for on this slip, and containers whose deposit is paid back. */
  depositPaid: number;
  refunded: number;
}

export type ContainerIssue =
  | 'containers_more_than_held'
  | 'refund_more_than_returned'
  | 'refund_without_deposit'
  | 'deposit_more_than_held'
  | 'walk_in_owes_containers'
  | 'walk_in_returns_containers';

/**
 * Why a slip's move cannot be recorded, or null. `before` is the household's balance before the slip;
 * null for a walk-in, who swaps empties for full ones and pays a deposit on any more it takes.
 */
export function containerMoveIssue(
  before: ContainerBalance | null,
  move: ContainerMove,
): { issue: ContainerIssue; field: keyof ContainerMove; limit: number } | null {
  if (before === null) {
    // A walk-in swaps empties for full ones; what it takes beyond that goes on a deposit each. Nothing
    // records what it held before, so it brings back no more than it takes and gets no deposit back.
    if (move.refunded > 0) return { issue: 'walk_in_returns_containers', field: 'refunded', limit: 0 };
    if (move.in > move.out) return { issue: 'walk_in_returns_containers', field: 'in', limit: move.out };
    if (move.out - move.in > move.depositPaid) return { issue: 'walk_in_owes_containers', field: 'depositPaid', limit: move.out - move.in };
    if (move.depositPaid > move.out - move.in) return { issue: 'deposit_more_than_held', field: 'depositPaid', limit: move.out - move.in };
    return null;
  }
  // Empties come back from what the household held before this slip, not from what goes out on it.
  if (move.in > before.held) return { issue: 'containers_more_than_held', field: 'in', limit: before.held };
  if (move.refunded > before.depositCount) return { issue: 'refund_without_deposit', field: 'refunded', limit: before.depositCount };
  // A deposit is paid back for containers given back for good, on the same slip.
  if (move.refunded > move.in) return { issue: 'refund_more_than_returned', field: 'refunded', limit: move.in };
  const heldAfter = before.held + move.out - move.in;
  const coveredAfter = before.depositCount - move.refunded;
  if (coveredAfter + move.depositPaid > heldAfter)
    return { issue: 'deposit_more_than_held', field: 'depositPaid', limit: Math.max(0, heldAfter - coveredAfter) };
  return null;
}

/** A balance that voiding a slip must not leave: more back than went out, or more refunded than was paid. */
export function isImpossibleBalance(moves: { out: number; returned: number }, deposits: readonly DepositFact[]): boolean {
  const count = (kind: DepositFact['kind']) => deposits.reduce((n, f) => (f.kind === kind ? n + f.count : n), 0);
  return moves.returned > moves.out || count('refunded') > count('paid');
}
