/** Households: who they are, how to find them, their contact history. */
import { z } from 'zod';
import { MAX_PEOPLE_PER_GROUP } from '../domain/household.ts';
import { isValidPhone, phoneDigits } from '../domain/phone.ts';
import { withoutControlChars } from '../domain/text.ts';
import { LIMITS, byId, fen, id, requiredText, text } from './common.ts';

const phoneInput = z.string().max(LIMITS.phone).refine(isValidPhone, { message: 'phone_invalid' }).transform(phoneDigits);

const peopleCount = z.number().int().min(0).max(MAX_PEOPLE_PER_GROUP);

export const paydaySchema = z.union([z.number().int().min(1).max(31), z.literal('end')]).nullable();

export const customerDraftSchema = z
  .strictObject({
    name: requiredText(LIMITS.name),
    phones: z.array(phoneInput).max(LIMITS.phones).default([]),
    address: text(LIMITS.address).default(''),
    area: text(LIMITS.area).default(''),
    adults: peopleCount,
    children: peopleCount,
    seniors: peopleCount,
    payday: paydaySchema.default(null),
    tags: z.array(requiredText(LIMITS.tag)).max(LIMITS.tags).default([]),
    notes: text(LIMITS.notes).default(''),
    /** A sale on credit that would take the balance past this is warned about (not refused). */
    creditLimitFen: fen.nullable().default(null),
  })
  .refine((d) => d.adults + d.children + d.seniors >= 1, { message: 'household_empty', path: ['adults'] })
  .refine((d) => new Set(d.phones).size === d.phones.length, { message: 'phone_repeated', path: ['phones'] });

export type CustomerDraftInput = z.input<typeof customerDraftSchema>;

export type CustomerDraft = z.output<typeof customerDraftSchema>;

export const customerSchema = z.object({
  id,
  name: z.string(),
  phones: z.array(z.string()),
  address: z.string(),
  area: z.string(),
  adults: z.number(),
  children: z.number(),
  seniors: z.number(),
  payday: paydaySchema,
  tags: z.array(z.string()),
  notes: z.string(),
  creditLimitFen: z.number().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Customer = z.infer<typeof customerSchema>;

export const customerSummarySchema = z.object({
  id,
  name: z.string(),
  phone: z.string(),
  area: z.string(),
  address: z.string(),
  people: z.number(),
  archived: z.boolean(),
});

export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/**
 * A household as the renderer's own search of a small book reads it (shared/domain/searchMatch.ts): its
 * row, and what the backend's indexes find it by (the FTS columns as written; its grams follow from its
 * name and readings, shared/domain/searchText.ts nameGrams).
 */
export const customerSearchEntrySchema = customerSummarySchema.extend({
  sortKey: z.string(),
  pinyin: z.string(),
  initials: z.string(),
  phones: z.string(),
});

export type CustomerSearchEntry = z.infer<typeof customerSearchEntrySchema>;

export const phoneMatchSchema = z.object({ id, name: z.string(), phone: z.string(), archived: z.boolean() });

export type PhoneMatch = z.infer<typeof phoneMatchSchema>;

export const contactSchema = z.object({
  id,
  customerId: id,
  productId: z.number().nullable(),
  productName: z.string().nullable(),
  kind: z.enum(['call', 'visit', 'message', 'snooze', 'skip']),
  outcome: z.string().nullable(),
  followUp: z.string().nullable(),
  stockLeft: z.number().nullable(),
  note: z.string(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});

export type Contact = z.infer<typeof contactSchema>;

/** How many households a search answers when not told: the renderer's own search of a small book gives as many. */
export const SEARCH_LIMIT = 200;

export const customersCalls = {
  'customers.search': {
    input: z.strictObject({
      query: z.string().max(LIMITS.query).transform(withoutControlChars),
      includeArchived: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(SEARCH_LIMIT),
    }),
    output: z.object({ items: z.array(customerSummarySchema), more: z.boolean() }),
  },
  /** The whole book for the renderer's own search, or null when it is too big to hold (LOCAL_SEARCH_MAX). */
  'customers.searchIndex': {
    input: z.strictObject({}),
    output: z.object({ entries: z.array(customerSearchEntrySchema).nullable() }),
  },
  'customers.get': { input: byId, output: customerSchema },
  'customers.findByPhone': {
    input: z.strictObject({ phones: z.array(z.string().max(LIMITS.phone)).max(LIMITS.phones), excludeId: id.optional() }),
    output: z.array(phoneMatchSchema),
  },
  'customers.create': {
    input: z.strictObject({ draft: customerDraftSchema, allowDuplicatePhone: z.boolean().default(false) }),
    output: customerSchema,
  },
  'customers.update': {
    input: z.strictObject({ id, draft: customerDraftSchema, allowDuplicatePhone: z.boolean().default(false) }),
    output: customerSchema,
  },
  'customers.archive': { input: byId, output: customerSchema },
  'customers.restore': { input: byId, output: customerSchema },
  'customers.contacts': {
    input: z.strictObject({ customerId: id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(contactSchema),
  },
} as const;
