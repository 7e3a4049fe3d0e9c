import { useEffect } from 'react';
import { electronBridge } from '../../api/print.ts';
import { isCtrlLetter } from '../../components/shortcuts.ts';
import { useAppStoreApi } from '../../store/store.ts';
import { usePrint } from './printShell.tsx';

/** The desktop app's menu leaves Ctrl+P to the page on Windows and Linux, not on macOS (menu.ts). */
const menuLeavesCtrlP = () => !/Mac/i.test(navigator.platform);

/**
 * Ctrl+P where nothing else took it (the Today screen opens its call list's print view, a print view
 * prints itself): in the desktop app, whose menu shows the key but leaves it to the page, the screen is
 * printed as File > Print does, failures said as the print views say them. Not over a dialog. A browser
 * prints the page itself, so nothing is done there.
 */
export function usePrintScreenKey() {
  const print = usePrint();
  const store = useAppStoreApi();
  useEffect(() => {
    if (!electronBridge() || !menuLeavesCtrlP()) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (!isCtrlLetter(event, 'p') || event.repeat) return;
      // Once every listener has had the key: a key press reaches them one by one, with the microtasks of
      // each run in between, so only a task after the dispatch sees whether one of them took it.
      setTimeout(() => {
        if (!event.defaultPrevented && store.getState().dialog === null) void print();
      }, 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [print, store]);
}
