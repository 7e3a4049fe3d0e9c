import type { StateCreator } from 'zustand';
import { LIMITS, type ApiClient, type CallList, type Contact, type ReminderRow, type Sale, type UndoneContact } from '../../../shared/contract.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { ApiError } from '../api/client.ts';
import { whenBookChanged } from './bookChanges.ts';
import type { AppState, Dialog, ListUndo, ReminderActionInput, SaleUndo } from './types.ts';

/** One row of the call list is one household and one product. */
export function reminderKey(row: Pick<ReminderRow, 'customerId' | 'productId'>): string {
  return `${row.customerId}:${row.productId}`;
}

/** "Order placed" on a row (O, or F4 on the Today screen): the sale dialog for its product, as much as last time. */
export function orderPlaced(row: ReminderRow): NonNullable<Dialog> {
  return { kind: 'recordSale', customerId: row.customerId, productId: row.productId, customerName: row.name, quantity: row.lastQuantity, fromCallList: true };
}

/** The due rows on screen: the day's work, or every loaded one after "Show all". */
export function visibleDue(list: CallList, more: boolean): ReminderRow[] {
  return more ? list.due : list.due.slice(0, list.dueShown);
}

/**
 * The rows in the order the keyboard walks them: the due ones on screen first, then the next days.
 * Without `more`, every loaded row (to find the selected one wherever it is).
 */
export function callRows(list: CallList | null, more = true): ReminderRow[] {
  return list ? [...visibleDue(list, more), ...list.upcoming] : [];
}

