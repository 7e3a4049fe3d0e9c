/**
 * Every call the UI can make, defined once: name -> input and output schemas.
 * The backend's dispatch parses each input with these schemas (the one validation gate); the
 * renderer's ApiClient type, the preload bridge and the HTTP routes are all derived from this map.
 */
import { z } from 'zod';
import { isBusinessDate, isInBusinessRange } from './domain/dates.ts';
import { MAX_PEOPLE_PER_GROUP } from './domain/household.ts';
import { MAX_FEN } from './domain/money.ts';
import { isValidPhone, phoneDigits } from './domain/phone.ts';
import { hasControlChars, isInvisibleOnly, withoutControlChars } from './domain/text.ts';

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
  productName: 40,
  reason: 200,
  query: 60,
  quantity: 100_000,
  /** Rows one call-list or collections call returns at most: what a printout or an export asks for. */
  listRows: 5000,
} as const;

const id = z.number().int().positive();
/** Every stored text: trimmed, bounded, visible and free of control characters (domain/text.ts). */
const visible = <T extends z.ZodString>(schema: T) =>
  schema.refine((s) => !isInvisibleOnly(s), { message: 'text_invisible' }).refine((s) => !hasControlChars(s), { message: 'text_control_chars' });
const text = (max: number) => visible(z.string().trim().max(max));
const requiredText = (max: number) => visible(z.string().trim().min(1).max(max));
/** Past a year from today is refused by the backend, which alone knows today (requireWithinReach). */
const businessDate = z
  .string()
  .refine(isBusinessDate, { message: 'date_invalid', abort: true })
  .refine(isInBusinessRange, { message: 'date_out_of_range' });
const fen = z.number().int().min(0).max(MAX_FEN);

export const units = ['kg', 'jin', 'bucket', 'bottle', 'cylinder', 'litre'] as const;
export const unitSchema = z.enum(units);
export type Unit = z.infer<typeof unitSchema>;

export const languages = ['system', 'zh-CN', 'en'] as const;
export const languageSchema = z.enum(languages);

const phoneInput = z
  .string()
  .max(LIMITS.phone)
  .refine(isValidPhone, { message: 'phone_invalid' })
  .transform(phoneDigits);

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

export const phoneMatchSchema = z.object({ id, name: z.string(), phone: z.string(), archived: z.boolean() });
export type PhoneMatch = z.infer<typeof phoneMatchSchema>;

export const dailyUseSchema = z.strictObject({
  adult: z.number().min(0).max(1000),
  child: z.number().min(0).max(1000),
  senior: z.number().min(0).max(1000),
});

export const productDraftSchema = z.strictObject({
  name: requiredText(LIMITS.productName),
  unit: unitSchema,
  priceFen: fen,
  dailyUse: dailyUseSchema,
  leadDays: z.number().int().min(0).max(60).default(3),
});
export type ProductDraftInput = z.input<typeof productDraftSchema>;
export type ProductDraft = z.output<typeof productDraftSchema>;

export const productSchema = z.object({
  id,
  name: z.string(),
  unit: unitSchema,
  priceFen: z.number(),
  dailyUse: z.object({ adult: z.number(), child: z.number(), senior: z.number() }),
  leadDays: z.number(),
  archivedAt: z.string().nullable(),
});
export type Product = z.infer<typeof productSchema>;

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
});
export type Sale = z.infer<typeof saleSchema>;

export const confidenceSchema = z.enum(['prior', 'low', 'medium', 'high']);

export const forecastSchema = z.object({
  customerId: id,
  productId: id,
  productName: z.string(),
  unit: unitSchema,
  priorDailyUse: z.number(),
  dailyUse: z.number(),
  observations: z.number(),
  confidence: confidenceSchema,
  lastPurchaseDate: z.string(),
  lastQuantity: z.number(),
  runOutDate: z.string(),
  reminderDate: z.string(),
});
export type ForecastRow = z.infer<typeof forecastSchema>;

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
    action: z.enum(['called', 'snooze', 'skip']),
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
export const collectionActionSchema = z
  .strictObject({
    customerId: id,
    action: z.enum(['called', 'visited']),
    outcome: z.enum(collectionOutcomes),
    /** will_pay: the day they said; otherwise when to try again. */
    date: businessDate.optional(),
    note: text(LIMITS.notes).default(''),
  })
  .refine((a) => a.outcome !== 'will_pay' || a.date !== undefined, { message: 'date_required', path: ['date'] });
export type CollectionAction = z.output<typeof collectionActionSchema>;

