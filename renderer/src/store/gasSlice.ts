import type { StateCreator } from 'zustand';
import type { ApiClient, CallOutput, Cylinder, CylinderDraftInput, GasCheck, GasCheckDraftInput, GasHousehold, GasNotice } from '../../../shared/contract.ts';
import { whenBookChanged } from './bookChanges.ts';
import type { AppState } from './types.ts';

/** Cylinders the register lists at once; a search by serial finds any other. */
export const GAS_ROWS = 200;

export interface GasSlice {
  gasList: CallOutput<'gas.list'> | null;
  gasQuery: string;
  gasDueSoon: boolean;
  /** Held cylinders due for inspection or scrap soon (Today). */
  gasNotices: GasNotice[];
  /** The household the safety-check tab shows, and what it holds and was checked for. */
  gasCustomer: { id: number; name: string } | null;
  gasHousehold: GasHousehold | null;
  loadGasList(): Promise<void>;
  setGasFilter(filter: { query?: string; dueSoon?: boolean }): Promise<void>;
  loadGasNotices(): Promise<void>;
  /** Today's notices again, when the book changed since they were loaded. */
  refreshGasNotices(): Promise<void>;
  selectGasCustomer(customer: { id: number; name: string } | null): Promise<void>;
  saveCylinder(id: number | null, draft: CylinderDraftInput): Promise<Cylinder>;
  issueCylinder(serial: string, customerId: number, date?: string): Promise<Cylinder>;
  returnCylinder(serial: string, date?: string): Promise<Cylinder>;
  recordGasCheck(draft: GasCheckDraftInput): Promise<GasCheck>;
  /** Logs a gas sale made despite the household's supply hold, with the reason. */
  overrideGasHold(customerId: number, saleId: number, reason: string): Promise<void>;
}

export const createGasSlice =
  (api: ApiClient): StateCreator<AppState, [], [], GasSlice> =>
  (set, get) => {
    /** After a cylinder moved or changed: the list, the household shown, and Today's notices. */
    async function afterChange() {
      const customer = get().gasCustomer;
      await Promise.all([get().loadGasList(), get().loadGasNotices(), customer ? get().selectGasCustomer(customer) : null]);
    }
    return {
      gasList: null,
      gasQuery: '',
      gasDueSoon: false,
      gasNotices: [],
      gasCustomer: null,
      gasHousehold: null,
      async loadGasList() {
        const { gasQuery: query, gasDueSoon: dueSoon } = get();
        const list = await api['gas.list']({ query, dueSoon, limit: GAS_ROWS });
        // A later filter's answer may come first: keep only the one for the filter shown.
        if (get().gasQuery === query && get().gasDueSoon === dueSoon) set({ gasList: list });
      },
      async setGasFilter(filter) {
        set({ ...(filter.query === undefined ? {} : { gasQuery: filter.query }), ...(filter.dueSoon === undefined ? {} : { gasDueSoon: filter.dueSoon }) });
        await get().loadGasList();
      },
      async loadGasNotices() {
        set({ gasNotices: (await api['gas.notices']({})).items });
      },
      refreshGasNotices: whenBookChanged(api, () => get().loadGasNotices()),
      async selectGasCustomer(customer) {
        set({ gasCustomer: customer, ...(customer?.id === get().gasCustomer?.id ? {} : { gasHousehold: null }) });
        if (!customer) return;
        const household = await api['gas.forCustomer']({ customerId: customer.id });
        if (get().gasCustomer?.id === customer.id) set({ gasHousehold: household });
      },
      async saveCylinder(id, draft) {
        const cylinder = id === null ? await api['gas.register']({ draft }) : await api['gas.update']({ id, draft });
        await afterChange();
        return cylinder;
      },
      async issueCylinder(serial, customerId, date) {
        const cylinder = await api['gas.issue']({ serial, customerId, ...(date ? { date } : {}) });
        await afterChange();
        return cylinder;
      },
      async returnCylinder(serial, date) {
        const cylinder = await api['gas.return']({ serial, ...(date ? { date } : {}) });
        await afterChange();
        return cylinder;
      },
      async recordGasCheck(draft) {
        const check = await api['gas.recordCheck'](draft);
        await afterChange();
        return check;
      },
      async overrideGasHold(customerId, saleId, reason) {
        await api['gas.overrideHold']({ customerId, saleId, reason });
      },
    };
  };