function sameRow(a: ReminderRow, b: ReminderRow): boolean {
  for (const key of Object.keys(a) as (keyof ReminderRow)[]) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The new list with every row that did not change replaced by the object already shown (and a part
 * whose rows all stayed, by the array already shown): memoised rows and cells then skip drawing them.
 */
export function shareRows(previous: CallList | null, next: CallList): CallList {
  if (!previous) return next;
  const known = new Map<string, ReminderRow>();
  for (const row of [...previous.due, ...previous.upcoming]) known.set(reminderKey(row), row);
  const share = (rows: ReminderRow[], before: ReminderRow[]) => {
    const shared = rows.map((row) => {
      const old = known.get(reminderKey(row));
      return old && sameRow(old, row) ? old : row;
    });
    return shared.length === before.length && shared.every((row, i) => row === before[i]) ? before : shared;
  };
  const sameDone = next.done.length === previous.done.length && next.done.every((d, i) => d.contactId === previous.done[i]!.contactId);
  return {
    ...next,
    due: share(next.due, previous.due),
    upcoming: share(next.upcoming, previous.upcoming),
    done: sameDone ? previous.done : next.done,
    areas: next.areas.join('\n') === previous.areas.join('\n') ? previous.areas : next.areas,
  };
}

/** How many days ahead the Today screen looks. */
export const CALL_LIST_DAYS = 7;

/**
 * Rows the Today screen loads in each section (the totals count them all; the day's work, the shop's
 * daily calls, is the first of them). Drawn virtualised: only the rows on screen are in the page.
 */
export const CALL_LIST_ROWS = 200;

/**
 * After an action the acted-on row may leave the list or stay (e.g. "deliver today"): either way the
 * selection goes to the next row that is still there, so the shopkeeper can keep going down the list.
 */
function nextSelection(before: ReminderRow[], after: ReminderRow[], actedKey: string): string | null {
  const remaining = new Set(after.map(reminderKey));
  const index = before.findIndex((r) => reminderKey(r) === actedKey);
  for (const row of before.slice(index + 1)) if (remaining.has(reminderKey(row))) return reminderKey(row);
  for (const row of before.slice(0, Math.max(0, index)).reverse()) if (remaining.has(reminderKey(row))) return reminderKey(row);
  return after[0] ? reminderKey(after[0]) : null;
}

/** Errors after which an entry can never be undone from here: it leaves the Ctrl+Z stack with them. */
const NEVER_UNDOABLE: ReadonlySet<ErrorCode> = new Set(['UNDO_SUPERSEDED', 'ALREADY_VOIDED', 'NOT_FOUND']);

export interface CallListSlice {
  callList: CallList | null;
  /** Only this area/route ('' = every area). */
  callArea: string;
  /** reminderKey of the selected row on the Today screen. */
  callSelectedKey: string | null;
  /** "Show all": every loaded due row, not only the day's work. */
  callMore: boolean;
  setCallMore(more: boolean): void;
  /** What was done from the Today screen, newest last: Ctrl+Z undoes the last one. */
  undoStack: ListUndo[];
  /** Puts a sale recorded from the list ("order placed") on the Ctrl+Z stack. */
  pushSaleUndo(entry: SaleUndo): void;
  /**
   * Voids a sale just recorded (its message's Undo, or Ctrl+Z on the list) and takes it off the stack once
   * voided, or when it never can be; a passing failure leaves it there for another try.
   */
  undoSale(saleId: number, reason: string): Promise<Sale>;
  loadCallList(): Promise<void>;
  /**
   * Reads the next page of the due list (as the list scrolls towards the end of what was read), unless
   * one is being read or there is no more.
   */
  loadMoreDue(): Promise<void>;
  /** Coming back to Today: loads the list only when the book changed since it was loaded. */
  refreshCallList(): Promise<void>;
  /** The lapsed households of the area shown (the list only counts them). */
  loadLapsed(): Promise<ReminderRow[]>;
  setCallArea(area: string): Promise<void>;
  selectCallRow(key: string | null): void;
  moveCallSelection(delta: number): void;
  /** Logs the action, refreshes the list and moves the selection on; returns the logged contact. */
  actOnReminder(action: ReminderActionInput, name: string): Promise<Contact>;
  /**
   * Undoes the given contact, or the newest entry of the stack when it is a contact; null when there was
   * nothing to undo. (A sale on top is voided by useCallListActions, which words its message.)
   */
  undoReminderAction(contactId?: number): Promise<{ contact: UndoneContact; name: string } | null>;
}

export const createCallListSlice =
  (api: ApiClient): StateCreator<AppState, [], [], CallListSlice> =>
  (set, get) => {
    let sequence = 0;
    /** The page of the due list being read, if one is: one at a time, and dropped when the list is read again. */
    let readingMore: Promise<void> | null = null;
    async function fetchList(): Promise<CallList | null> {
      const mine = ++sequence;
      // A page on its way belongs to the list read before: the next scroll asks for the new list's.
      readingMore = null;
      const area = get().callArea;
      // A refresh reads again as many due rows as the screen had (pages read while scrolling), so that the
      // selection and the scroll stay where they were, deep in a long list too.
      const read = get().callList?.due.length ?? 0;
      const dueLimit = Math.min(LIMITS.listRows, Math.max(CALL_LIST_ROWS, read));
      const list = await api['callList.list']({ days: CALL_LIST_DAYS, limit: CALL_LIST_ROWS, dueLimit, ...(area ? { area } : {}) });
      return mine === sequence ? list : null;
    }
    /**
     * The selected row stays selected; when it left the list (a sale recorded from it, an action in another
     * window), the row after it is selected, as after an action here, not the top of the list.
     */
    function keepSelection(fetched: CallList) {
      const list = shareRows(get().callList, fetched);
      const before = callRows(get().callList, get().callMore);
      const rows = callRows(list, get().callMore);
      const current = get().callSelectedKey;
      const still = current !== null && rows.some((r) => reminderKey(r) === current);
      const fallback = rows[0] ? reminderKey(rows[0]) : null;
      set({ callList: list, callSelectedKey: still ? current : current !== null ? nextSelection(before, rows, current) : fallback });
    }
    /**
     * Undoes one entry of the Ctrl+Z stack by `attempt`, and takes the entries that `isEntry` matches off
     * the stack once done, or when it never can be (superseded from another window, voided there, gone):
     * the next Ctrl+Z then goes on to the one before instead of repeating the same error. A passing
     * failure leaves it there for another try.
     */
    async function undoEntry<T>(isEntry: (entry: ListUndo) => boolean, attempt: () => Promise<T>): Promise<T> {
      const forget = () => set((s) => ({ undoStack: s.undoStack.filter((entry) => !isEntry(entry)) }));
      try {
        const done = await attempt();
        forget();
        return done;
      } catch (error) {
        if (error instanceof ApiError && NEVER_UNDOABLE.has(error.info.code)) forget();
        throw error;
      }
    }
    async function afterUndoOrAct(contactCustomerId: number) {
      if (get().selectedId === contactCustomerId) await get().loadInsights(contactCustomerId);
    }

    return {
      callList: null,
      async loadLapsed() {
        const area = get().callArea;
        return api['callList.lapsed']({ limit: CALL_LIST_ROWS, ...(area ? { area } : {}) });
      },
      callArea: '',
      callSelectedKey: null,
      callMore: false,
      setCallMore(more) {
        const { callList, callSelectedKey } = get();
        // Back to the day's work: a selection among the rows now hidden goes to the first row.
        const still = callRows(callList, more).some((r) => reminderKey(r) === callSelectedKey);
        const first = callRows(callList, more)[0];
        set({ callMore: more, callSelectedKey: still ? callSelectedKey : first ? reminderKey(first) : null });
      },
      undoStack: [],
      async loadCallList() {
        const list = await fetchList();
        if (list) keepSelection(list);
      },
      loadMoreDue() {
        const list = get().callList;
        if (readingMore || !list?.dueNext) return readingMore ?? Promise.resolve();
        const mine = sequence;
        const area = get().callArea;
        const reading = api['callList.due']({ after: list.dueNext, limit: CALL_LIST_ROWS, ...(area ? { area } : {}) })
          .then((page) => {
            const current = get().callList;
            // The list was read again meanwhile (a change, another area): this page belonged to the old one.
            if (mine !== sequence || !current) return;
            const known = new Set(current.due.map(reminderKey));
            const rows = page.rows.filter((row) => !known.has(reminderKey(row)));
            set({ callList: { ...current, due: [...current.due, ...rows], dueNext: page.next } });
          })
          .finally(() => {
            if (readingMore === reading) readingMore = null;
          });
        readingMore = reading;
        return reading;
      },
      refreshCallList: whenBookChanged(api, () => get().loadCallList()),
      async setCallArea(area) {
        // Another round is another list: it starts at its top, not after the row selected in the last one.
        set({ callArea: area, callSelectedKey: null, callMore: false });
        await get().loadCallList();
      },
      selectCallRow(key) {
        set({ callSelectedKey: key });
      },
      moveCallSelection(delta) {
        const rows = callRows(get().callList, get().callMore);
        if (rows.length === 0) return;
        const index = rows.findIndex((r) => reminderKey(r) === get().callSelectedKey);
        const next = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + delta));
        set({ callSelectedKey: reminderKey(rows[next]!) });
      },
      async actOnReminder(action, name) {
        const before = callRows(get().callList, get().callMore);
        const contact = await api['callList.act']({ note: '', ...action });
        set((s) => ({ undoStack: [...s.undoStack, { kind: 'contact' as const, contactId: contact.id, name }].slice(-50) }));
        const list = await fetchList();
        const acted = reminderKey(action);
        // A row of the main list hands the selection to the next one; a lapsed row leaves it where it is.
        if (list && before.some((r) => reminderKey(r) === acted)) {
          const shared = shareRows(get().callList, list);
          set({ callList: shared, callSelectedKey: nextSelection(before, callRows(shared, get().callMore), acted) });
        } else if (list) keepSelection(list);
        await afterUndoOrAct(contact.customerId);
        return contact;
      },
      pushSaleUndo(entry) {
        set((s) => ({ undoStack: [...s.undoStack, entry].slice(-50) }));
      },
      undoSale(saleId, reason) {
        return undoEntry(
          (entry) => entry.kind === 'sale' && entry.saleId === saleId,
          () => get().voidSale(saleId, reason),
        );
      },
      async undoReminderAction(contactId) {
        const stack = get().undoStack;
        const top = stack[stack.length - 1];
        const target = contactId ?? (top?.kind === 'contact' ? top.contactId : undefined);
        if (target === undefined) return null;
        const isTarget = (entry: ListUndo) => entry.kind === 'contact' && entry.contactId === target;
        const name = stack.find(isTarget)?.name ?? '';
        const contact = await undoEntry(isTarget, () => api['callList.undo']({ contactId: target }));
        const list = await fetchList();
        if (list) {
          // The undone row is back: select it again.
          const key = contact.productId !== null ? reminderKey({ customerId: contact.customerId, productId: contact.productId }) : null;
          const present = key !== null && callRows(list, get().callMore).some((r) => reminderKey(r) === key);
          if (present) set({ callList: shareRows(get().callList, list), callSelectedKey: key });
          else keepSelection(list);
        }
        await afterUndoOrAct(contact.customerId);
        return { contact, name };
      },
    };
  };
