/**
 * The customer search answered in memory, for a book small enough to hold (`LOCAL_SEARCH_MAX`): the
 * same rows in the same order as the backend's indexes give (services/customers/customerSearch.ts), so
 * the search box can show a keystroke's answer in the frame that shows the keystroke. In the browser
 * shell an answer from the backend, however quick, came a frame or two later: Chromium hands a socket
 * message to the page only after the frame the keystroke asked for (demo shop: 37-41 ms p95 from
 * keystroke to results painted, against 33).
 *
 * Each rule below says which SQL it mirrors; test/backend/customers.searchMatch.test.ts asks both for
 * thousands of queries on generated books and requires the same answer. A query this cannot answer the
 * same way (a cased letter outside ASCII, whose folding SQLite and JavaScript may do differently; LIKE's
 * wildcards) answers null, and the backend is asked.
 */
import { SEARCH_LIMIT, type CustomerSearchEntry, type CustomerSummary } from '../contract.ts';
import { forEachNameGram, normalizeName, normalizeQuery, sortKeyRanges } from './searchText.ts';
import { withoutControlChars } from './text.ts';

/** Above this many households the renderer keeps no copy, and every search goes to the backend. */
export const LOCAL_SEARCH_MAX = 5000;

/**
 * SQLite compares TEXT by its UTF-8 bytes, which is code point order; JavaScript's < compares UTF-16
 * units, which differs once a string holds a character past U+FFFF. Sort keys are nearly always ASCII.
 */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** SQLite's lower() and LIKE fold ASCII letters only. Most text has none to fold: it is kept as it is. */
