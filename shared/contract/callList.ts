/** The daily call list (the Today screen): who to call, what was done, undo. */
import { z } from 'zod';
import { LIMITS, businessDate, id, text } from './common.ts';
import { contactSchema } from './customers.ts';
import { confidenceSchema } from './forecasts.ts';
import { unitSchema } from './products.ts';
import { callPriorities } from '../domain/callList.ts';

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
  /** The household's usual interval for this product (days): it leaves Today when overdue by more. */
  cycleDays: z.number(),
  /**
   * What the household spends a month with the shop (forecast use × price, every product): read for the
   * overdue rows, which are ranked by it; 0 on the others, whose place their part of the list decides.
   */
  monthlyFen: z.number(),
  /** Earlier calls after which it came back (will come, deliver): as monthlyFen, for the overdue rows. */
  callsAnswered: z.number(),
  /** Why a due row is where it is (shared/domain/callList.ts planToday); null outside the due list. */
  priority: z.enum(callPriorities).nullable(),
});

export type ReminderRow = z.infer<typeof reminderRowSchema>;

/** Something done from the call list today (a call, a snooze, a skip, a message copied), not undone: Today's "done" part. */
export const doneRowSchema = z.object({
  contactId: id,
  customerId: id,
  productId: id.nullable(),
  name: z.string(),
  productName: z.string(),
  kind: z.enum(['call', 'snooze', 'skip', 'message']),
  outcome: z.string().nullable(),
  followUp: z.string().nullable(),
  createdAt: z.string(),
});

export type DoneRow = z.infer<typeof doneRowSchema>;

/** The stages of Today's due list, in list order (callList.ts in the backend pages through them). */
export const dueStages = ['promised', 'new', 'ranked', 'older'] as const;

/**
 * Where the next page of Today's due list starts: a stage and, within it, an offset (promised, ranked)
 * or the row the last page ended on (new, older; null from the stage's start). Handed out by the
 * backend with each page and given back as it was.
 */
export const dueCursorSchema = z.strictObject({
  stage: z.enum(dueStages),
  offset: z.number().int().min(0).max(LIMITS.listRows),
  after: z.strictObject({ dueDate: businessDate, runOutDate: businessDate, customerId: id, productId: id }).nullable(),
});

export type DueCursor = z.infer<typeof dueCursorSchema>;

export const callListSchema = z.object({
  today: z.string(),
  /**
   * Due today or overdue, not yet lapsed, the day's work first: the first page (`limit` rows); the rest
   * is read with callList.due from `dueNext` as the list scrolls.
   */
  due: z.array(reminderRowSchema),
  /** Where the next page of `due` starts; null when `due` holds every due row. */
  dueNext: dueCursorSchema.nullable(),
  /**
   * How many due rows are the day's work (the shop's daily calls, or more when more were promised or
   * became due today): may be more than the first page holds.
   */
  dueShown: z.number(),
  /** The shop's daily calls (a setting). */
  capacity: z.number(),
  /** Done today from the list, newest first. */
  done: z.array(doneRowSchema),
  /** Due in the next days. */
  upcoming: z.array(reminderRowSchema),
  dueTotal: z.number(),
  upcomingTotal: z.number(),
  /** Overdue by more than their own usual interval: not heard from (not in `due`). */
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
  /** The daily call list: the due ones ranked (the day's work first), the next `days` days, what was done today. */
  'callList.list': {
    input: z.strictObject({
      days: z.number().int().min(0).max(60).default(7),
      area: text(LIMITS.area).optional(),
      limit: z.number().int().min(1).max(LIMITS.listRows).default(1000),
      /** Rows of the due list's first page, when not `limit`: as many as the screen had read (a refresh keeps them). */
      dueLimit: z.number().int().min(1).max(LIMITS.listRows).optional(),
    }),
    output: callListSchema,
  },
  /** The next page of Today's due list, from the cursor the last page ended with. */
  'callList.due': {
    input: z.strictObject({
      area: text(LIMITS.area).optional(),
      after: dueCursorSchema,
      limit: z.number().int().min(1).max(LIMITS.listRows).default(200),
    }),
    output: z.object({ rows: z.array(reminderRowSchema), next: dueCursorSchema.nullable() }),
  },
  /** The households not heard from (overdue by more than their own usual interval), newest first, to call them back. */
  'callList.lapsed': {
    input: z.strictObject({ area: text(LIMITS.area).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(reminderRowSchema),
  },
  'callList.act': { input: reminderActionSchema, output: contactSchema },
  'callList.undo': { input: z.strictObject({ contactId: id }), output: undoneContactSchema },
} as const;
