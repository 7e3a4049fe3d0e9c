/** Containers and deposits: what a slip moves, what a household holds and owes, who owes containers. */
import { z } from 'zod';
import { LIMITS, fen, id } from './common.ts';
import { containerTypes } from '../domain/containers.ts';

export const containerTypeSchema = z.enum(containerTypes);

const count = z.number().int().min(0).max(LIMITS.quantity);

/** One container type on a slip (at most one entry per type). */
export const containerMoveDraftSchema = z.strictObject({
  container: containerTypeSchema,
  out: count.default(0),
  in: count.default(0),
  /** Containers a deposit is paid for on this slip. */
  depositPaid: count.default(0),
  /** Containers whose deposit is paid back (at the prices paid then, oldest first). */
  refunded: count.default(0),
  /** Omitted: the deposit of the slip's product in this container, else of any product in it. */
  depositUnitFen: fen.optional(),
});

export type ContainerMoveDraftInput = z.input<typeof containerMoveDraftSchema>;

export const containerBalanceSchema = z.object({
  container: containerTypeSchema,
  out: z.number(),
  returned: z.number(),
  held: z.number(),
  depositCount: z.number(),
  depositFen: z.number(),
  owes: z.number(),
});

export type ContainerBalanceRow = z.infer<typeof containerBalanceSchema>;

export const slipContainerSchema = z.object({
  container: containerTypeSchema,
  out: z.number(),
  in: z.number(),
  depositPaid: z.number(),
  depositPaidFen: z.number(),
  refunded: z.number(),
  refundedFen: z.number(),
  voidedAt: z.string().nullable(),
});

export type SlipContainer = z.infer<typeof slipContainerSchema>;

export const owingRowSchema = z.object({
  customerId: id,
  name: z.string(),
  phone: z.string(),
  area: z.string(),
  container: containerTypeSchema,
  held: z.number(),
  depositCount: z.number(),
  owes: z.number(),
  /** The last slip that moved this container type for the household. */
  lastDate: z.string(),
});

export type OwingRow = z.infer<typeof owingRowSchema>;

export const containersCalls = {
  /** Per container type the household ever had: held, returned, owed, on deposit. */
  'containers.forCustomer': { input: z.strictObject({ customerId: id }), output: z.array(containerBalanceSchema) },
  /** What a slip moved, and (for a household) its balances now: the receipt's block. */
  'containers.forSlip': {
    input: z.strictObject({ slipId: id }),
    output: z.object({ moves: z.array(slipContainerSchema), balances: z.array(containerBalanceSchema).nullable() }),
  },
  /** Households that owe containers (欠桶), most owed first. */
  'containers.owing': {
    input: z.strictObject({ limit: z.number().int().min(1).max(LIMITS.listRows).default(500) }),
    output: z.object({ rows: z.array(owingRowSchema), total: z.number(), owes: z.number() }),
  },
} as const;
