/** The counter slip (开单): several lines, one payment or a split, a household or a walk-in; the journal of slips. */
import { z } from 'zod';
import { LIMITS, businessDate, fen, id, text } from './common.ts';
import { paymentMethods } from './credit.ts';
import { slipMemberSchema } from './membership.ts';
import { prepaidBalancesSchema } from './prepaid.ts';
import { unitSchema } from './products.ts';
import { containerMoveDraftSchema } from './containers.ts';
import { containerTypes } from '../domain/containers.ts';

/** `tickets` and `stored` draw on the household's prepaid plans (contract/prepaid.ts). */
export const slipMethods = [...paymentMethods, 'credit', 'tickets', 'stored'] as const;

export const slipMethodSchema = z.enum(slipMethods);

export type SlipMethod = z.infer<typeof slipMethodSchema>;

export const MAX_SLIP_LINES = 100;

export const slipLineDraftSchema = z.strictObject({
  productId: id,
  quantity: z.number().positive().max(LIMITS.quantity),
  /** Omitted: the product's current price. */
  unitPriceFen: fen.optional(),
  /** Prepaid: tickets drawn for this line (at most its quantity); their value is the slip's `tickets` payment. */
  tickets: z.number().int().min(1).max(LIMITS.quantity).optional(),
});

export const slipDraftSchema = z.strictObject({
  /** Null or omitted: a walk-in (散客) slip. */
  customerId: id.nullable().default(null),
  /** At least one, unless the slip only moves containers (empties back, a deposit refunded). */
  lines: z.array(slipLineDraftSchema).max(MAX_SLIP_LINES),
  /** What was tendered by each method; they must add up to the slip's total (none on a slip of no line). */
  payments: z.array(z.strictObject({ method: slipMethodSchema, amountFen: fen.min(1) })).max(slipMethods.length),
  /** Containers out and in, deposits paid and refunded (deposit money is apart from the payments above). */
  containers: z.array(containerMoveDraftSchema).max(containerTypes.length).default([]),
  /** Omitted: today (the backend's local date). */
  date: businessDate.optional(),
  /** A household's member price and points spent (membership); the payments add up to what is left. */
  member: slipMemberSchema.optional(),
});

export type SlipDraftInput = z.input<typeof slipDraftSchema>;
export type SlipDraft = z.output<typeof slipDraftSchema>;

export const slipLineSchema = z.object({
  /** The line is this sale: the household's history, forecast and credit book see it as one. */
  saleId: id,
  productId: id,
  productName: z.string(),
  unit: unitSchema,
  quantity: z.number(),
  unitPriceFen: z.number(),
  amountFen: z.number(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** Prepaid tickets drawn for the line (0: none); a voided line gave them back. */
  tickets: z.number(),
});

export type SlipLine = z.infer<typeof slipLineSchema>;

export const slipSchema = z.object({
  id,
  customerId: id.nullable(),
  customerName: z.string().nullable(),
  date: z.string(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  lines: z.array(slipLineSchema),
  payments: z.array(z.object({ method: slipMethodSchema, amountFen: z.number() })),
  /** The lines not voided. */
  totalFen: z.number(),
  /** What the household owes in all now (its credit book's balance); null on a walk-in slip. */
  owedFen: z.number().nullable(),
  /** The household's prepaid tickets and stored value now; null on a walk-in slip. */
  prepaid: prepaidBalancesSchema.nullable(),
});

export type Slip = z.infer<typeof slipSchema>;

/** How an entry of the journal was paid: a slip's split, or a single sale's "paid" (method never asked) or "on credit". */
export const journalMethods = [...slipMethods, 'unrecorded'] as const;
export const journalMethodSchema = z.enum(journalMethods);
export type JournalMethod = z.infer<typeof journalMethodSchema>;

/** A line of the sales journal: a slip, or a sale recorded alone (记一笔, `kind: 'sale'`, its id the sale's). */
export const journalEntrySchema = slipSchema.omit({ lines: true, owedFen: true, payments: true, prepaid: true }).extend({
  kind: z.enum(['slip', 'sale']),
  lineCount: z.number(),
  /** The products of the lines still standing (of a voided entry: all of them). */
  products: z.string(),
  payments: z.array(z.object({ method: journalMethodSchema, amountFen: z.number() })),
});

export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const slipFilterSchema = z.strictObject({
  from: businessDate.optional(),
  to: businessDate.optional(),
  customerId: id.optional(),
  /** Only entries with a line of this product. */
  productId: id.optional(),
  /** Only entries paid (partly) by this method. */
  method: journalMethodSchema.optional(),
  limit: z.number().int().min(1).max(LIMITS.listRows).default(500),
});

export type SlipFilter = z.input<typeof slipFilterSchema>;

const voidInput = z.strictObject({ id, reason: text(LIMITS.reason).default('') });

export const slipsCalls = {
  'slips.create': { input: slipDraftSchema, output: slipSchema },
  'slips.get': { input: z.strictObject({ id }), output: slipSchema },
  /** Voids every line still standing and the money taken on it; the slip stays, marked. */
  'slips.void': { input: voidInput, output: slipSchema },
  /** Voids one line (a sale of the slip, by its id); the slip's total follows. */
  'slips.voidLine': { input: z.strictObject({ saleId: id, reason: text(LIMITS.reason).default('') }), output: slipSchema },
  /**
   * The sales journal: slips and single sales, newest first, with the totals of those matching (voided
   * ones listed, not counted).
   */
  'slips.list': {
    input: slipFilterSchema,
    output: z.object({ entries: z.array(journalEntrySchema), count: z.number(), totalFen: z.number() }),
  },
} as const;