export const settingsSchema = z.object({
  shopName: z.string(),
  language: languageSchema,
  largeText: z.boolean(),
  onboarded: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  shopName: text(LIMITS.shopName).optional(),
  language: languageSchema.optional(),
  largeText: z.boolean().optional(),
});

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number(),
  customerCount: z.number(),
  today: z.string(),
  settings: settingsSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const empty = z.strictObject({});
const shopStartSchema = z.strictObject({ shopName: text(LIMITS.shopName).default(''), language: z.enum(['zh-CN', 'en']) });
const byId = z.strictObject({ id });

// ---- Backups, restore, import and export (issue 4) ----
// Long work runs as a job: `*.start` / `import.preview` / `import.apply` return a job id at once and
// the UI polls `*.status` (a few times a second) until the state is done or failed.
// Paths are absolute paths on the backend's computer (from the Electron pickers, or typed/pasted in
// the browser shell).

const absolutePath = z.string().trim().min(1).max(1000);
const jobIdSchema = z.string().min(1).max(100);
export const jobStateSchema = z.enum(['running', 'done', 'failed']);
export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), issue: z.string(), limit: z.union([z.number(), z.string()]).optional() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const jobStarted = z.object({ jobId: z.string() });

export const backupTargetSchema = z.object({
  path: z.string(),
  label: z.string(),
  /** removable: a drive the OS calls removable; volume: a drive letter offered when Windows could not say. */
  kind: z.enum(['removable', 'volume']),
  freeBytes: z.number().nullable(),
  totalBytes: z.number().nullable(),
});
export type BackupTarget = z.infer<typeof backupTargetSchema>;

export const backupStatusSchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  progress: z.number(),
  /** The verified backup file, once done. */
  file: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  error: jobErrorSchema.nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const localBackupSchema = z.object({
  file: z.string(),
  name: z.string(),
  kind: z.enum(['auto', 'before-restore', 'before-migration']),
  createdAt: z.string(),
  sizeBytes: z.number(),
  fromVersion: z.number().nullable(),
});
export type LocalBackup = z.infer<typeof localBackupSchema>;

export const restorePreviewSchema = z.object({
  file: z.string(),
  sizeBytes: z.number(),
  modifiedAt: z.string(),
  shopName: z.string(),
  customers: z.number(),
  /** Sales not voided. */
  sales: z.number(),
  newestSaleDate: z.string().nullable(),
  schemaVersion: z.number(),
  /** An older app's backup: it is migrated when restored. */
  needsMigration: z.boolean(),
  counts: z.record(z.string(), z.number()),
});
export type RestorePreview = z.infer<typeof restorePreviewSchema>;

