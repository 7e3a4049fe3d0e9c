/** The shop itself: first start (demo or empty), settings, what the app knows about itself. */
import { z } from 'zod';
import { LIMITS, empty, text } from './common.ts';

export const languages = ['system', 'zh-CN', 'en'] as const;

export const languageSchema = z.enum(languages);

export const settingsSchema = z.object({
  shopName: z.string(),
  language: languageSchema,
  largeText: z.boolean(),
  onboarded: z.boolean(),
  /** How many calls Today lists as the day's work (the rest behind "N more"). */
  dailyCalls: z.number(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  shopName: text(LIMITS.shopName).optional(),
  language: languageSchema.optional(),
  largeText: z.boolean().optional(),
  dailyCalls: z.number().int().min(1).max(500).optional(),
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

const shopStartSchema = z.strictObject({ shopName: text(LIMITS.shopName).default(''), language: z.enum(['zh-CN', 'en']) });

export const shopCalls = {
  'shop.info': { input: empty, output: appInfoSchema },
  'shop.updateSettings': { input: settingsPatchSchema, output: settingsSchema },
  /** First start: fill the book with a generated demo shop (products named in `language`). */
  'shop.createDemo': { input: shopStartSchema, output: z.object({ customers: z.number(), sales: z.number() }) },
  /** First start: an empty book with the default product catalog. */
  'shop.startEmpty': { input: shopStartSchema, output: settingsSchema },
} as const;
