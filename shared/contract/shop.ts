/** The shop itself: first start (demo or empty), settings, what the app knows about itself. */
import { z } from 'zod';
import { MESSAGE_TEMPLATE_KEY, unknownPlaceholders } from '../domain/messageText.ts';
import { LIMITS, empty, text } from './common.ts';
import { tierSharesSchema } from './owner.ts';

export const languages = ['system', 'zh-CN', 'en'] as const;

export const languageSchema = z.enum(languages);

export const settingsSchema = z.object({
  shopName: z.string(),
  language: languageSchema,
  largeText: z.boolean(),
  onboarded: z.boolean(),
  // How a customer reaches the shop and pays it, printed on statements and receipts: '' when not given.
  shopPhone: z.string(),
  shopAddress: z.string(),
  /** "微信/支付宝：138 0000 0000（王老板）": how to pay, as the owner writes it. */
  paymentLine: z.string(),
  /** The shop's own message texts (domain/messageText.ts): by product id, `default`, `payment`. */
  messageTemplates: z.record(z.string(), z.string()),
  /** The customer pyramid's shares (owner's view); absent: the classic 1 / 4 / 15 %. */
  tierShares: tierSharesSchema.optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  shopName: text(LIMITS.shopName).optional(),
  language: languageSchema.optional(),
  largeText: z.boolean().optional(),
  shopPhone: text(LIMITS.phone).optional(),
  shopAddress: text(LIMITS.address).optional(),
  paymentLine: text(LIMITS.paymentLine).optional(),
  /** The whole set, as the Settings screen shows it; a template left empty is the built-in one. */
  messageTemplates: z
    .record(
      z.string(),
      text(LIMITS.messageTemplate).refine((t) => unknownPlaceholders(t).length === 0, { message: 'template_placeholder_unknown' }),
    )
    .refine((r) => Object.keys(r).length <= LIMITS.messageTemplates && Object.keys(r).every((k) => MESSAGE_TEMPLATE_KEY.test(k)), {
      message: 'template_key_invalid',
    })
    .optional(),
  tierShares: tierSharesSchema.optional(),
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
  /**
   * What the book is now, as an opaque token that differs after any write (this backend's, a job's, another
   * process's), a restore or a new day: a screen refetches its list only when the token changed since it
   * fetched it.
   */
  'shop.changes': { input: empty, output: z.object({ version: z.string() }) },
  /** First start: an empty book with the default product catalog. */
  'shop.startEmpty': { input: shopStartSchema, output: settingsSchema },
} as const;
