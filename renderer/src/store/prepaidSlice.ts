import type { StateCreator } from 'zustand';
import type { ApiClient, CallInput, CallOutput, LowBalance, Plan, PlanDraftInput, PrepaidHousehold, PrepaidMethod } from '../../../shared/contract.ts';
import { whenBookChanged } from './bookChanges.ts';
import type { AppState } from './types.ts';

export interface PrepaidSlice {
  /** The plans on sale (the page loads the retired ones too). */
  prepaidPlans: Plan[];
  prepaidPlansWithArchived: boolean;
  /** Households at or under their bundle's threshold (Today's renewal calls). */
  prepaidLow: LowBalance[];
  /** All of them (the list holds the first LOW_ROWS). */
  prepaidLowTotal: number;
  prepaidOutstanding: CallOutput<'prepaid.outstanding'> | null;
  /** The household whose balances the customer detail shows. */
  prepaidHousehold: PrepaidHousehold | null;
  loadPrepaidPlans(includeArchived?: boolean): Promise<void>;
  savePrepaidPlan(id: number | null, draft: PlanDraftInput): Promise<Plan>;
  archivePrepaidPlan(id: number, archived: boolean): Promise<void>;
  loadPrepaidFor(customerId: number): Promise<void>;
  sellPrepaid(customerId: number, planId: number, method: PrepaidMethod): Promise<PrepaidHousehold>;
  refundPrepaid(input: CallInput<'prepaid.refund'>): Promise<PrepaidHousehold>;
  loadLowBalances(): Promise<void>;
  /** Today's renewal calls again, when the book changed since they were loaded. */
  refreshLowBalances(): Promise<void>;
  loadOutstanding(): Promise<void>;
}

export const createPrepaidSlice =
  (api: ApiClient): StateCreator<AppState, [], [], PrepaidSlice> =>
  (set, get) => {
    /** After a bundle sold or refunded: the household shown, Today's renewal calls, the page's totals. */
    async function afterChange(household: PrepaidHousehold) {
      if (get().prepaidHousehold?.customerId === household.customerId || get().selectedId === household.customerId) set({ prepaidHousehold: household });
      await Promise.all([get().loadLowBalances(), get().prepaidOutstanding ? get().loadOutstanding() : null]);
      return household;
    }
    return {
      prepaidPlans: [],
      prepaidPlansWithArchived: false,
      prepaidLow: [],
      prepaidLowTotal: 0,
      prepaidOutstanding: null,
      prepaidHousehold: null,
      async loadPrepaidPlans(includeArchived = get().prepaidPlansWithArchived) {
        const plans = await api['prepaid.plans']({ includeArchived });
        set({ prepaidPlans: plans, prepaidPlansWithArchived: includeArchived });
      },
      async savePrepaidPlan(id, draft) {
        const plan = await api['prepaid.savePlan']({ ...(id === null ? {} : { id }), draft });
        await get().loadPrepaidPlans();
        return plan;
      },
      async archivePrepaidPlan(id, archived) {
        await api['prepaid.archivePlan']({ id, archived });
        await get().loadPrepaidPlans();
      },
      async loadPrepaidFor(customerId) {
        const household = await api['prepaid.forCustomer']({ customerId });
        // Another household may have been chosen meanwhile.
        if (get().selectedId === customerId || get().selectedId === null) set({ prepaidHousehold: household });
      },
      async sellPrepaid(customerId, planId, method) {
        return afterChange(await api['prepaid.sell']({ customerId, planId, method }));
      },
      async refundPrepaid(input) {
        return afterChange(await api['prepaid.refund'](input));
      },
      async loadLowBalances() {
        const { items, total } = await api['prepaid.lowBalances']({});
        set({ prepaidLow: items, prepaidLowTotal: total });
      },
      refreshLowBalances: whenBookChanged(api, () => get().loadLowBalances()),
      async loadOutstanding() {
        set({ prepaidOutstanding: await api['prepaid.outstanding']({}) });
      },
    };
  };
