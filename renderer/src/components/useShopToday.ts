import dayjs from 'dayjs';
import { useAppStore } from '../store/store.ts';

/** The shop's day (the backend's clock, which tests and demos pin), for dates said relative to today. */
export function useShopToday(): string {
  return useAppStore((s) => s.callList?.today ?? s.info?.today ?? dayjs().format('YYYY-MM-DD'));
}
