import type { StateCreator } from 'zustand';
import type { ApiClient, OwnerHome, Pyramid } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface OwnerSlice {
  ownerHome: OwnerHome | null;
  pyramid: Pyramid | null;
  /** The owner's home and the pyramid, both at once: the screen shows them together. */
  loadOwner(): Promise<void>;
}

export const createOwnerSlice =
  (api: ApiClient): StateCreator<AppState, [], [], OwnerSlice> =>
  (set) => ({
    ownerHome: null,
    pyramid: null,
    async loadOwner() {
      const [ownerHome, pyramid] = await Promise.all([api['owner.home']({}), api['owner.pyramid']({})]);
      set({ ownerHome, pyramid });
    },
  });
