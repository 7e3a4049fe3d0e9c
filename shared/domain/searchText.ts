/**
 * The search's rules that need no pinyin library: how a query is read, how matches rank, how phones and
 * grams are written into the index. The backend's indexes (searchKeys.ts, customerSearch.ts) and the
 * renderer's own search of a small book (searchMatch.ts) both follow them; the renderer must never load
 * pinyin-pro (a large dictionary), so nothing here imports it.
 */
import { phoneDigits } from './phone.ts';

/** Lower is better. Shared by both index paths so results rank the same way. */
export const searchRank = {
  nameExact: 0,
  namePrefix: 1,
  pinyinPrefix: 2,
  nameContains: 3,
  phoneContains: 4,
  otherContains: 5,
} as const;

export type QueryKind = 'empty' | 'digits' | 'latin' | 'text';

export interface NormalizedQuery {
  text: string;
  kind: QueryKind;
  /** Length in characters (code points): decides which index answers it. */
  length: number;
}

export function normalizeQuery(raw: string): NormalizedQuery {
  // A Chinese IME in full-width mode types ＺＳＦ, １３８－１２３４, （０７５５）: read them as ASCII.
  const ascii = raw.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const trimmed = ascii.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { text: '', kind: 'empty', length: 0 };
  const halfWidth = trimmed;
  if (/^[\d\s\-+()]+$/.test(halfWidth) && /\d/.test(halfWidth)) {
    // Same normalisation as stored phones, so "+86 138..." finds 138...
    const digits = phoneDigits(halfWidth);
    return { text: digits, kind: 'digits', length: digits.length };
  }
  const lower = halfWidth.toLowerCase();
  if (/^[a-z\s]+$/.test(lower)) {
    const latin = lower.replace(/\s/g, '');
    return { text: latin, kind: 'latin', length: latin.length };
  }
  return { text: lower, kind: 'text', length: [...lower].length };
}

/**
 * After each phone in the search index: the phrase digits + PHONE_END then matches only phones that end
 * in those digits, which the index finds by itself (since version 5). Ranking "ends in" by looking up each
 * match's phones cost 4 of 9 ms for three digits at 100k customers.
 */
export const PHONE_END = '$';

/** A household's phones as the search index holds them. */
export function indexedPhones(phones: readonly string[]): string {
  return phones.map((phone) => phone + PHONE_END).join(' ');
}

/**
 * Where in the list order the customers whose sort key, spaces removed, starts with `q` can be: a key
 * starting with `q`, or one whose first word is a shorter start of `q` followed by a space ("zhang san"
 * for "zhangs"). Half-open [from, to) ranges, ascending and disjoint, so walking them in turn gives list order.
 */
export function sortKeyRanges(q: string): [from: string, to: string][] {
  const ranges: [string, string][] = [];
  for (let k = 1; k < q.length; k++) ranges.push([`${q.slice(0, k)} `, `${q.slice(0, k)}!`]);
  ranges.push([q, q.slice(0, -1) + String.fromCharCode(q.charCodeAt(q.length - 1) + 1)]);
  return ranges;
}

export interface SearchGram {
  gram: string;
  rank: number;
}

export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Offers each gram of a name (customer_grams, the index of 1-2 character queries) with a rank: each
 * character of the normalized name and each pair, ranked by where it stands, then the first one and two
 * letters of each reading (`latin`: its initials, then its full pinyin). A gram may be offered more than
 * once: the index keeps its best rank (nameGrams).
 */
export function forEachNameGram(name: string, latin: readonly string[], offer: (gram: string, rank: number) => void): void {
  const rankAt = (gram: string, i: number) => (gram === name ? searchRank.nameExact : i === 0 ? searchRank.namePrefix : searchRank.nameContains);
  // Each character, then it and the next one; no arrays made per piece (an import keys 100k names).
  const chars = [...name];
  for (let i = 0; i < chars.length; i++) {
    const one = chars[i]!;
    if (one.trim().length >= 1) offer(one, rankAt(one, i));
    if (i + 1 >= chars.length) continue;
    const two = one + chars[i + 1]!;
    if (two.trim().length >= 2) offer(two, rankAt(two, i));
  }
  for (const reading of latin) {
    offer(reading.slice(0, 1), searchRank.pinyinPrefix);
    if (reading.length >= 2) offer(reading.slice(0, 2), searchRank.pinyinPrefix);
  }
}

/** A name's grams, each once at its best rank, in the order first offered (the stored keys' order). */
export function nameGrams(name: string, latin: readonly string[]): SearchGram[] {
  const best = new Map<string, number>();
  forEachNameGram(name, latin, (gram, rank) => {
    const current = best.get(gram);
    if (current === undefined || rank < current) best.set(gram, rank);
  });
  return [...best].map(([gram, rank]) => ({ gram, rank }));
}

/**
 * Each gram as its rank (one digit), its length in UTF-16 units (one digit: a gram is one or two
 * characters) and itself: no separator, so a name may hold any character.
 */
export function packGrams(grams: readonly SearchGram[]): string {
  let packed = '';
  for (const { gram, rank } of grams) packed += `${rank}${gram.length}${gram}`;
  return packed;
}

/** Calls `visit` with each gram of packGrams' output, in order. */
export function forEachPackedGram(packed: string, visit: (gram: string, rank: number) => void): void {
  for (let at = 0; at < packed.length;) {
    const rank = packed.charCodeAt(at) - 48;
    const length = packed.charCodeAt(at + 1) - 48;
    visit(packed.slice(at + 2, at + 2 + length), rank);
    at += 2 + length;
  }
}

export function unpackGrams(packed: string): SearchGram[] {
  const grams: SearchGram[] = [];
  forEachPackedGram(packed, (gram, rank) => grams.push({ gram, rank }));
  return grams;
}
