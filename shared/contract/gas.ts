/** The gas cylinder register: cylinders by serial, who holds which, notices, home safety checks, the supply hold. */
import { z } from 'zod';
import { LIMITS, businessDate, id, requiredText, text } from './common.ts';

/** A serial as stamped on the cylinder, or the text of its QR code (often a URL). */
const serial = requiredText(200);

export const checkItems = ['hose', 'valve', 'regulator', 'ventilation', 'appliance', 'leak'] as const;
export const checkItemSchema = z.enum(checkItems);
export type CheckItem = z.infer<typeof checkItemSchema>;

export const checkResults = ['pass', 'fail', 'refused'] as const;
export const checkResultSchema = z.enum(checkResults);

export const cylinderDraftSchema = z.strictObject({
  serial,
  sizeKg: z.number().positive().max(100),
  fillDate: businessDate.nullable().default(null),
  lastInspectionDate: businessDate.nullable().default(null),
  nextInspectionDate: businessDate,
  scrapDate: businessDate,
  note: text(LIMITS.notes).default(''),
});

export type CylinderDraftInput = z.input<typeof cylinderDraftSchema>;

const dueSchema = z.object({ kind: z.enum(['inspection', 'scrap']), date: z.string(), days: z.number() });

export const holderSchema = z.object({ customerId: id, name: z.string(), phone: z.string(), since: z.string() });

export const cylinderSchema = z.object({
  id,
  serial: z.string(),
  sizeKg: z.number(),
  fillDate: z.string().nullable(),
  lastInspectionDate: z.string().nullable(),
  nextInspectionDate: z.string(),
  scrapDate: z.string(),
  note: z.string(),
  /** Derived from the latest issued / returned event; null: in the shop. */
  holder: holderSchema.nullable(),
  /** Its inspection or scrap date within the notice window (or passed), soonest first. */
  dues: z.array(dueSchema),
});

export type Cylinder = z.infer<typeof cylinderSchema>;

export const gasNoticeSchema = z.object({
  cylinderId: id,
  serial: z.string(),
  sizeKg: z.number(),
  holder: holderSchema,
  kind: z.enum(['inspection', 'scrap']),
  date: z.string(),
  days: z.number(),
});

export type GasNotice = z.infer<typeof gasNoticeSchema>;

export const gasCheckSchema = z.object({
  id,
  customerId: id,
  date: z.string(),
  items: z.array(checkItemSchema),
  result: checkResultSchema,
  nextDue: z.string().nullable(),
  by: z.string(),
  note: z.string(),
  createdAt: z.string(),
});

export type GasCheck = z.infer<typeof gasCheckSchema>;

export const gasCheckDraftSchema = z.strictObject({
  customerId: id,
  /** Omitted: today. */
  date: businessDate.optional(),
  items: z.array(checkItemSchema).max(checkItems.length).default([]),
  result: checkResultSchema,
  /** Omitted: a year after a pass, a month after a fail or a refusal (shared/domain/gas.ts). */
  nextDue: businessDate.nullable().optional(),
  by: text(LIMITS.name).default(''),
  note: text(LIMITS.notes).default(''),
});

export type GasCheckDraftInput = z.input<typeof gasCheckDraftSchema>;

export const supplyHoldSchema = z.object({ reason: z.enum(['refused', 'failed']), checkId: id, checkDate: z.string() });

export const holdOverrideSchema = z.object({
  id,
  customerId: id,
  saleId: id,
  reason: z.string(),
  holdReason: z.enum(['refused', 'failed']),
  createdAt: z.string(),
});

export type HoldOverride = z.infer<typeof holdOverrideSchema>;

export const gasHouseholdSchema = z.object({
  cylinders: z.array(cylinderSchema),
  checks: z.array(gasCheckSchema),
  hold: supplyHoldSchema.nullable(),
  overrides: z.array(holdOverrideSchema),
});

export type GasHousehold = z.infer<typeof gasHouseholdSchema>;

const movement = { serial, date: businessDate.optional() };

export const gasCalls = {
  'gas.register': { input: z.strictObject({ draft: cylinderDraftSchema }), output: cylinderSchema },
  'gas.update': { input: z.strictObject({ id, draft: cylinderDraftSchema }), output: cylinderSchema },
  'gas.list': {
    input: z.strictObject({
      query: text(LIMITS.query).default(''),
      dueSoon: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ items: z.array(cylinderSchema), total: z.number() }),
  },
  /** Appends an issued event: the household holds the cylinder from then. */
  'gas.issue': { input: z.strictObject({ ...movement, customerId: id }), output: cylinderSchema },
  /** Appends a returned event: the cylinder is back in the shop. */
  'gas.return': { input: z.strictObject(movement), output: cylinderSchema },
  /** Held cylinders whose inspection or scrap date is within the notice window, soonest first (Today). */
  'gas.notices': { input: z.strictObject({}), output: z.object({ items: z.array(gasNoticeSchema) }) },
  'gas.forCustomer': { input: z.strictObject({ customerId: id }), output: gasHouseholdSchema },
  'gas.recordCheck': { input: gasCheckDraftSchema, output: gasCheckSchema },
  /** What the sale dialog warns of for a gas sale: the supply hold, and a household without a phone (real name). */
  'gas.holdFor': {
    input: z.strictObject({ customerId: id }),
    output: z.object({ hold: supplyHoldSchema.nullable(), missingPhone: z.boolean() }),
  },
  /** Logs a gas sale made despite the hold, with the shopkeeper's reason. */
  'gas.overrideHold': { input: z.strictObject({ customerId: id, saleId: id, reason: requiredText(LIMITS.reason) }), output: holdOverrideSchema },
} as const;
