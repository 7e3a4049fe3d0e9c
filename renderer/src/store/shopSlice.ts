import type { StateCreator } from 'zustand';
import type { ApiClient, AppInfo, Settings } from '../../../shared/contract.ts';
import type { AppState, View } from './types.ts';

/** The screens a household's record can be opened from, and Esc goes back to. */
export type RecordFrom = 'callList' | 'collections' | 'owner';

export interface ShopSlice {
  api: ApiClient;
  status: 'loading' | 'ready' | 'failed';
  info: AppInfo | null;
  loadError: unknown;
  view: View;
  /** The household record opened from Today or Collections: Esc goes back there, to the same row. */
  recordFrom: RecordFrom | null;
  load(): Promise<void>;
  setView(view: View): void;
  /** Shows the household's record (the customers screen with it selected), remembering where from. */
  openRecord(customerId: number, from: RecordFrom): void;
  backFromRecord(): void;
  updateSettings(
    patch: Partial<Pick<Settings, 'shopName' | 'language' | 'largeText' | 'shopPhone' | 'shopAddress' | 'paymentLine' | 'messageTemplates' | 'dailyCalls'>>,
  ): Promise<void>;
  startShop(kind: 'demo' | 'empty', shopName: string, language: 'zh-CN' | 'en'): Promise<{ customers: number; sales: number } | null>;
}

export const createShopSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ShopSlice> =>
  (set, get) => ({
    api,
    status: 'loading',
    info: null,
    loadError: null,
    view: 'callList',
    recordFrom: null,
    async load() {
      try {
        const info = await api['shop.info']({});
        set({ info, status: 'ready', loadError: null });
        if (info.settings.onboarded) await Promise.all([get().refreshBook(), get().loadProducts(), get().refreshCallList()]);
      } catch (error) {
        set({ status: 'failed', loadError: error });
      }
    },
    setView(view) {
      set({ view, recordFrom: null });
      // Each screen shows the book as it is now (another window or device may have changed it); the screens
      // stay mounted, so one whose book did not change keeps its list as it was, rows, scroll and all.
      if (view === 'customers') {
        get().wantSearchCopy();
        void get().refreshBook();
      }
      if (view === 'callList') void get().refreshCallList();
      if (view === 'collections') void get().refreshCollections();
    },
    openRecord(customerId, from) {
      get().setView('customers');
      set({ recordFrom: from });
      void get().select(customerId);
    },
    backFromRecord() {
      const from = get().recordFrom;
      if (from) get().setView(from);
    },
    async updateSettings(patch) {
      const settings = await api['shop.updateSettings'](patch);
      const info = get().info;
      if (info) set({ info: { ...info, settings } });
      // Today's day of work is cut to the daily calls: shown as set at once.
      if (patch.dailyCalls !== undefined) await get().loadCallList();
    },
    async startShop(kind, shopName, language) {
      const counts = kind === 'demo' ? await api['shop.createDemo']({ shopName, language }) : null;
      if (kind === 'empty') await api['shop.startEmpty']({ shopName, language });
      await get().load();
      return counts;
    },
  });
