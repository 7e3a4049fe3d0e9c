import type { StateCreator } from 'zustand';
import type { ApiClient, Sale, SaleDraftInput } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface SalesSlice {
  sales: Sale[];
  loadSales(customerId: number): Promise<void>;
  recordSale(draft: SaleDraftInput): Promise<Sale>;
  correctSale(id: number, draft: Omit<SaleDraftInput, 'customerId'>, reason: string): Promise<Sale>;
  voidSale(id: number, reason: string): Promise<Sale>;
  /** The void message's Undo. */
  unvoidSale(id: number): Promise<Sale>;
}

export const createSalesSlice =
  (api: ApiClient): StateCreator<AppState, [], [], SalesSlice> =>
  (set, get) => {
    // A sale moves the household's forecast and starts a new reminder cycle: sales, forecasts and the call list follow.
    async function reloadFor(customerId: number) {
      await Promise.all([
        get().selectedId === customerId ? Promise.all([get().loadSales(customerId), get().loadInsights(customerId)]) : null,
        get().callList ? get().loadCallList() : null,
      ]);
    }
    return {
      sales: [],
      async loadSales(customerId) {
        const sales = await api['sales.listForCustomer']({ customerId });
        if (get().selectedId === customerId) set({ sales });
      },
      async recordSale(draft) {
        const sale = await api['sales.record'](draft);
        await reloadFor(sale.customerId);
        return sale;
      },
      async correctSale(id, draft, reason) {
        const sale = await api['sales.correct']({ id, draft, reason });
        await reloadFor(sale.customerId);
        return sale;
      },
      async voidSale(id, reason) {
        const sale = await api['sales.void']({ id, reason });
        await reloadFor(sale.customerId);
        return sale;
      },
      async unvoidSale(id) {
        const sale = await api['sales.unvoid']({ id });
        await reloadFor(sale.customerId);
        return sale;
      },
    };
  };
