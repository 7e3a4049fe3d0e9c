/** The Data screen: backups, restore, import and export, each a job polled for its status. */
import { z } from 'zod';
import { absolutePath, byJob, empty, id, jobErrorSchema, jobStarted, jobStateSchema } from './common.ts';
import { paydaySchema } from './customers.ts';

// Long work runs as a job: `data.start*` return a job id at once and the UI polls the matching
// `data.*Status` (a few times a second) until the state is done or failed.
// Paths are absolute paths on the backend's computer (from the Electron pickers, or typed/pasted in
// the browser shell).
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
  'name',
  'phone',
  'phone2',
  'phone3',
  'address',
  'area',
  'people',
  'adults',
  'children',
  'seniors',
  'payday',
  'tags',
  'notes',
  'product',
  'quantity',
  'amount',
  'date',
  'paid',
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

export const placeSchema = z.object({
  path: z.string(),
  label: z.string(),
  /** The data folder's backups/ and exports/, a folder used lately, a drive, the user's home. */
  kind: z.enum(['backups', 'exports', 'recent', 'removable', 'volume', 'home']),
});

export type Place = z.infer<typeof placeSchema>;

export const folderListingSchema = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  entries: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      kind: z.enum(['folder', 'file']),
      sizeBytes: z.number().nullable(),
      modifiedAt: z.string().nullable(),
    }),
  ),
  truncated: z.boolean(),
});

export type FolderListing = z.infer<typeof folderListingSchema>;

export const dataCalls = {
  /** Where the browser shell's picker starts (it has no system dialog). */
  'data.places': { input: empty, output: z.array(placeSchema) },
  /** One folder under a place: its folders, and with `show: 'files'` its files of those extensions. */
  'data.browse': {
    input: z.strictObject({
      path: absolutePath,
      show: z.enum(['folders', 'files']),
      extensions: z
        .array(z.string().regex(/^[A-Za-z0-9]{1,10}$/))
        .max(10)
        .default([]),
    }),
    output: folderListingSchema,
  },
  /** Removable drives (USB sticks) with their free space, to offer as backup targets. */
  'data.backupTargets': { input: empty, output: z.array(backupTargetSchema) },
  /** Back up to a folder: one verified file named with the shop and date-time. Poll backup.status. */
  'data.startBackup': { input: z.strictObject({ folder: absolutePath }), output: jobStarted },
  'data.backupStatus': { input: byJob, output: backupStatusSchema },
  /** An automatic-style backup into <dataDir>/backups now ("back up on this PC"). Poll backup.status. */
  'data.startLocalBackup': { input: empty, output: jobStarted },
  /** The automatic local backups, newest first. */
  'data.localBackups': { input: empty, output: z.array(localBackupSchema) },
  /**
   * Jobs (integrity_check of a big file takes seconds, off the main thread), polled with restore.status.
   * Inspect checks a backup before anything changes and says what is in it; apply replaces the book with
   * it, after a safety backup that another apply brings back.
   */
  'data.startRestoreInspect': { input: z.strictObject({ file: absolutePath }), output: jobStarted },
  'data.startRestore': { input: z.strictObject({ file: absolutePath }), output: jobStarted },
  'data.restoreStatus': { input: byJob, output: restoreStatusSchema },
  /** Reads a .csv/.xlsx, guesses the columns (or uses `mapping`), validates every row. Poll import.status. */
  'data.startImportPreview': { input: z.strictObject({ file: absolutePath, mapping: importMappingSchema.optional() }), output: jobStarted },
  /** Imports every row in one transaction, or nothing when any row has a problem. Poll import.status. */
  'data.startImport': {
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
  'data.importStatus': { input: byJob, output: importStatusSchema },
  /** Writes the chosen tables as CSV (UTF-8 with BOM) and/or .xlsx into `folder`. Poll export.status. */
  'data.startExport': {
    input: z.strictObject({
      folder: absolutePath,
      tables: z
        .array(z.enum(exportTables))
        .min(1)
        .max(exportTables.length)
        .default([...exportTables]),
      formats: z
        .array(z.enum(exportFormats))
        .min(1)
        .max(exportFormats.length)
        .default([...exportFormats]),
    }),
    output: jobStarted,
  },
  'data.exportStatus': { input: byJob, output: exportStatusSchema },
} as const;
