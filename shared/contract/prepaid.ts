/** Prepaid plans: ticket bundles per product (水票, 奶卡), stored value with a bonus (储值), balances, refunds, renewal calls. */
import { z } from 'zod';
import { refundRules } from '../domain/prepaid.ts';
import { LIMITS, businessDate, fen, id, requiredText, text } from './common.ts';
import { paymentMethods, paymentMethodSchema } from './credit.ts';
import { unitSchema } from './products.ts';

/** How a bundle is paid for, or a refund given back: money only (no credit, no tickets for tickets). */
export const prepaidMethods = paymentMethods;
export const prepaidMethodSchema = paymentMethodSchema;
export type PrepaidMethod = z.infer<typeof prepaidMethodSchema>;

export const refundRuleSchema = z.enum(refundRules);

const count = z.number().int().min(0).max(100_000);

export const planDraftSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tickets'),
    name: requiredText(LIMITS.productName),
    productId: id,
    /** Tickets paid for (a plan of 0 tickets is refused) and the free ones. */
    tickets: count.min(1),
    bonusTickets: count.default(0),
    priceFen: fen,
    /** A household holding this many or fewer is a renewal call. */
    lowTickets: count.default(2),
    refundRule: refundRuleSchema.default('forfeitBonus'),
  }),
  z.strictObject({
    kind: z.literal('stored'),
    name: requiredText(LIMITS.productName),
    /** 充 500 送 50: priceFen 50000, bonusFen 5000. */
    priceFen: fen.min(1),
    bonusFen: fen.default(0),
    lowFen: fen.default(0),
    refundRule: refundRuleSchema.default('forfeitBonus'),
  }),
]);

export type PlanDraftInput = z.input<typeof planDraftSchema>;

export const planSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['tickets', 'stored']),
  /** Tickets: the product they buy; null for stored value. */
  productId: id.nullable(),
  productName: z.string().nullable(),
  /** Tickets paid for, or fen of stored value paid for; and the free ones. */
  units: z.number(),
  bonusUnits: z.number(),
  priceFen: z.number(),
  lowAt: z.number(),
  refundRule: refundRuleSchema,
  archivedAt: z.string().nullable(),
});

export type Plan = z.infer<typeof planSchema>;

export const ticketBalanceSchema = z.object({
  productId: id,
  productName: z.string(),
  unit: unitSchema,
  left: z.number(),
  /** The threshold of the bundle bought last; null when none (all refunded). */
  lowAt: z.number().nullable(),
  low: z.boolean(),
});

export type TicketBalance = z.infer<typeof ticketBalanceSchema>;

/** What a household holds: tickets per product (only products it ever bought tickets for) and stored value. */
export const prepaidBalancesSchema = z.object({
  tickets: z.array(ticketBalanceSchema),
  /** Null: the household never topped up. */
  stored: z.object({ leftFen: z.number(), lowAt: z.number().nullable(), low: z.boolean() }).nullable(),
});

export type PrepaidBalances = z.infer<typeof prepaidBalancesSchema>;

export const prepaidEntrySchema = z.object({
  id,
  kind: z.enum(['bought', 'drawn', 'refunded']),
  productId: id.nullable(),
  productName: z.string().nullable(),
  /** Signed: in when bought, out when drawn or refunded (tickets, or fen of stored value). */
  units: z.number(),
  bonusUnits: z.number(),
  moneyFen: z.number(),
  method: prepaidMethodSchema.nullable(),
  planName: z.string().nullable(),
  slipId: id.nullable(),
  date: z.string(),
  note: z.string(),
  voidedAt: z.string().nullable(),
});

export type PrepaidEntry = z.infer<typeof prepaidEntrySchema>;

export const prepaidHouseholdSchema = z.object({ customerId: id, balances: prepaidBalancesSchema, entries: z.array(prepaidEntrySchema) });

export type PrepaidHousehold = z.infer<typeof prepaidHouseholdSchema>;

export const lowBalanceSchema = z.object({
  customerId: id,
  name: z.string(),
  phone: z.string(),
  /** Null: stored value. */
  productId: id.nullable(),
  productName: z.string().nullable(),
  unit: unitSchema.nullable(),
  left: z.number(),
  lowAt: z.number(),
  /** When the bundle that set the threshold was bought. */
  boughtDate: z.string(),
});

export type LowBalance = z.infer<typeof lowBalanceSchema>;

/** One account: a product's tickets, or stored value (productId null). */
const account = { customerId: id, productId: id.nullable() };

export const prepaidCalls = {
  'prepaid.plans': { input: z.strictObject({ includeArchived: z.boolean().default(false) }), output: z.array(planSchema) },
  'prepaid.savePlan': { input: z.strictObject({ id: id.optional(), draft: planDraftSchema }), output: planSchema },
  /** Archived plans are no longer sold; bundles already sold keep their terms. */
  'prepaid.archivePlan': { input: z.strictObject({ id, archived: z.boolean() }), output: planSchema },
  'prepaid.forCustomer': { input: z.strictObject({ customerId: id }), output: prepaidHouseholdSchema },
  /** Sells one bundle (or one top-up) of a plan to the household, paid by one method. */
  'prepaid.sell': {
    input: z.strictObject({ customerId: id, planId: id, method: prepaidMethodSchema, date: businessDate.optional() }),
    output: prepaidHouseholdSchema,
  },
  /** What refunding `units` (tickets, or fen of stored value) would give back, by each bundle's rule. */
  'prepaid.quoteRefund': {
    input: z.strictObject({ ...account, units: z.number().int().min(1) }),
    output: z.object({ moneyFen: z.number(), left: z.number() }),
  },
  'prepaid.refund': {
    input: z.strictObject({
      ...account,
      units: z.number().int().min(1),
      method: prepaidMethodSchema,
      date: businessDate.optional(),
      note: text(LIMITS.reason).default(''),
    }),
    output: prepaidHouseholdSchema,
  },
  /** Households at or under their bundle's threshold (Today's renewal calls), fewest left first; `total` counts all. */
  'prepaid.lowBalances': { input: z.strictObject({}), output: z.object({ items: z.array(lowBalanceSchema), total: z.number() }) },
  /** What the shop still owes in goods and money: tickets left per product, stored value left (a liability). */
  'prepaid.outstanding': {
    input: z.strictObject({}),
    output: z.object({
      tickets: z.array(z.object({ productId: id, productName: z.string(), unit: unitSchema, left: z.number(), households: z.number() })),
      storedFen: z.number(),
      storedHouseholds: z.number(),
    }),
  },
} as const;
