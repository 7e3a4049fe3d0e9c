import type { StateCreator } from 'zustand';
import type { ApiClient, DayClose } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface DayCloseSlice {
  /** The close last loaded (its own `date`). */
  dayClose: DayClose | null;
  loadDayClose(date: string): Promise<void>;
  countCash(date: string, countedFen: number, note: string): Promise<DayClose>;
}

export const createDayCloseSlice =
  (api: ApiClient): StateCreator<AppState, [], [], DayCloseSlice> =>
  (set) => ({
    dayClose: null,
    async loadDayClose(date) {
      set({ dayClose: await api['dayClose.get']({ date }) });
    },
    async countCash(date, countedFen, note) {
      const dayClose = await api['dayClose.countCash']({ date, countedFen, note });
      set({ dayClose });
      return dayClose;
    },
  });
