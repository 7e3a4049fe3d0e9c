/**
 * What a customer can be found by, computed once on write so that search is an index lookup.
 *
 * - Long queries (3+ characters) go to an FTS5 trigram index over name, pinyin, initials, phones and
 *   address: any substring, e.g. "zsf", "5678", "幸福路".
 * - Short queries (1-2 characters, the usual case for Chinese names) cannot use trigrams, so every
 *   1- and 2-character piece of the name, and 1-2 letter prefixes of the pinyin, are stored as "grams"
 *   with a rank, and looked up in rank order.
 * Surnames with more than one reading (单 shan/dan, 曾 zeng/ceng, 解 xie/jie) are indexed under both
 * the surname reading and the ordinary one, so either spelling finds them.
 */
import { pinyin } from 'pinyin-pro';
import { nameGrams, normalizeName, PHONE_END, type SearchGram } from './searchText.ts';

export {
  indexedPhones,
  normalizeName,
  normalizeQuery,
  searchRank,
  sortKeyRanges,
  type NormalizedQuery,
  type SearchGram,
  type QueryKind,
} from './searchText.ts';

/** Bump when the keys change: every book's keys are rebuilt when it is next opened (3: sort keys by syllable; 4: letters kept as words). */
export const SEARCH_KEYS_VERSION = 5;

export interface SearchKeys {
  /** Full pinyin readings without spaces, surname reading first: ["shantianfang", "dantianfang"]. */
  pinyin: string[];
  /** Initials per reading: ["stf", "dtf"]. */
  initials: string[];
  /** Sorting key: the surname reading, so lists read in pinyin order as Chinese users expect. */
  sortKey: string;
  grams: SearchGram[];
}

const PLAIN = /^[a-z0-9]*$/;

function readings(name: string): string[][] {
  const asSurname = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });
  const ordinary = pinyin(name, { toneType: 'none', type: 'array' });
  const result = [asSurname];
  if (ordinary.join('') !== asSurname.join('')) result.push(ordinary);
  // ü is typed as v on every pinyin keyboard (吕 lv, 女 nv), so that is how it is indexed.
  // Most syllables are plain already: tested once instead of lowercased and replaced twice.
  return result.map((syllables) =>
    syllables.map((s) =>
      PLAIN.test(s)
        ? s
        : s
            .toLowerCase()
            .replace(/\u00fc/g, 'v')
            .replace(/[^a-z0-9]/g, ''),
    ),
  );
}

const HAN = /\p{Script=Han}/u;

/**
 * The list's sort key: a Chinese character's syllable stands apart (陈 "chen" before 程 "cheng", 杜 "du"
 * before 段 "duan"), while letters and digits stay words ("anna li", not "a n n a l i"). `syllables` is
 * pinyin-pro's array for the name: one entry per character.
 */
function sortKeyOf(name: string, syllables: readonly string[]): string {
  const chars = [...name];
  if (syllables.length !== chars.length) return syllables.filter(Boolean).join(' ');
  let key = '';
  chars.forEach((char, i) => {
    key += HAN.test(char) ? ` ${syllables[i]} ` : /\s/.test(char) ? ' ' : syllables[i];
  });
  return key.trim().replace(/\s+/g, ' ');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The keys follow from the name alone: phones and the address are searched through the FTS table as written. */
export function buildSearchKeys(rawName: string): SearchKeys {
  const name = normalizeName(rawName);
  const syllableSets = readings(rawName.trim());
  const fullPinyin = unique(syllableSets.map((s) => s.join('')).filter(Boolean));
  const initials = unique(syllableSets.map((s) => s.map((syl) => syl.charAt(0)).join('')).filter(Boolean));

  return {
    pinyin: fullPinyin,
    initials,
    // Run together, "chengguoyi" came before "chennaxin" and mixed the surnames in the A-Z list.
    sortKey: (syllableSets[0] && sortKeyOf(rawName.trim(), syllableSets[0])) || name,
    grams: nameGrams(name, [...initials, ...fullPinyin]),
  };
}

/** FTS5 needs the query as a quoted string so that user text is never read as query syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The index phrase for phones ending in `digits`. */
export function phoneEndingPhrase(digits: string): string {
  return ftsPhrase(digits + PHONE_END);
}

// Names whose keys depend most on the pinyin library (surnames read two ways, ü, polyphones, letters).
const PINYIN_PROBES = ['单田芳', '曾小贤', '解晓东', '吕布', '女娲', '重庆', '长江', '行长', '朴树', '欧阳娜娜', 'Anna Li', '3号楼王五'];

/**
 * The stamp stored with a book's search keys: the rules' version and what the pinyin library says for a
 * few telling names. A library update that reads a name differently then rebuilds every book's keys at
 * the next start, as a change of the rules does; otherwise an edit would delete the grams of the new
 * reading and leave those of the old one finding the customer.
 */
export function searchKeysStamp(): string {
  const text = JSON.stringify(PINYIN_PROBES.map((name) => buildSearchKeys(name)));
  // FNV-1a: a short, stable digest of that text
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${SEARCH_KEYS_VERSION}:${hash.toString(16).padStart(8, '0')}`;
}
