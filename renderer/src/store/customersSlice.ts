import type { StateCreator } from 'zustand';
import type { ApiClient, Contact, Customer, CustomerDraftInput, CustomerSummary, ForecastRow } from '../../../shared/contract.ts';
import { matchSearch, prepareSearch, type PreparedSearch } from '../../../shared/domain/searchMatch.ts';
import { whenBookChanged } from './bookChanges.ts';
import type { AppState } from './types.ts';

export interface CustomersSlice {
  /** The query the results shown answer. What is being typed is the search box's own until it is searched. */
  query: string;
  includeArchived: boolean;
  results: CustomerSummary[];
  more: boolean;
  /** No household at all, archived or not: the book says how to start instead of "nothing found". */
  bookEmpty: boolean;
  selectedId: number | null;
  selected: Customer | null;
  /** Searches; the answer (results and `query` together) is shown unless a later search was sent meanwhile. */
  setQuery(query: string): Promise<void>;
  setIncludeArchived(include: boolean): Promise<void>;
  /**
   * Households as the book's search finds them, for a picker (the slip's, the journal's, the register's):
   * `now` from a small book's copy, at once (null when none is held or it cannot answer), and the
   * backend's `answer`, which is the one to keep.
   */
  findHouseholds(query: string, limit: number): { now: CustomerSummary[] | null; answer: Promise<CustomerSummary[]> };
  /**
   * The customer book or a picker is about to be used: a small book's copy for searching is made now if
   * it was not yet (not at start, where it would keep Today's first rows waiting behind it).
   */
  wantSearchCopy(): void;
  /** The last search again, and the book's copy for searching read again if one is kept (the book changed). */
  refreshResults(): Promise<void>;
  /** Coming back to the book: the last search again only when the book changed since. */
  refreshBook(): Promise<void>;
  select(id: number | null): Promise<void>;
  moveSelection(delta: number): void;
  saveCustomer(id: number | null, draft: CustomerDraftInput, allowDuplicatePhone: boolean): Promise<Customer>;
  archiveCustomer(id: number): Promise<Customer>;
  restoreCustomer(id: number): Promise<Customer>;
}

/** What the household's record shows beside its purchases: forecasts, contact history (and its ledger). */
export interface CustomerInsightsSlice {
  forecasts: ForecastRow[];
  contacts: Contact[];
  loadInsights(customerId: number): Promise<void>;
}

const SUMMARY_FIELDS = ['id', 'name', 'phone', 'area', 'address', 'people', 'archived'] as const;

/** Two answers' rows for one household show the same (every answer brings new objects). */
export function sameSummary(a: CustomerSummary, b: CustomerSummary): boolean {
  return a === b || SUMMARY_FIELDS.every((field) => a[field] === b[field]);
}

function sameSummaries(a: readonly CustomerSummary[], b: readonly CustomerSummary[]): boolean {
  return a.length === b.length && a.every((row, i) => sameSummary(row, b[i]!));
}

