/** Pieces every area's contract is built from: limits, ids, texts, dates, money, jobs. */
import { z } from 'zod';
import { isBusinessDate, isInBusinessRange } from '../domain/dates.ts';
import { MAX_FEN } from '../domain/money.ts';
import { hasControlChars, isInvisibleOnly } from '../domain/text.ts';

export const LIMITS = {
  name: 40,
  phone: 30,
  phones: 3,
  address: 200,
  area: 40,
  tag: 20,
  tags: 20,
  notes: 2000,
  shopName: 60,
  messageTemplate: 300,
  /** One per product, the default and the payment reminder. */
  messageTemplates: 502,
  paymentLine: 100,
  productName: 40,
  reason: 200,
  query: 60,
  quantity: 100_000,
  /** Rows one call-list or collections call returns at most: what a printout or an export asks for. */
  listRows: 5000,
} as const;

export const id = z.number().int().positive();

/** Every stored text: trimmed, bounded, visible and free of control characters (domain/text.ts). */
export const visible = <T extends z.ZodString>(schema: T) =>
  schema.refine((s) => !isInvisibleOnly(s), { message: 'text_invisible' }).refine((s) => !hasControlChars(s), { message: 'text_control_chars' });

export const text = (max: number) => visible(z.string().trim().max(max));

export const requiredText = (max: number) => visible(z.string().trim().min(1).max(max));

/** Past a year from today is refused by the backend, which alone knows today (requireWithinReach). */
export const businessDate = z
  .string()
  .refine(isBusinessDate, { message: 'date_invalid', abort: true })
  .refine(isInBusinessRange, { message: 'date_out_of_range' });

export const fen = z.number().int().min(0).max(MAX_FEN);

export const empty = z.strictObject({});

export const byId = z.strictObject({ id });

export const absolutePath = z.string().trim().min(1).max(1000);

export const jobIdSchema = z.string().min(1).max(100);

export const jobStateSchema = z.enum(['running', 'done', 'failed']);

export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), issue: z.string(), limit: z.union([z.number(), z.string()]).optional() }))
    .optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const jobStarted = z.object({ jobId: z.string() });

export const byJob = z.strictObject({ jobId: jobIdSchema });
