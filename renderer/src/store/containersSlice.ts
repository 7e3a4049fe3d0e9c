import type { StateCreator } from 'zustand';
import type { ApiClient, CallOutput, ContainerBalanceRow } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface ContainersSlice {
  /** The household record's containers: its balances per container type. */
  householdContainers: { customerId: number; balances: ContainerBalanceRow[] } | null;
  /** The owed-containers list (欠桶), as last loaded. */
  owingContainers: CallOutput<'containers.owing'> | null;
  loadHouseholdContainers(customerId: number): Promise<void>;
  loadOwingContainers(): Promise<void>;
}

export const createContainersSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ContainersSlice> =>
  (set, get) => ({
    householdContainers: null,
    owingContainers: null,
    async loadHouseholdContainers(customerId) {
      const balances = await api['containers.forCustomer']({ customerId });
      // Another household chosen meanwhile: its own answer will come.
      if (get().selectedId === customerId) set({ householdContainers: { customerId, balances } });
    },
    async loadOwingContainers() {
      set({ owingContainers: await api['containers.owing']({}) });
    },
  });
