/**
 * Finding a product at the counter by what the shopkeeper types: its code (the product's number), the
 * pinyin initials of its name ("dm" 大米, "tzs" 桶装水), the full pinyin, or part of the name. A shop has
 * a few dozen products: the keys are computed when the catalog is loaded and matched in memory.
 */
import { pinyin } from 'pinyin-pro';

export interface ProductKeys {
  code: string;
  name: string;
  initials: string;
  pinyin: string;
}

export function productKeys(product: { id: number; name: string }): ProductKeys {
  // Only Chinese characters have readings; letters and digits in a name ("18.9L") are kept as typed.
  const syllables = pinyin(product.name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9.]/g, ''))
    .filter(Boolean);
  return {
    code: String(product.id),
    name: product.name.toLowerCase(),
    initials: syllables.map((s) => s[0] ?? '').join(''),
    pinyin: syllables.join(''),
  };
}

/** How well `keys` match `query`, lower is better; null when they do not. */
export function productMatchRank(keys: ProductKeys, query: string): number | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return null;
  if (keys.code === q) return 0;
  if (keys.name === q) return 1;
  if (keys.initials.startsWith(q)) return 2;
  if (keys.name.startsWith(q)) return 3;
  if (keys.pinyin.startsWith(q)) return 4;
  if (keys.name.includes(q)) return 5;
  if (keys.initials.includes(q) || keys.pinyin.includes(q)) return 6;
  return null;
}

/** The products matching `query`, best first (ties in catalog order). */
export function matchProducts<T extends { id: number; name: string }>(items: { product: T; keys: ProductKeys }[], query: string): T[] {
  return items
    .map((item, index) => ({ item, index, rank: productMatchRank(item.keys, query) }))
    .filter((m): m is typeof m & { rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.item.product);
}
