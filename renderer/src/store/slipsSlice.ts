import type { StateCreator } from 'zustand';
import type { ApiClient, CallOutput, Slip, SlipDraftInput, SlipFilter } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface SlipsSlice {
  /** The sales journal as last loaded, and the filter it was loaded with. */
  journal: CallOutput<'slips.list'> | null;
  journalFilter: SlipFilter;
  createSlip(draft: SlipDraftInput): Promise<Slip>;
  voidSlip(id: number, reason: string): Promise<Slip>;
  voidSlipLine(saleId: number, reason: string): Promise<Slip>;
  loadJournal(filter?: SlipFilter): Promise<void>;
}

export const createSlipsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], SlipsSlice> =>
  (set, get) => {
    // A slip's lines are sales of its household: its history, forecasts, balance and the call list follow, as after a sale.
    async function reloadAfter(slip: Slip) {
      const { selectedId, callList, journal } = get();
      await Promise.all([
        slip.customerId !== null && selectedId === slip.customerId
          ? Promise.all([get().loadSales(slip.customerId), get().loadInsights(slip.customerId)])
          : null,
        slip.customerId !== null && callList ? get().loadCallList() : null,
        journal ? get().loadJournal() : null,
        // Containers: the household's record and the owed-containers list follow the slip.
        slip.customerId !== null && selectedId === slip.customerId ? get().loadHouseholdContainers(slip.customerId) : null,
        get().owingContainers ? get().loadOwingContainers() : null,
      ]);
      return slip;
    }
    return {
      journal: null,
      journalFilter: {},
      async createSlip(draft) {
        return reloadAfter(await api['slips.create'](draft));
      },
      async voidSlip(id, reason) {
        return reloadAfter(await api['slips.void']({ id, reason }));
      },
      async voidSlipLine(saleId, reason) {
        return reloadAfter(await api['slips.voidLine']({ saleId, reason }));
      },
      async loadJournal(filter = get().journalFilter) {
        const journal = await api['slips.list'](filter);
        set({ journal, journalFilter: filter });
      },
    };
  };
