/** The day's close (日结): a day's takings by method and source, credit given and collected, voids, counts, the drawer. */
import { z } from 'zod';
import { CLOSE_METHODS, CLOSE_SOURCES } from '../domain/dayClose.ts';
import { LIMITS, businessDate, fen, id, text } from './common.ts';
import { unitSchema } from './products.ts';

export const closeMethodSchema = z.enum(CLOSE_METHODS);
export const closeSourceSchema = z.enum(CLOSE_SOURCES);
export type CloseMethodName = z.infer<typeof closeMethodSchema>;
export type CloseSourceName = z.infer<typeof closeSourceSchema>;

export const cashCountSchema = z.object({ id, countedFen: z.number(), note: z.string(), createdAt: z.string() });
export type CashCount = z.infer<typeof cashCountSchema>;

export const closeVoidKinds = ['slip', 'slipLine', 'sale', 'payment'] as const;

export const dayCloseSchema = z.object({
  date: z.string(),
  /** Every (source, method) that brought money, a refund negative: the sections below are sums of these. */
  money: z.array(z.object({ source: closeSourceSchema, method: closeMethodSchema, amountFen: z.number() })),
  takings: z.object({
    byMethod: z.array(z.object({ method: closeMethodSchema, amountFen: z.number() })),
    bySource: z.array(z.object({ source: closeSourceSchema, amountFen: z.number() })),
    totalFen: z.number(),
  }),
  credit: z.object({
    /** Slips' credit parts and single sales not paid, dated that day and standing. */
    givenFen: z.number(),
    givenHouseholds: z.number(),
    /** Payments into the credit book that day (not those taken with a slip: they are in the slip's takings). */
    collectedFen: z.number(),
    collectedHouseholds: z.number(),
  }),
  counts: z.object({ slips: z.number(), walkIns: z.number(), singleSales: z.number(), voided: z.number() }),
  products: z.array(z.object({ productId: id, name: z.string(), unit: unitSchema, quantity: z.number(), amountFen: z.number() })),
  /** The day's records that were voided: whole slips, lines of slips still standing, single sales, credit payments. */
  voids: z.array(
    z.object({
      kind: z.enum(closeVoidKinds),
      id,
      slipId: id.nullable(),
      customerName: z.string().nullable(),
      /** A product, or a payment's method. */
      what: z.string(),
      amountFen: z.number(),
      voidedAt: z.string(),
      reason: z.string(),
      /** A single sale voided by a correction (its corrected sale counts in its place). */
      corrected: z.boolean(),
    }),
  ),
  drawer: z.object({
    expectedCashFen: z.number(),
    /** Every count of the day, oldest first; the last one counts. */
    counts: z.array(cashCountSchema),
    differenceFen: z.number().nullable(),
  }),
  // EXTENSION POINT (issue 18, items 2 and 3): `containers` (out and in by type), `deposits` (in and out) and
  // `tickets` (sold and used) sections go here, each computed by its own function in the service.
});

export type DayClose = z.infer<typeof dayCloseSchema>;

export const dayCloseCalls = {
  /** Derived from the day's records as they stand: nothing is stored but the cash counts. */
  'dayClose.get': { input: z.strictObject({ date: businessDate }), output: dayCloseSchema },
  /** Notes the cash counted in the drawer (append-only: a recount adds one, the latest counts). */
  'dayClose.countCash': {
    input: z.strictObject({ date: businessDate, countedFen: fen, note: text(LIMITS.reason).default('') }),
    output: dayCloseSchema,
  },
} as const;
