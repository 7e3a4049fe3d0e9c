/** The catalog: units, prices, per-person daily use and lead days. */
import { z } from 'zod';
import { LIMITS, byId, fen, id, requiredText } from './common.ts';
import { seasonPresets } from '../domain/forecastSeasons.ts';
import { containerTypes } from '../domain/containers.ts';

export const units = ['kg', 'jin', 'bucket', 'bottle', 'cylinder', 'litre'] as const;

export const unitSchema = z.enum(units);

export type Unit = z.infer<typeof unitSchema>;

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
  /** A season the owner knows before the sales show it (gas in winter, water in summer). */
  seasonPreset: z.enum(seasonPresets).default('none'),
  /** The shop's container it goes out in (a bucket of water, a gas cylinder), and the deposit for one. */
  container: z.enum(containerTypes).nullable().default(null),
  depositFen: fen.default(0),
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
  seasonPreset: z.enum(seasonPresets),
  container: z.enum(containerTypes).nullable(),
  depositFen: z.number(),
  /**
   * What the shop's own households showed (forecast v5, forecastShop.ts): their use over the per-person
   * figures above (already used for every forecast), and how many households it comes from.
   */
  learned: z.object({
    rateFactor: z.number(),
    ownFactor: z.number(),
    households: z.number(),
    season: z.array(z.number()).nullable(),
    on: z.string().nullable(),
  }),
  archivedAt: z.string().nullable(),
});

export type Product = z.infer<typeof productSchema>;

export const productsCalls = {
  'products.list': { input: z.strictObject({ includeArchived: z.boolean().default(false) }), output: z.array(productSchema) },
  'products.create': { input: z.strictObject({ draft: productDraftSchema }), output: productSchema },
  'products.update': { input: z.strictObject({ id, draft: productDraftSchema }), output: productSchema },
  'products.archive': { input: byId, output: productSchema },
  'products.restore': { input: byId, output: productSchema },
  /** The per-person figures times what the shop's households showed (the Products page's "apply?"). */
  'products.applyLearnedRates': { input: byId, output: productSchema },
} as const;
