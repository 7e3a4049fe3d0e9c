/** The daily call list (the Today screen): who to call, what was done, undo. */
import { z } from 'zod';
import { LIMITS, businessDate, id, text } from './common.ts';
import { contactSchema } from './customers.ts';
import { confidenceSchema } from './forecasts.ts';
import { unitSchema } from './products.ts';

export const callOutcomes = ['will_come', 'deliver', 'not_needed', 'no_answer'] as const;

export const callOutcomeSchema = z.enum(callOutcomes);

export type CallOutcome = z.infer<typeof callOutcomeSchema>;

export const reminderRowSchema = z.object({
  customerId: id,
  productId: id,
  name: z.string(),
  adults: z.number(),
  children: z.number(),
  seniors: z.number(),
  phone: z.string(),
  area: z.string(),
  address: z.string(),
  productName: z.string(),
  unit: unitSchema,
  lastPurchaseDate: z.string(),
  lastQuantity: z.number(),
  dailyUse: z.number(),
  confidence: confidenceSchema,
  runOutDate: z.string(),
  /** When it is on the list: the reminder date, or the date it was snoozed to. */
  dueDate: z.string(),
  snoozedUntil: z.string().nullable(),
  outcome: z.string().nullable(),
  owedFen: z.number(),
});

export type ReminderRow = z.infer<typeof reminderRowSchema>;

export const callListSchema = z.object({
  today: z.string(),
  /** Due today or overdue. */
  due: z.array(reminderRowSchema),
  /** Due in the next days. */
  upcoming: z.array(reminderRowSchema),
  dueTotal: z.number(),
  upcomingTotal: z.number(),
  /** Overdue so long that they have probably stopped coming (not in `due`). */
  lapsedTotal: z.number(),
  areas: z.array(z.string()),
});

export type CallList = z.infer<typeof callListSchema>;

/**
 * A contact undone from the call list. `reminderRestored`: the reminder is back as the entry found it;
 * false when a purchase since then started a new cycle (the entry is only marked undone).
 */
export const undoneContactSchema = contactSchema.extend({ reminderRestored: z.boolean() });

export type UndoneContact = z.infer<typeof undoneContactSchema>;

export const reminderActionSchema = z
  .strictObject({
    customerId: id,
    productId: id,
    /** message: a text copied to send (WeChat, SMS); it comes back the next day if nothing came of it. */
    action: z.enum(['called', 'snooze', 'skip', 'message']),
    outcome: callOutcomeSchema.optional(),
    /** deliver: the delivery day; snooze / not needed: until when; will come: when they said. */
    date: businessDate.optional(),
    stockLeft: z.number().min(0).max(LIMITS.quantity).optional(),
    note: text(LIMITS.notes).default(''),
  })
  .refine((a) => a.action !== 'called' || a.outcome !== undefined, { message: 'outcome_required', path: ['outcome'] })
  .refine((a) => a.action !== 'snooze' || a.date !== undefined, { message: 'date_required', path: ['date'] })
  .refine((a) => !(a.action === 'called' && a.outcome === 'deliver' && a.date === undefined), { message: 'date_required', path: ['date'] });

export type ReminderAction = z.output<typeof reminderActionSchema>;

export const callListCalls = {
  /** The daily call list: due and overdue first (soonest run-out first), then the next `days` days. */
  'callList.list': {
    input: z.strictObject({
      days: z.number().int().min(0).max(60).default(7),
      area: text(LIMITS.area).optional(),
      limit: z.number().int().min(1).max(LIMITS.listRows).default(1000),
    }),
    output: callListSchema,
  },
  /** The households the call list counts as lapsed (overdue more than 30 days), to call them back. */
  'callList.lapsed': {
    input: z.strictObject({ area: text(LIMITS.area).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(reminderRowSchema),
  },
  'callList.act': { input: reminderActionSchema, output: contactSchema },
  'callList.undo': { input: z.strictObject({ contactId: id }), output: undoneContactSchema },
} as const;
