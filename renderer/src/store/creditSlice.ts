import type { StateCreator } from 'zustand';
import type { ApiClient, CallOutput, CollectionActionInput, Contact, Ledger, Payment } from '../../../shared/contract.ts';
import { whenBookChanged } from './bookChanges.ts';
import type { AppState } from './types.ts';

/**
 * Households the Collections screen lists (oldest debts first; the totals count them all, the printed
 * daily sheet lists them all): 1000 rows with their buttons took seven seconds to draw.
 */
export const COLLECTION_ROWS = 200;

export type PaymentInput = { customerId: number; amountFen: number; method: Payment['method']; date?: string; note?: string };

export type CollectionsState = CallOutput<'credit.collections'>;

export interface CreditSlice {
  /** The selected customer's credit book. */
  ledger: Ledger | null;
  collections: CollectionsState | null;
  collectionArea: string;
  /** The Collections row last clicked or opened: back from the household's record, it is selected again. */
  collectionSelectedId: number | null;
  selectCollectionRow(customerId: number | null): void;
  loadLedger(customerId: number): Promise<void>;
  loadCollections(): Promise<void>;
  /** Coming back to Collections: loads the list only when the book changed since it was loaded. */
  refreshCollections(): Promise<void>;
  setCollectionArea(area: string): Promise<void>;
  recordPayment(payment: PaymentInput): Promise<Payment>;
  voidPayment(id: number, reason: string): Promise<Payment>;
  /** The void message's Undo. */
  unvoidPayment(id: number): Promise<Payment>;
  actOnCollection(action: CollectionActionInput): Promise<Contact>;
  undoCollectionAction(contactId: number): Promise<Contact>;
}

export const createCreditSlice =
  (api: ApiClient): StateCreator<AppState, [], [], CreditSlice> =>
  (set, get) => {
    /** After money moved: the customer's book, and the collection list once it has been opened (it loads itself when it is). */
    async function afterMoneyChanged(customerId: number) {
      const tasks: Promise<unknown>[] = get().collections ? [get().loadCollections()] : [];
      if (get().selectedId === customerId) tasks.push(get().loadLedger(customerId));
      await Promise.all(tasks);
    }
    return {
      ledger: null,
      collections: null,
      collectionArea: '',
      collectionSelectedId: null,
      selectCollectionRow(customerId) {
        set({ collectionSelectedId: customerId });
      },
      async loadLedger(customerId) {
        const ledger = await api['credit.ledger']({ customerId });
        if (get().selectedId === customerId) set({ ledger });
      },
      async loadCollections() {
        const area = get().collectionArea;
        const list = await api['credit.collections']({ limit: COLLECTION_ROWS, ...(area ? { area } : {}) });
        if (get().collectionArea === area) set({ collections: list });
      },
      refreshCollections: whenBookChanged(api, () => get().loadCollections()),
      async setCollectionArea(area) {
        set({ collectionArea: area });
        await get().loadCollections();
      },
      async recordPayment(payment) {
        const saved = await api['credit.recordPayment'](payment);
        await afterMoneyChanged(saved.customerId);
        return saved;
      },
      async voidPayment(id, reason) {
        const voided = await api['credit.voidPayment']({ id, reason });
        await afterMoneyChanged(voided.customerId);
        return voided;
      },
      async unvoidPayment(id) {
        const payment = await api['credit.unvoidPayment']({ id });
        await afterMoneyChanged(payment.customerId);
        return payment;
      },
      async actOnCollection(action) {
        const contact = await api['credit.act'](action);
        await get().loadCollections();
        return contact;
      },
      async undoCollectionAction(contactId) {
        const contact = await api['credit.undo']({ contactId });
        await get().loadCollections();
        return contact;
      },
    };
  };