export const createCustomersSlice =
  (api: ApiClient): StateCreator<AppState, [], [], CustomersSlice> =>
  (set, get) => {
    // Answers can arrive out of order while someone types; only the latest query's answer is shown.
    let searchSequence = 0;
    /** The query last sent, answered or not: a refresh searches it again. */
    let requested = '';
    /**
     * A small book's own copy (customers.searchIndex), searched here so a keystroke's answer is drawn
     * with the keystroke (shared/domain/searchMatch.ts). The backend is still asked every time and its
     * answer wins: a copy made stale by another window or the phone is shown right a moment later, and
     * read again. Null for a book too big to hold, or until the first copy arrives.
     */
    let copy: PreparedSearch | null = null;
    let copySequence = 0;

    /** Never fails: the copy only makes answers sooner, and a save must not seem to fail for want of one. */
    async function loadCopy() {
      const sequence = ++copySequence;
      try {
        const { entries } = await api['customers.searchIndex']({});
        if (sequence === copySequence) copy = entries ? prepareSearch(entries) : null;
      } catch {
        // The backend restarting, say: the copy held stays, and the next answer that differs asks again.
      }
    }

    /** The copy made again only when the book changed since it was made; calls meanwhile share one. */
    const copyWhenChanged = whenBookChanged(api, loadCopy);
    const refreshCopy = () => copyWhenChanged().catch(() => undefined);
    /**
     * The copy is made at the first use of the search, not at start: its keys are pinyin worked out for
     * every name (~0.25 s of the backend's time at 5,000 households when it has just started), and the
     * first screen's calls would wait behind it.
     */
    let copyWanted = false;
    function wantCopy() {
      if (copyWanted) return;
      copyWanted = true;
      void refreshCopy();
    }

    /** `fromCopy`: false when the copy may be behind the book and a new one is on its way (a refresh). */
    async function search(query = requested, fromCopy = true) {
      requested = query;
      const sequence = ++searchSequence;
      const { includeArchived } = get();
      if (fromCopy) wantCopy();
      const held = fromCopy ? copy : null;
      const local = held ? matchSearch(held, query, includeArchived) : null;
      if (held && local) set({ query, results: local.items, more: local.more, bookEmpty: query === '' && held.total === 0 });
      const { items, more } = await api['customers.search']({ query, includeArchived });
      // Only an empty answer to no query can mean an empty book; archived households still count as a book.
      const bookEmpty =
        query === '' &&
        items.length === 0 &&
        (includeArchived || (await api['customers.search']({ query, includeArchived: true, limit: 1 })).items.length === 0);
      if (sequence !== searchSequence) return;
      if (local && more === local.more && sameSummaries(items, local.items) && bookEmpty === get().bookEmpty) return;
      set({ query, results: items, more, bookEmpty });
      if (local) void loadCopy();
    }
    // The book changed: its answer comes from the backend while the copy is made again beside it, so a
    // household just renamed never shows its old name for a frame.
    const refreshResults = async () => {
      await Promise.all([copyWanted ? refreshCopy() : undefined, search(requested, false)]);
    };

    // A household edit re-forecasts at once: the call list follows when it is loaded.
    async function refreshCallList() {
      if (get().callList) await get().loadCallList();
    }

    return {
      query: '',
      includeArchived: false,
      results: [],
      more: false,
      bookEmpty: false,
      selectedId: null,
      selected: null,
      setQuery: search,
      wantSearchCopy: wantCopy,
      findHouseholds(query, limit) {
        wantCopy();
        const now = copy ? (matchSearch(copy, query, false, limit)?.items ?? null) : null;
        const answer = api['customers.search']({ query, limit }).then(({ items }) => {
          // A copy behind the book (another window, the phone) is made again, as the book's own search does.
          if (now && !sameSummaries(items, now)) void loadCopy();
          return items;
        });
        return { now, answer };
      },
      async setIncludeArchived(includeArchived) {
        set({ includeArchived });
        await search();
      },
      refreshResults,
      refreshBook: whenBookChanged(api, refreshResults),
      async select(id) {
        if (id === null) {
          set({ selectedId: null, selected: null, sales: [], forecasts: [], contacts: [] });
          return;
        }
        if (get().selectedId !== id) set({ selectedId: id, forecasts: [], contacts: [] });
        const [customer] = await Promise.all([api['customers.get']({ id }), get().loadSales(id), get().loadInsights(id)]);
        if (get().selectedId === id) set({ selected: customer });
      },
      moveSelection(delta) {
        const { results, selectedId } = get();
        if (results.length === 0) return;
        const index = results.findIndex((c) => c.id === selectedId);
        const next = index < 0 ? 0 : Math.min(results.length - 1, Math.max(0, index + delta));
        void get().select(results[next]!.id);
      },
      async saveCustomer(id, draft, allowDuplicatePhone) {
        const customer =
          id === null ? await api['customers.create']({ draft, allowDuplicatePhone }) : await api['customers.update']({ id, draft, allowDuplicatePhone });
        await Promise.all([refreshResults(), refreshCallList()]);
        // A new household must be in the list beside its record: a search that hides it gives way to its name.
        if (id === null && !get().results.some((c) => c.id === customer.id)) await search(customer.name);
        await get().select(customer.id);
        return customer;
      },
      async archiveCustomer(id) {
        const customer = await api['customers.archive']({ id });
        await Promise.all([refreshResults(), refreshCallList()]);
        if (get().selectedId === id) set({ selected: customer });
        return customer;
      },
      async restoreCustomer(id) {
        const customer = await api['customers.restore']({ id });
        await Promise.all([refreshResults(), refreshCallList()]);
        if (get().selectedId === id) set({ selected: customer });
        return customer;
      },
    };
  };

export const createCustomerInsightsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], CustomerInsightsSlice> =>
  (set, get) => ({
    forecasts: [],
    contacts: [],
    async loadInsights(customerId) {
      const [forecasts, contacts] = await Promise.all([
        api['forecasts.forCustomer']({ customerId }),
        api['customers.contacts']({ customerId, limit: 20 }),
        get().loadLedger(customerId),
      ]);
      if (get().selectedId === customerId) set({ forecasts, contacts });
    },
  });
