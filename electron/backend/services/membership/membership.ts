/**
 * Membership: levels from the pyramid or bought, the member price and points on slips. Points are summed
 * from the household's live sales at the rate of each sale's day, less the points redeemed on slips still
 * standing (shared/domain/membership.ts): a voided line takes its points back, a voided slip gives back
 * the points spent on it, with no write of ours. The slips service asks `applyToSlip` for the prices and
 * the discount and records the redemption in its own transaction.
 */
import type { MemberStatus, ParsedInput, Payment } from '../../../../shared/contract.ts';
import type { MemberRules } from '../../../../shared/domain/membership.ts';
import {
  DEFAULT_MEMBER_RULES,
  memberLevelOf,
  memberPriceFen,
  membershipPeriod,
  pointsEarned,
  pointsValueFen,
  spreadDiscount,
  type DatedRate,
} from '../../../../shared/domain/membership.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { OwnerService } from '../owner/owner.ts';

interface RulesRow {
  from_date: string;
  points_per_yuan: number;
  points_per_yuan_off: number;
  discount_vip: number;
  discount_key: number;
  discount_regular: number;
  discount_paid: number;
  price_fen: number;
  days: number;
}

interface MembershipRow {
  id: number;
  customer_id: number;
  start_date: string;
  end_date: string;
  price_fen: number;
  method: PaymentMethod;
  voided_at: string | null;
}

type PaymentMethod = Payment['method'];
type SlipMember = NonNullable<ParsedInput<'slips.create'>['member']>;
type PricedLine = { quantity: number; unitPriceFen: number; amountFen: number };
export type Redemption = { points: number; valueFen: number };

const rulesOf = (r: RulesRow): MemberRules => ({
  pointsPerYuan: r.points_per_yuan,
  pointsPerYuanOff: r.points_per_yuan_off,
  discounts: { vip: r.discount_vip, key: r.discount_key, regular: r.discount_regular, paid: r.discount_paid },
  priceFen: r.price_fen,
  days: r.days,
});

