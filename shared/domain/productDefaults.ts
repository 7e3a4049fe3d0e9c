/**
 * The catalog a new shop starts with. Every figure is editable in Products; these are only
 * sensible first guesses, each with where it comes from.
 */
import type { ProductDraft } from '../contract.ts';

export interface DefaultProduct extends ProductDraft {
  /** Stable key for this default (demo data refers to it). */
  nameKey: string;
  /** The name for a shop started in English. */
  nameEn: string;
}

export const defaultProducts: DefaultProduct[] = [
  {
    nameKey: 'rice_kg',
    nameEn: 'Rice',
    name: '大米',
    unit: 'kg',
    priceFen: 600,
    // Chinese Dietary Guidelines 2022: cereals and tubers 200-300 g per adult per day, of which rice is
    // the larger part in a rice-eating household; ~150 g/adult at home, less for children (guidelines
    // for school-age children: 150-250 g cereals), a little less for seniors.
    dailyUse: { adult: 0.15, child: 0.1, senior: 0.12 },
    leadDays: 3,
    seasonPreset: 'none',
    container: null,
    depositFen: 0,
  },
  {
    nameKey: 'rice_jin',
    nameEn: 'Rice (jin)',
    name: '大米（斤）',
    unit: 'jin',
    priceFen: 300,
    // The same rice sold by the jin (0.5 kg): twice the kg figures above.
    dailyUse: { adult: 0.3, child: 0.2, senior: 0.24 },
    leadDays: 3,
    seasonPreset: 'none',
    container: null,
    depositFen: 0,
  },
  {
    nameKey: 'water_bucket',
    nameEn: 'Bottled water 18.9 L',
    name: '桶装水 18.9L',
    unit: 'bucket',
    priceFen: 1500,
    // Chinese Dietary Guidelines 2022: adults drink 1500-1700 mL of water a day (children 6-10: 800-1000 mL).
    // 1.6 L / 18.9 L = 0.085 bucket; 0.9 L for a child; seniors are advised the adult amount.
    dailyUse: { adult: 0.085, child: 0.048, senior: 0.08 },
    leadDays: 2,
    // More in summer.
    seasonPreset: 'summer',
    // The 18.9 L bucket is the station's: ¥30 is a common deposit (押桶), editable in Products.
    container: 'bucket',
    depositFen: 3000,
  },
  {
    nameKey: 'milk_litre',
    nameEn: 'Milk',
    name: '牛奶',
    unit: 'litre',
    priceFen: 1200,
    // Chinese Dietary Guidelines 2022: dairy 300-500 g a day for adults; 300 g+ for children.
    // Many households buy less than advised, so we start at the lower bound, 0.3 L.
    dailyUse: { adult: 0.3, child: 0.3, senior: 0.3 },
    leadDays: 2,
    seasonPreset: 'none',
    container: null,
    depositFen: 0,
  },
  {
    nameKey: 'gas_cylinder',
    nameEn: 'Bottled gas 15 kg',
    name: '液化气 15kg',
    unit: 'cylinder',
    priceFen: 12000,
    // No dietary source: a typical family of three cooking at home uses a 15 kg LPG cylinder in about a
    // month (~0.5 kg a day), i.e. ~0.011 cylinder per person per day.
    dailyUse: { adult: 0.011, child: 0.008, senior: 0.011 },
    leadDays: 5,
    // More in winter (hot water, hot pot): the owner sees the preset in Products and can switch it off.
    seasonPreset: 'winter',
    // The cylinder is the shop's; deposits run ¥100-300 by city: the low end, editable in Products.
    container: 'cylinder',
    depositFen: 10000,
  },
  {
    nameKey: 'oil_litre',
    nameEn: 'Cooking oil',
    name: '食用油',
    unit: 'litre',
    priceFen: 1800,
    // Chinese Dietary Guidelines 2022: cooking oil 25-30 g per adult per day (~0.03 L at 0.92 g/mL);
    // children 20-25 g.
    dailyUse: { adult: 0.03, child: 0.022, senior: 0.027 },
    leadDays: 5,
    seasonPreset: 'none',
    container: null,
    depositFen: 0,
  },
];
