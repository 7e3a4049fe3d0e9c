import type { EnglishOf } from './englishShape.ts';
import type { forecastsZhCN } from './forecasts.zh-CN.ts';

/** The forecasts area's words (en). */
export const forecastsEn: EnglishOf<typeof forecastsZhCN> = {
  title: 'Forecast',
  empty: 'After a sale, this estimates when each product runs out.',
  dailyUse: 'Daily use',
  perDay: 'about {{quantity}} / day',
  oneEvery: 'about 1 {{unit}} every {{count}} days',
  confidence: 'Confidence',
  lastPurchase: 'Last purchase',
  runOut: 'Runs out',
  reminderOn: 'remind {{date}}',
  confidenceLevels: { prior: 'From household size', low: 'Rough', medium: 'Fair', high: 'Good' },
  observations: 'from {{count}} purchases',
  observations_one: 'from 1 purchase',
};
