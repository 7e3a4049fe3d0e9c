/** When each household runs out of each product. */
import { z } from 'zod';
import { empty, id } from './common.ts';
import { unitSchema } from './products.ts';

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

export const forecastsCalls = {
  'forecasts.forCustomer': { input: z.strictObject({ customerId: id }), output: z.array(forecastSchema) },
  /** After changing products' daily use or lead days in bulk: every forecast and reminder again
   * (pairs forecast; written = those that changed, the rest were already up to date). */
  'forecasts.recomputeAll': { input: empty, output: z.object({ pairs: z.number(), written: z.number(), ms: z.number() }) },
} as const;
