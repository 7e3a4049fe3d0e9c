import type { StateCreator } from 'zustand';
import type { ApiClient, OwnerHome, Pyramid, Retention } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface OwnerSlice {
  ownerHome: OwnerHome | null;
  pyramid: Pyramid | null;
  /** The owner's home and the pyramid, both at once: the screen shows them together. */
  loadOwner(): Promise<void>;
  retention: Retention | null;
  /** Apart from loadOwner: its first call of a day fits a model over the quiet households (~1 s at 100k). */
  loadRetention(): Promise<void>;
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
    retention: null,
    async loadRetention() {
      set({ retention: await api['owner.retention']({}) });
    },
  });