const asciiLower = (text: string) => (/[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : text);

/** A cased letter outside ASCII: FTS5's trigram folding and JavaScript's may not agree on it. */
function hasNonAsciiCase(text: string): boolean {
  for (const char of text) if (char.charCodeAt(0) > 0x7f && char.toLowerCase() !== char.toUpperCase()) return true;
  return false;
}

/**
 * An entry with its searched text folded once, as SQLite reads it (lower(), LIKE and the trigram index
 * fold ASCII letters): a keystroke then compares strings, it does not make them.
 */
interface Row {
  entry: CustomerSearchEntry;
  name: string;
  /** The FTS column `address`: the address and the area. */
  place: string;
  pinyin: string;
  initials: string;
  /** The sort key without its spaces, for `replace(c.sort_key, ' ', '') LIKE :q || '%'`. */
  joined: string;
}

/** The entries, ordered and indexed for matching: built once per copy of the book (prepareSearch). */
export interface PreparedSearch {
  /** Every entry in list order (sort key, then id), as `ORDER BY c.sort_key, c.id`. */
  inOrder: readonly Row[];
  /** customer_grams: per gram, its holders in (rank, sort key, id) order. */
  byGram: ReadonlyMap<string, readonly { entry: CustomerSearchEntry; rank: number }[]>;
  /** Households in the book, archived or not. */
  total: number;
}

export function prepareSearch(entries: readonly CustomerSearchEntry[]): PreparedSearch {
  const rows = entries.map((entry): Row => ({
    entry,
    name: asciiLower(entry.name),
    place: asciiLower(entry.address && entry.area ? `${entry.address} ${entry.area}` : entry.address || entry.area),
    pinyin: asciiLower(entry.pinyin),
    initials: asciiLower(entry.initials),
    joined: asciiLower(entry.sortKey.replaceAll(' ', '')),
  }));
  // Without a character past U+FFFF in any sort key, JavaScript's order is SQLite's: the plain comparison.
  const plain = !entries.some((e) => SURROGATE.test(e.sortKey));
  const inOrder = rows.sort((a, b) => {
    const x = a.entry.sortKey;
    const y = b.entry.sortKey;
    return (plain ? (x < y ? -1 : x > y ? 1 : 0) : compareText(x, y)) || a.entry.id - b.entry.id;
  });
  const byGram = new Map<string, { entry: CustomerSearchEntry; rank: number }[]>();
  for (const { entry } of inOrder) {
    const readings = `${entry.initials} ${entry.pinyin}`.split(' ').filter(Boolean);
    // The grams of one name at a time: a gram offered twice by it is its last holder, kept at the better rank.
    forEachNameGram(normalizeName(entry.name), readings, (gram, rank) => {
      let holders = byGram.get(gram);
      if (!holders) byGram.set(gram, (holders = []));
      const last = holders.at(-1);
      if (last?.entry === entry) last.rank = Math.min(last.rank, rank);
      else holders.push({ entry, rank });
    });
  }
  // Filled in list order, so a stable sort by rank gives (rank, sort key, id).
  for (const holders of byGram.values()) holders.sort((a, b) => a.rank - b.rank);
  return { inOrder, byGram, total: entries.length };
}

/** One stage of a long query: which entries it matches, and the rank it orders them by before list order. */
interface Stage {
  matches(row: Row): boolean;
  rank?(row: Row): number;
}

/** sortKeyRanges' ranges hold exactly the keys whose joined form can start with `q`: checked on those few. */
const pinyinPrefix = (q: string) => {
  const ranges = sortKeyRanges(q);
  return (row: Row) =>
    row.joined.startsWith(q) && ranges.some(([from, to]) => compareText(row.entry.sortKey, from) >= 0 && compareText(row.entry.sortKey, to) < 0);
};

function stagesFor(kind: 'text' | 'latin' | 'digits', q: string): Stage[] {
  // `CASE WHEN lower(c.name) = :q THEN 0 WHEN lower(c.name) LIKE :q || '%' THEN 1 ELSE 2 END`
  const byName: Stage = { matches: (r) => r.name.includes(q), rank: (r) => (r.name === q ? 0 : r.name.startsWith(q) ? 1 : 2) };
  const byAddress: Stage = { matches: (r) => r.place.includes(q) };
  if (kind === 'text') return [byName, { matches: (r) => r.entry.area === q }, byAddress];
  if (kind === 'latin') {
    const prefix = pinyinPrefix(q);
    return [{ matches: prefix }, { matches: (r) => (r.pinyin.includes(q) || r.initials.includes(q)) && !prefix(r) }, byName, byAddress];
  }
  const ending = `${q}$`;
  return [{ matches: (r) => r.entry.phones.includes(ending) }, { matches: (r) => r.entry.phones.includes(q) }, byAddress];
}

function summaryOf(entry: CustomerSearchEntry): CustomerSummary {
  const { id, name, phone, area, address, people, archived } = entry;
  return { id, name, phone, area, address, people, archived };
}

/**
 * customers.search's answer from the prepared copy, or null when only the backend can give it the same.
 * `query` is as typed: the contract's own clean-up is applied here too.
 */
export function matchSearch(
  prepared: PreparedSearch,
  query: string,
  includeArchived: boolean,
  limit = SEARCH_LIMIT,
): { items: CustomerSummary[]; more: boolean } | null {
  const q = normalizeQuery(withoutControlChars(query));
  if (hasNonAsciiCase(q.text) || (q.kind === 'text' && /[%_]/.test(q.text))) return null;
  const wanted = limit + 1;
  const kept = (entry: CustomerSearchEntry) => includeArchived || !entry.archived;
  let rows: CustomerSearchEntry[] = [];
  if (q.kind === 'empty') {
    for (const { entry } of prepared.inOrder) {
      if (rows.length >= wanted) break;
      if (kept(entry)) rows.push(entry);
    }
  } else if (q.length < 3) {
    for (const { entry } of prepared.byGram.get(q.text) ?? []) {
      if (rows.length >= wanted) break;
      if (kept(entry)) rows.push(entry);
    }
  } else {
    // Stage by stage, each its own best `wanted` rows, until `wanted` households are found (longQuery).
    const found = new Map<number, CustomerSearchEntry>();
    for (const stage of stagesFor(q.kind, q.text)) {
      if (found.size >= wanted) break;
      const matched = prepared.inOrder.filter((row) => kept(row.entry) && stage.matches(row));
      const ranked = stage.rank
        ? matched
            .map((row) => ({ row, r: stage.rank!(row) }))
            .sort((a, b) => a.r - b.r)
            .map(({ row }) => row)
        : matched;
      for (const { entry } of ranked.slice(0, wanted)) {
        if (found.size >= wanted) break;
        if (!found.has(entry.id)) found.set(entry.id, entry);
      }
    }
    rows = [...found.values()];
  }
  return { items: rows.slice(0, limit).map(summaryOf), more: rows.length > limit };
}
