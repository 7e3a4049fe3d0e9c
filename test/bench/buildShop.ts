/**
 * Builds the bench's big shop into its cache, alone in its process (ensureBigShopApart): the process
 * that measures then opens it from the cache with a clean heap.
 */
import { ensureBigShop, type BigShopOptions } from './bigShop.ts';

const options = JSON.parse(process.env.BIG_SHOP_OPTIONS ?? '') as Omit<BigShopOptions, 'log'>;
ensureBigShop({ ...options, log: (message) => console.log(`[bench] ${message}`) });
