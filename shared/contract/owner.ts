/** The owner's view: what the shop earns, who its best customers are, who is slipping away. */
import { z } from 'zod';
import { empty, id } from './common.ts';
import { complaintKindSchema } from './complaints.ts';
import { unitSchema } from './products.ts';

const month = z.string().regex(/^\d{4}-\d{2}$/);

export const tierSchema = z.enum(['vip', 'key', 'regular', 'small']);

export const tierSharesSchema = z
  .strictObject({ vip: z.number().gt(0).lt(1), key: z.number().gt(0).lt(1), regular: z.number().gt(0).lt(1) })
  .refine((s) => s.vip + s.key + s.regular < 1, { message: 'tier_shares_too_large' });

export const ownerHomeSchema = z.object({
  today: z.string(),
  takings: z.object({
    todayFen: z.number(),
    thisMonthFen: z.number(),
    /** Last month up to the same day of the month: what this month so far is fairly compared with. */
    lastMonthToDateFen: z.number(),
    lastMonthFen: z.number(),
    sameMonthLastYearFen: z.number(),
  }),
  /** The last 13 months, oldest first, the current month (so far) last. */
  byMonth: z.array(z.object({ month, amountFen: z.number(), households: z.number(), newHouseholds: z.number() })),
  /** The last 12 months by product, most takings first. */
  byProduct: z.array(z.object({ productId: id, name: z.string(), unit: unitSchema, amountFen: z.number(), quantity: z.number() })),
  credit: z.object({
    outstandingFen: z.number(),
    households: z.number(),
    /** By how long the oldest unpaid sale has waited: 0-30, 31-60, 61-90, over 90 days. */
    ageing: z.array(z.object({ fromDays: z.number(), toDays: z.number().nullable(), amountFen: z.number(), households: z.number() })),
  }),
  /** Calls made in the last 30 days (called, not skipped) and how many of those households bought within 7 days. */
  calls: z.object({ called: z.number(), boughtWithinWeek: z.number() }),
  /** Households whose last purchase was in each of the last 12 months and that have not bought for 90 days since. */
  lostByMonth: z.array(z.object({ month, households: z.number() })),
  /** Complaints of the last 12 months by the month they were made and their kind (months without any left out). */
  complaintsByMonth: z.array(z.object({ month, kind: complaintKindSchema, count: z.number() })),
});

export type OwnerHome = z.infer<typeof ownerHomeSchema>;

export const valuedHouseholdSchema = z.object({
  customerId: id,
  name: z.string(),
  area: z.string(),
  tier: tierSchema,
  valueFen: z.number(),
  purchases: z.number(),
  daysSinceLast: z.number(),
  rfm: z.object({ recency: z.number(), frequency: z.number(), monetary: z.number() }),
});

export type ValuedHousehold = z.infer<typeof valuedHouseholdSchema>;

/**
 * The pyramid ranks each household's spend in this calendar month so far and the 11 before it (the sums are
 * kept by month); the moves compare with the 12 calendar months to the end of last month.
 */
export const pyramidSchema = z.object({
  today: z.string(),
  shares: z.object({ vip: z.number(), key: z.number(), regular: z.number() }),
  tiers: z.array(z.object({ tier: tierSchema, households: z.number(), valueFen: z.number(), minValueFen: z.number() })),
  /** The most valuable VIP, key and regular households, at most 100, highest value first (`tiers` counts them all). */
  households: z.array(valuedHouseholdSchema),
  /** Moves since the end of last month, drops first. */
  moves: z.array(z.object({ customerId: id, name: z.string(), from: tierSchema.nullable(), to: tierSchema.nullable() })),
});

export type Pyramid = z.infer<typeof pyramidSchema>;

export const retentionSchema = z.object({
  today: z.string(),
  /** Households that buy now and then: no product bought often enough to have a learned rhythm (>= 3 intervals). */
  households: z.number(),
  /** The BG/NBD parameters fitted over those households (weeks); null when there are too few to fit. */
  fit: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLikelihood: z.number() }).nullable(),
  /** Of those households, how many are more likely gone than still coming (P(alive) < 0.5). */
  likelyGone: z.number(),
  /** Purchases (days with a purchase) the shop can expect from them in the next 90 days. */
  expected90: z.number(),
  /** The likely gone with most spent (all time) first. */
  gone: z.array(
    z.object({
      customerId: id,
      name: z.string(),
      area: z.string(),
      valueFen: z.number(),
      purchases: z.number(),
      lastPurchase: z.string(),
      pAlive: z.number(),
      expected90: z.number(),
    }),
  ),
  /**
   * Calls to households on the "not heard from" list (their reminder lapsed when called), by month of the
   * call over the last 12 months: the calls, the households called, and those that bought within 30 days.
   */
  winBack: z.array(z.object({ month, calls: z.number(), households: z.number(), won: z.number() })),
});

export type Retention = z.infer<typeof retentionSchema>;

export const ownerCalls = {
  'owner.home': { input: empty, output: ownerHomeSchema },
  'owner.pyramid': { input: z.strictObject({ shares: tierSharesSchema.optional() }), output: pyramidSchema },
  /** One household's tier and scores, for its badge; null when it bought nothing this month nor in the 11 before. */
  'owner.householdValue': { input: z.strictObject({ customerId: id }), output: valuedHouseholdSchema.nullable() },
  'owner.retention': { input: empty, output: retentionSchema },
} as const;