export function createMembershipService(ctx: BackendContext, deps: { owner: OwnerService; customers: CustomersService }) {
  const { db } = ctx;
  // Prepared at first use (services/slips/ does the same): books of an earlier schema have no such tables.
  const prepare = () => ({
    lastRules: db.prepare<[], RulesRow>('SELECT * FROM member_rules ORDER BY id DESC LIMIT 1'),
    rates: db.prepare<[], DatedRate>('SELECT from_date AS fromDate, points_per_yuan AS pointsPerYuan FROM member_rules ORDER BY id'),
    insertRules: db.prepare(
      `INSERT INTO member_rules (from_date, points_per_yuan, points_per_yuan_off, discount_vip, discount_key, discount_regular, discount_paid,
         price_fen, days, created_at)
       VALUES (:fromDate, :pointsPerYuan, :pointsPerYuanOff, :vip, :key, :regular, :paid, :priceFen, :days, :now)`,
    ),
    // A purchase is a slip (all its live lines) or a sale recorded alone: slip ids are positive, -id negative.
    purchases: db.prepare<[number], { date: string; amountFen: number }>(
      `SELECT min(date) AS date, sum(amount_fen) AS amountFen FROM sales
       WHERE customer_id = ? AND voided_at IS NULL GROUP BY coalesce(slip_id, -id)`,
    ),
    redeemed: db.prepare<[number], { points: number }>(
      `SELECT coalesce(sum(r.points), 0) AS points FROM point_redemptions r JOIN slips sl ON sl.id = r.slip_id
       WHERE r.customer_id = ? AND sl.voided_at IS NULL AND EXISTS (SELECT 1 FROM sales s WHERE s.slip_id = r.slip_id AND s.voided_at IS NULL)`,
    ),
    insertRedemption: db.prepare<[number, number, number, number, string]>(
      'INSERT INTO point_redemptions (slip_id, customer_id, points, value_fen, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    memberships: db.prepare<[number], MembershipRow>('SELECT * FROM memberships WHERE customer_id = ? ORDER BY start_date DESC, id DESC'),
    membership: db.prepare<[number], MembershipRow>('SELECT * FROM memberships WHERE id = ?'),
    insertMembership: db.prepare<[number, string, string, number, PaymentMethod, string]>(
      'INSERT INTO memberships (customer_id, start_date, end_date, price_fen, method, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    voidMembership: db.prepare<[string, string, number]>('UPDATE memberships SET voided_at = ?, void_reason = ? WHERE id = ?'),
  });
  let statements: ReturnType<typeof prepare> | undefined;
  const q = () => (statements ??= prepare());

  function rules() {
    const row = q().lastRules.get();
    return { ...(row ? rulesOf(row) : DEFAULT_MEMBER_RULES), fromDate: row?.from_date ?? null };
  }

  function setRules(next: ParsedInput<'membership.setRules'>) {
    q().insertRules.run({ ...next, ...next.discounts, fromDate: ctx.today(), now: isoNow(ctx) });
    return rules();
  }

  /** The levels a household holds: its tier (a ranking of every household: the costly part) and paid memberships. */
  function levelOf(customerId: number) {
    const today = ctx.today();
    const tier = deps.owner.householdValue(customerId)?.tier ?? null;
    const purchases = q().memberships.all(customerId);
    const live = purchases.filter((p) => p.voided_at === null);
    const paidActive = live.some((p) => p.start_date <= today && p.end_date >= today);
    const ends = live.map((p) => p.end_date).filter((end) => end >= today);
    return {
      tier,
      ...memberLevelOf(tier, paidActive, rules().discounts),
      paidUntil: ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null,
      purchases: purchases.map((p) => ({
        id: p.id,
        startDate: p.start_date,
        endDate: p.end_date,
        priceFen: p.price_fen,
        method: p.method,
        voidedAt: p.voided_at,
      })),
    };
  }

  function pointsOf(customerId: number): MemberStatus['points'] {
    const earned = pointsEarned(q().purchases.all(customerId), q().rates.all());
    const redeemed = q().redeemed.get(customerId)!.points;
    return { earned, redeemed, balance: earned - redeemed };
  }

  function status(customerId: number): MemberStatus {
    deps.customers.requireExists(customerId);
    return { customerId, ...levelOf(customerId), points: pointsOf(customerId), pointsPerYuanOff: rules().pointsPerYuanOff };
  }

  /**
   * A slip's lines at the member price and less the points spent (spread over the lines, so what each line
   * charged is its amount): checked before the slip writes anything.
   */
  function applyToSlip<L extends PricedLine>(
    customerId: number | null,
    member: SlipMember | undefined,
    lines: L[],
  ): { lines: L[]; redemption: Redemption | null } {
    if (!member || (!member.price && member.redeemPoints === 0)) return { lines, redemption: null };
    if (customerId === null) throw new AppError('NOT_A_MEMBER', 'a walk-in slip has no member price nor points');
    let priced = lines;
    // The level only when the member price is asked: it ranks every household (points alone are cheap).
    if (member.price) {
      const { level, discountPct } = levelOf(customerId);
      if (level === null) throw new AppError('NOT_A_MEMBER', `household ${customerId} is no member`, { details: { customerId } });
      priced = lines.map((l) => {
        const unitPriceFen = memberPriceFen(l.unitPriceFen, discountPct);
        return { ...l, unitPriceFen, amountFen: lineAmountFen(l.quantity, unitPriceFen) };
      });
    }
    const points = member.redeemPoints;
    if (points === 0) return { lines: priced, redemption: null };
    const { balance } = pointsOf(customerId);
    if (points > balance) throw new AppError('POINTS_NOT_ENOUGH', `${points} points asked, ${balance} held`, { details: { balance } });
    const { pointsPerYuanOff } = rules();
    const valueFen = pointsValueFen(points, pointsPerYuanOff);
    if (valueFen === 0) {
      throw new AppError('VALIDATION', `${points} points are worth less than a fen`, {
        issues: [{ path: ['member', 'redeemPoints'], issue: 'points_too_few', limit: Math.ceil(pointsPerYuanOff / 100) }],
      });
    }
    const totalFen = priced.reduce((sum, l) => sum + l.amountFen, 0);
    if (valueFen >= totalFen)
      throw new AppError('POINTS_OVER_TOTAL', `${points} points are worth ${valueFen} fen, the slip ${totalFen}`, { details: { totalFen } });
    const amounts = spreadDiscount(
      priced.map((l) => l.amountFen),
      valueFen,
    );
    return { lines: priced.map((l, i) => ({ ...l, amountFen: amounts[i]! })), redemption: { points, valueFen } };
  }

  function recordRedemption(slipId: number, customerId: number, redemption: Redemption) {
    q().insertRedemption.run(slipId, customerId, redemption.points, redemption.valueFen, isoNow(ctx));
  }

  function buy({ customerId, method, date }: ParsedInput<'membership.buy'>): MemberStatus {
    requireWithinReach(ctx, date);
    deps.customers.requireExists(customerId);
    const current = rules();
    if (current.fromDate === null) throw new AppError('MEMBERSHIP_NOT_OFFERED', 'the owner has not set a membership price and length yet');
    const ends = q()
      .memberships.all(customerId)
      .filter((p) => p.voided_at === null)
      .map((p) => p.end_date);
    const day = date ?? ctx.today();
    const running = ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null;
    const { startDate, endDate } = membershipPeriod(day, running, current.days);
    q().insertMembership.run(customerId, startDate, endDate, current.priceFen, method, isoNow(ctx));
    return status(customerId);
  }

  function voidPurchase(id: number, reason: string): MemberStatus {
    const row = q().membership.get(id);
    if (!row) throw new AppError('NOT_FOUND', `membership ${id} not found`, { details: { entity: 'membership', id } });
    if (row.voided_at) throw new AppError('ALREADY_VOIDED', `membership ${id} was already voided`, { details: { id } });
    q().voidMembership.run(isoNow(ctx), reason, id);
    return status(row.customer_id);
  }

  return {
    rules,
    setRules: db.transaction(setRules),
    status,
    applyToSlip,
    recordRedemption,
    buy: db.transaction(buy),
    voidPurchase: db.transaction(voidPurchase),
  };
}

export type MembershipService = ReturnType<typeof createMembershipService>;

export function membershipHandlers({ membership }: { membership: MembershipService }): AreaHandlers<'membership'> {
  return {
    'membership.rules': () => membership.rules(),
    'membership.setRules': (next) => membership.setRules(next),
    'membership.status': ({ customerId }) => membership.status(customerId),
    'membership.buy': (input) => membership.buy(input),
    'membership.voidPurchase': ({ id, reason }) => membership.voidPurchase(id, reason),
  };
}
