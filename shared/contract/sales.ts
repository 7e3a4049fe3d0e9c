/** Recording, correcting and voiding a sale. */
import { z } from 'zod';
import { LIMITS, businessDate, fen, id, text } from './common.ts';
import { unitSchema } from './products.ts';

const quantity = z.number().positive().max(LIMITS.quantity);

export const saleDraftSchema = z.strictObject({
  customerId: id,
  productId: id,
  quantity,
  /** Omitted: the product's current price. */
  unitPriceFen: fen.optional(),
  /** Omitted: quantity x unit price. Given: what was actually charged (a discount, a rounded sum). */
  amountFen: fen.optional(),
  paid: z.boolean(),
  /** Omitted: today (the backend's local date). */
  date: businessDate.optional(),
  /** "How much is left at home?", when the shopkeeper asked: it corrects the forecast. */
  stockLeft: z.number().min(0).max(LIMITS.quantity).nullable().optional(),
});

export type SaleDraftInput = z.input<typeof saleDraftSchema>;

export const saleSchema = z.object({
  id,
  customerId: id,
  productId: id,
  productName: z.string(),
  unit: unitSchema,
  quantity: z.number(),
  unitPriceFen: z.number(),
  amountFen: z.number(),
  paid: z.boolean(),
  date: z.string(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  replacesSaleId: z.number().nullable(),
  replacedBySaleId: z.number().nullable(),
  stockLeft: z.number().nullable(),
  /** The counter slip this sale is a line of (voided through the slip), or null. */
  slipId: z.number().nullable(),
});

export type Sale = z.infer<typeof saleSchema>;

export const salesCalls = {
  'sales.record': { input: saleDraftSchema, output: saleSchema },
  'sales.listForCustomer': {
    input: z.strictObject({ customerId: id, limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(saleSchema),
  },
  /** A correction voids the original (keeping it, marked) and records the corrected sale in its place. */
  'sales.correct': {
    input: z.strictObject({ id, draft: saleDraftSchema.omit({ customerId: true }), reason: text(LIMITS.reason).default('') }),
    output: saleSchema,
  },
  'sales.void': { input: z.strictObject({ id, reason: text(LIMITS.reason).default('') }), output: saleSchema },
  /** Undoes a void (the void message's Undo): the sale counts again. A correction's original is not a void to undo. */
  'sales.unvoid': { input: z.strictObject({ id }), output: saleSchema },
} as const;
