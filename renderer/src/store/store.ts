/** One zustand store for the app, built from a slice per area; slices talk to the api, never fetch. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../../shared/contract.ts';
import { createCreditSlice } from './creditSlice.ts';
import { createCustomerInsightsSlice, createCustomersSlice } from './customersSlice.ts';
import { createDataSlice } from './dataSlice.ts';
import { createOwnerSlice } from './ownerSlice.ts';
import { createComplaintsSlice } from './complaintsSlice.ts';

import { createGasSlice } from './gasSlice.ts';
import { createMembershipSlice } from './membershipSlice.ts';

import { createPrepaidSlice } from './prepaidSlice.ts';

import { createContainersSlice } from './containersSlice.ts';
import { createProductsSlice } from './productsSlice.ts';
import { createCallListSlice } from './callListSlice.ts';
import { createSalesSlice } from './salesSlice.ts';
import { createShopSlice } from './shopSlice.ts';
import { createSlipsSlice } from './slipsSlice.ts';
import { createDayCloseSlice } from './dayCloseSlice.ts';
import type { AppState } from './types.ts';

export type AppStore = StoreApi<AppState>;

export function createAppStore(api: ApiClient): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createShopSlice(api)(...args),
    ...createCustomersSlice(api)(...args),
    ...createProductsSlice(api)(...args),
    ...createSalesSlice(api)(...args),
    ...createCallListSlice(api)(...args),
    ...createCustomerInsightsSlice(api)(...args),
    ...createCreditSlice(api)(...args),
    ...createDataSlice(api)(...args),
    ...createOwnerSlice(api)(...args),
    ...createSlipsSlice(api)(...args),
    ...createComplaintsSlice(api)(...args),

    ...createGasSlice(api)(...args),
    ...createMembershipSlice(api)(...args),

    ...createDayCloseSlice(api)(...args),

    ...createPrepaidSlice(api)(...args),

    ...createContainersSlice(api)(...args),
    dialog: null,
    openDialog: (dialog) => args[0]({ dialog }),
    closeDialog: () => args[0]({ dialog: null }),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreContext');
  return useStore(store, selector);
}

/** The store itself, for event handlers that read the latest state without subscribing to it. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi outside StoreContext');
  return store;
}
