import type { StateCreator } from 'zustand';
import type { ApiClient, CallOutput, MemberRulesInput, MemberStatus, Payment } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface MembershipSlice {
  /** The level and points of the household the record shows. */
  memberStatus: MemberStatus | null;
  memberRules: CallOutput<'membership.rules'> | null;
  loadMemberStatus(customerId: number): Promise<void>;
  buyMembership(customerId: number, method: Payment['method']): Promise<MemberStatus>;
  voidMembership(id: number): Promise<MemberStatus>;
  loadMemberRules(): Promise<void>;
  saveMemberRules(rules: MemberRulesInput): Promise<void>;
}

export const createMembershipSlice =
  (api: ApiClient): StateCreator<AppState, [], [], MembershipSlice> =>
  (set, get) => ({
    memberStatus: null,
    memberRules: null,
    async loadMemberStatus(customerId) {
      if (get().memberStatus?.customerId !== customerId) set({ memberStatus: null });
      const memberStatus = await api['membership.status']({ customerId });
      // Another household may have been opened meanwhile: keep only the answer for the one shown.
      if (get().selectedId === customerId) set({ memberStatus });
    },
    async buyMembership(customerId, method) {
      const memberStatus = await api['membership.buy']({ customerId, method });
      set({ memberStatus });
      return memberStatus;
    },
    async voidMembership(id) {
      const memberStatus = await api['membership.voidPurchase']({ id });
      set({ memberStatus });
      return memberStatus;
    },
    async loadMemberRules() {
      set({ memberRules: await api['membership.rules']({}) });
    },
    async saveMemberRules(rules) {
      set({ memberRules: await api['membership.setRules'](rules) });
    },
  });
