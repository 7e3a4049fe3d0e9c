/** Membership: member levels (from the pyramid, or bought), the member price, points earned and redeemed on slips. */
import { z } from 'zod';
import { businessDate, empty, fen, id, LIMITS, text } from './common.ts';
import { paymentMethodSchema } from './credit.ts';
import { tierSchema } from './owner.ts';

export const memberLevelSchema = z.enum(['vip', 'key', 'regular', 'paid']);

const discountPct = z.number().min(0).max(90);

export const memberRulesSchema = z.strictObject({
  pointsPerYuan: z.number().min(0).max(100),
  pointsPerYuanOff: z.number().int().min(1).max(100_000),
  discounts: z.strictObject({ vip: discountPct, key: discountPct, regular: discountPct, paid: discountPct }),
  priceFen: fen,
  days: z.number().int().min(1).max(3660),
});

export type MemberRulesInput = z.input<typeof memberRulesSchema>;

/** What a slip asks of membership: the member price on its lines, points spent on it. */
export const slipMemberSchema = z.strictObject({
  price: z.boolean().default(false),
  redeemPoints: z.number().int().min(0).max(1_000_000_000).default(0),
});

export type SlipMemberInput = z.input<typeof slipMemberSchema>;

export const memberStatusSchema = z.object({
  customerId: id,
  /** The household's place in the pyramid (owner.householdValue); null when it bought nothing in 12 months. */
  tier: tierSchema.nullable(),
  /** The level it is served at (the largest discount it holds); null when it is no member. */
  level: memberLevelSchema.nullable(),
  discountPct: z.number(),
  /** The last day of the bought membership running (or bought ahead); null when none. */
  paidUntil: z.string().nullable(),
  purchases: z.array(
    z.object({ id, startDate: z.string(), endDate: z.string(), priceFen: z.number(), method: paymentMethodSchema, voidedAt: z.string().nullable() }),
  ),
  points: z.object({ earned: z.number(), redeemed: z.number(), balance: z.number() }),
  /** How many points take a yuan off now: what the slip shows a redemption is worth. */
  pointsPerYuanOff: z.number(),
});

export type MemberStatus = z.infer<typeof memberStatusSchema>;

export const membershipCalls = {
  'membership.rules': { input: empty, output: memberRulesSchema.extend({ fromDate: z.string().nullable() }) },
  /** New rules from today on: points already earned keep the rate of their day. */
  'membership.setRules': { input: memberRulesSchema, output: memberRulesSchema.extend({ fromDate: z.string().nullable() }) },
  'membership.status': { input: z.strictObject({ customerId: id }), output: memberStatusSchema },
  /** A paid membership at the rules' price and length, from today or from the end of the one running. */
  'membership.buy': { input: z.strictObject({ customerId: id, method: paymentMethodSchema, date: businessDate.optional() }), output: memberStatusSchema },
  'membership.voidPurchase': { input: z.strictObject({ id, reason: text(LIMITS.reason).default('') }), output: memberStatusSchema },
} as const;
