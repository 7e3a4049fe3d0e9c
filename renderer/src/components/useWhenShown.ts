import { useEffect } from 'react';
import { useAppStore } from '../store/store.ts';
import type { View } from '../store/types.ts';

/**
 * Runs `refresh` each time `view` is shown: screens stay mounted across switches, so a part of one that
 * shows another area's data (Today's notices) asks again when it comes back. `refresh` is meant to be a
 * slice's whenBookChanged refresh, which costs one tiny call when nothing changed. A failure is left
 * unsaid: an older backend without that area simply shows nothing.
 */
export function useWhenShown(view: View, refresh: () => Promise<unknown>): void {
  const shown = useAppStore((s) => s.view === view);
  useEffect(() => {
    if (shown) refresh().catch(() => undefined);
  }, [shown, refresh]);
}