export const restoreResultSchema = z.object({
  restoredFrom: z.string(),
  /** restore.startApply with this file undoes the restore. */
  safetyBackup: z.string(),
  preview: restorePreviewSchema,
  migratedFrom: z.number(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

/** A restore's check (restore.startInspect) or the restore itself (restore.startApply), polled. */
export const restoreStatusSchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  progress: z.number(),
  preview: restorePreviewSchema.nullable(),
  result: restoreResultSchema.nullable(),
  error: jobErrorSchema.nullable(),
});

export type RestoreStatus = z.infer<typeof restoreStatusSchema>;

/** What a column of an imported sheet can be. Sale columns (product...) add one sale per row. */
export const importFields = [
  'name', 'phone', 'phone2', 'phone3', 'address', 'area', 'people', 'adults', 'children', 'seniors',
  'payday', 'tags', 'notes', 'product', 'quantity', 'amount', 'date', 'paid',
] as const;
export const importFieldSchema = z.enum(importFields);
export type ImportField = z.infer<typeof importFieldSchema>;
/** Field -> 0-based column index. */
export const importMappingSchema = z.partialRecord(importFieldSchema, z.number().int().min(0).max(999));
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importProblemSchema = z.object({
  /** The row as the spreadsheet numbers it: the header is line 1. */
  line: z.number(),
  /** The row's name cell, to find the row by. */
  name: z.string(),
  field: z.string(),
  /** The text that is wrong, as the sheet has it (cut at 60 characters). */
  value: z.string(),
  issue: z.string(),
  limit: z.union([z.number(), z.string()]).optional(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** What a duplicate row is done with: merged into the household with its phone, skipped, or imported as a household of its own. */
export const importDuplicateActions = ['skip', 'merge', 'keepBoth'] as const;
export const importDuplicateActionSchema = z.enum(importDuplicateActions);
export type ImportDuplicateAction = z.infer<typeof importDuplicateActionSchema>;
/**
 * The fields a merge may find different (the people of a household are one). Phones and tags are never
 * a choice: the file's are added to the book's.
 */
export const mergeFields = ['name', 'address', 'area', 'notes', 'payday', 'household'] as const;
export const mergeFieldSchema = z.enum(mergeFields);
export type MergeField = z.infer<typeof mergeFieldSchema>;
const householdSchema = z.object({ adults: z.number(), children: z.number(), seniors: z.number() });
export const mergeDifferenceSchema = z.discriminatedUnion('field', [
  z.object({ field: z.enum(['name', 'address', 'area', 'notes']), book: z.string(), file: z.string() }),
  z.object({ field: z.literal('payday'), book: paydaySchema, file: paydaySchema }),
  z.object({ field: z.literal('household'), book: householdSchema, file: householdSchema }),
]);
export type MergeDifference = z.infer<typeof mergeDifferenceSchema>;

/** Duplicates and problems listed at most; the totals count them all. */
export const IMPORT_LISTED = 500;

export const importDuplicateSchema = z.object({
  line: z.number(),
  /** The row's name. */
  name: z.string(),
  /** The row's phone that is already taken. */
  phone: z.string(),
  /** The customer already in the book with this phone. */
  existing: z.object({ id, name: z.string() }).nullable(),
  /** An earlier line of the same file with this phone. */
  sameAsLine: z.number().nullable(),
  /** The fields both have and that differ, the household merged into as it stands by then (what merging keeps or takes). */
  differences: z.array(mergeDifferenceSchema),
});
export type ImportDuplicate = z.infer<typeof importDuplicateSchema>;

/** One duplicate row's own choice, over the choice for all. */
export const importRowChoiceSchema = z.strictObject({
  line: z.number().int().min(2).max(1_048_576),
  duplicates: importDuplicateActionSchema.optional(),
  /** The fields that take the file's value when they differ (the others keep the book's); unset: the choice for all. */
  fromFile: z.array(mergeFieldSchema).max(mergeFields.length).optional(),
});
export type ImportRowChoice = z.infer<typeof importRowChoiceSchema>;

export const importPreviewSchema = z.object({
  file: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'gb18030', 'xlsx']),
  sheet: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: importMappingSchema,
  /** The first rows as read (cells as text). */
  rows: z.array(z.array(z.string())),
  totalRows: z.number(),
  validRows: z.number(),
  /** At most 500 listed; problemsTotal counts them all. */
  problems: z.array(importProblemSchema),
  problemsTotal: z.number(),
  /** Lines left out as total lines (合计, 总计, 小计...): at most 500 listed. */
  totalLines: z.array(z.number()),
  duplicates: z.array(importDuplicateSchema),
  duplicatesTotal: z.number(),
  hasSales: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  created: z.number(),
  merged: z.number(),
  skipped: z.number(),
  sales: z.number(),
  ms: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importStatusSchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  progress: z.number(),
  preview: importPreviewSchema.nullable(),
  result: importResultSchema.nullable(),
  error: jobErrorSchema.nullable(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const exportTables = ['customers', 'sales', 'payments', 'callList'] as const;
export const exportFormats = ['csv', 'xlsx'] as const;

export const exportStatusSchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  progress: z.number(),
  /** The files written, once done. */
  files: z.array(z.string()),
  error: jobErrorSchema.nullable(),
});
export type ExportStatus = z.infer<typeof exportStatusSchema>;

const byJob = z.strictObject({ jobId: jobIdSchema });

export const contract = {
  'app.info': { input: empty, output: appInfoSchema },
  'settings.update': { input: settingsPatchSchema, output: settingsSchema },
  /** First start: fill the book with a generated demo shop (products named in `language`). */
  'shop.createDemo': { input: shopStartSchema, output: z.object({ customers: z.number(), sales: z.number() }) },
  /** First start: an empty book with the default product catalog. */
  'shop.startEmpty': { input: shopStartSchema, output: settingsSchema },

  'customers.search': {
    input: z.strictObject({
      query: z.string().max(LIMITS.query).transform(withoutControlChars),
      includeArchived: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ items: z.array(customerSummarySchema), more: z.boolean() }),
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

  'products.list': { input: z.strictObject({ includeArchived: z.boolean().default(false) }), output: z.array(productSchema) },
  'products.create': { input: z.strictObject({ draft: productDraftSchema }), output: productSchema },
  'products.update': { input: z.strictObject({ id, draft: productDraftSchema }), output: productSchema },
  'products.archive': { input: byId, output: productSchema },
  'products.restore': { input: byId, output: productSchema },

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

  'forecasts.forCustomer': { input: z.strictObject({ customerId: id }), output: z.array(forecastSchema) },
  /** After changing products' daily use or lead days in bulk: every forecast and reminder again
   * (pairs forecast; written = those that changed, the rest were already up to date). */
  'forecasts.recomputeAll': { input: empty, output: z.object({ pairs: z.number(), written: z.number(), ms: z.number() }) },

  /** The daily call list: due and overdue first (soonest run-out first), then the next `days` days. */
  'reminders.callList': {
    input: z.strictObject({
      days: z.number().int().min(0).max(60).default(7),
      area: text(LIMITS.area).optional(),
      limit: z.number().int().min(1).max(LIMITS.listRows).default(1000),
    }),
    output: callListSchema,
  },
  /** The households the call list counts as lapsed (overdue more than 30 days), to call them back. */
  'reminders.lapsed': {
    input: z.strictObject({ area: text(LIMITS.area).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(reminderRowSchema),
  },
  'reminders.act': { input: reminderActionSchema, output: contactSchema },
  'reminders.undo': { input: z.strictObject({ contactId: id }), output: undoneContactSchema },
  'payments.record': { input: paymentDraftSchema, output: paymentSchema },
  'payments.void': { input: z.strictObject({ id, reason: text(LIMITS.reason).default('') }), output: paymentSchema },
  'ledger.forCustomer': { input: z.strictObject({ customerId: id }), output: ledgerSchema },
  /** Who owes money and whose payday has passed, longest owed first. */
  'collections.list': {
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
  'collections.act': { input: collectionActionSchema, output: contactSchema },
  'collections.undo': { input: z.strictObject({ contactId: id }), output: contactSchema },
  'contacts.listForCustomer': {
    input: z.strictObject({ customerId: id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(contactSchema),
  },

  // ---- Backups, restore, import and export (issue 4) ----
  /** Removable drives (USB sticks) with their free space, to offer as backup targets. */
  'backup.targets': { input: empty, output: z.array(backupTargetSchema) },
  /** Back up to a folder: one verified file named with the shop and date-time. Poll backup.status. */
  'backup.start': { input: z.strictObject({ folder: absolutePath }), output: jobStarted },
  'backup.status': { input: byJob, output: backupStatusSchema },
  /** An automatic-style backup into <dataDir>/backups now ("back up on this PC"). Poll backup.status. */
  'backup.startLocal': { input: empty, output: jobStarted },
  /** The automatic local backups, newest first. */
  'backup.listLocal': { input: empty, output: z.array(localBackupSchema) },
  /**
   * Jobs (integrity_check of a big file takes seconds, off the main thread), polled with restore.status.
   * Inspect checks a backup before anything changes and says what is in it; apply replaces the book with
   * it, after a safety backup that another apply brings back.
   */
  'restore.startInspect': { input: z.strictObject({ file: absolutePath }), output: jobStarted },
  'restore.startApply': { input: z.strictObject({ file: absolutePath }), output: jobStarted },
  'restore.status': { input: byJob, output: restoreStatusSchema },
  /** Reads a .csv/.xlsx, guesses the columns (or uses `mapping`), validates every row. Poll import.status. */
  'import.preview': { input: z.strictObject({ file: absolutePath, mapping: importMappingSchema.optional() }), output: jobStarted },
  /** Imports every row in one transaction, or nothing when any row has a problem. Poll import.status. */
  'import.apply': {
    input: z.strictObject({
      file: absolutePath,
      mapping: importMappingSchema,
      /** For every duplicate row, unless its choice says otherwise. */
      duplicates: importDuplicateActionSchema,
      /** Merging, a field both have and that differs keeps the book's value (never lost unless chosen) or takes the file's. */
      differing: z.enum(['book', 'file']).default('book'),
      /** Rows' own choices: the duplicates a preview lists, at most. */
      choices: z
        .array(importRowChoiceSchema)
        .max(IMPORT_LISTED)
        .default([])
        .refine((rows) => new Set(rows.map((r) => r.line)).size === rows.length, { message: 'line_repeated' }),
    }),
    output: jobStarted,
  },
  'import.status': { input: byJob, output: importStatusSchema },
  /** Writes the chosen tables as CSV (UTF-8 with BOM) and/or .xlsx into `folder`. Poll export.status. */
  'export.start': {
    input: z.strictObject({
      folder: absolutePath,
      tables: z.array(z.enum(exportTables)).min(1).max(exportTables.length).default([...exportTables]),
      formats: z.array(z.enum(exportFormats)).min(1).max(exportFormats.length).default([...exportFormats]),
    }),
    output: jobStarted,
  },
  'export.status': { input: byJob, output: exportStatusSchema },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const callNames = Object.keys(contract) as CallName[];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** The typed client both transports satisfy: one async function per call, rejecting with ApiError. */
export type ApiClient = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

