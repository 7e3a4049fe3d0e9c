/** What households owe: payments, the ledger, collections after payday. */
import { z } from 'zod';
import { LIMITS, businessDate, fen, id, text } from './common.ts';
import { contactSchema, paydaySchema } from './customers.ts';
import { unitSchema } from './products.ts';

export const paymentMethods = ['cash', 'wechat', 'alipay', 'bank'] as const;

export const paymentMethodSchema = z.enum(paymentMethods);

export const paymentDraftSchema = z.strictObject({
  customerId: id,
  amountFen: fen.refine((v) => v > 0, { message: 'amount_zero' }),
  method: paymentMethodSchema,
  /** Omitted: today. */
  date: businessDate.optional(),
  note: text(LIMITS.notes).default(''),
});

export const paymentSchema = z.object({
  id,
  customerId: id,
  amountFen: z.number(),
  method: paymentMethodSchema,
  date: z.string(),
  note: z.string(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});

export type Payment = z.infer<typeof paymentSchema>;

export const ledgerEntrySchema = z.object({
  kind: z.enum(['sale', 'payment']),
  refId: id,
  date: z.string(),
  /** Sale: product, quantity and unit; payment: its method and note. */
  productName: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: unitSchema.nullable(),
  method: paymentMethodSchema.nullable(),
  note: z.string(),
  /** What the household owes more (a credit sale) or less (a payment). */
  debitFen: z.number(),
  creditFen: z.number(),
  balanceAfterFen: z.number(),
  /** For a credit sale: what is still unpaid of it after oldest-first allocation. */
  remainingFen: z.number().nullable(),
});

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerSchema = z.object({
  customerId: id,
  balanceFen: z.number(),
  creditFen: z.number(),
  paidFen: z.number(),
  creditLimitFen: z.number().nullable(),
  oldestUnpaidDate: z.string().nullable(),
  collectFrom: z.string().nullable(),
  /** Oldest first, voided lines left out (they never counted). */
  entries: z.array(ledgerEntrySchema),
});

export type Ledger = z.infer<typeof ledgerSchema>;

export const collectionRowSchema = z.object({
  customerId: id,
  name: z.string(),
  phone: z.string(),
  area: z.string(),
  address: z.string(),
  payday: paydaySchema,
  balanceFen: z.number(),
  oldestUnpaidDate: z.string(),
  collectFrom: z.string(),
  snoozedUntil: z.string().nullable(),
  outcome: z.string().nullable(),
});

export type CollectionRow = z.infer<typeof collectionRowSchema>;

export const collectionOutcomes = ['will_pay', 'no_answer', 'not_home', 'refused'] as const;

export const collectionActionSchema = z.discriminatedUnion('action', [
  z
    .strictObject({
      customerId: id,
      action: z.enum(['called', 'visited']),
      outcome: z.enum(collectionOutcomes),
      /** will_pay: the day they said; otherwise when to try again. */
      date: businessDate.optional(),
      note: text(LIMITS.notes).default(''),
    })
    .refine((a) => a.outcome !== 'will_pay' || a.date !== undefined, { message: 'date_required', path: ['date'] }),
  /** A payment reminder copied to send (WeChat, SMS): no outcome yet; `date`: when to try again. */
  z.strictObject({ customerId: id, action: z.literal('message'), date: businessDate.optional(), note: text(LIMITS.notes).default('') }),
]);

export type CollectionAction = z.output<typeof collectionActionSchema>;

export type CollectionActionInput = z.input<typeof collectionActionSchema>;

export const creditCalls = {
  'credit.recordPayment': { input: paymentDraftSchema, output: paymentSchema },
  'credit.voidPayment': { input: z.strictObject({ id, reason: text(LIMITS.reason).default('') }), output: paymentSchema },
  /** Undoes a void (the void message's Undo): the payment counts again. Not one voided with its slip. */
  'credit.unvoidPayment': { input: z.strictObject({ id }), output: paymentSchema },
  'credit.ledger': { input: z.strictObject({ customerId: id }), output: ledgerSchema },
  /** Who owes money and whose payday has passed, longest owed first. */
  'credit.collections': {
    input: z.strictObject({ area: text(LIMITS.area).optional(), limit: z.number().int().min(1).max(LIMITS.listRows).default(1000) }),
    output: z.object({
      today: z.string(),
      items: z.array(collectionRowSchema),
      total: z.number(),
      totalOwedFen: z.number(),
      /** Every household that owes (in the area), payday passed or not, archived ones too (still owed). */
      allDebts: z.object({ households: z.number(), owedFen: z.number() }),
      areas: z.array(z.string()),
    }),
  },
  'credit.act': { input: collectionActionSchema, output: contactSchema },
  'credit.undo': { input: z.strictObject({ contactId: id }), output: contactSchema },
} as const;
