import { useEffect } from 'react';
import { electronBridge } from './printPage.ts';

/**
 * Ctrl+P where nothing else took it (the Today screen opens its call list's print view, a print view
 * prints itself): in the desktop app, whose menu shows the key but leaves it to the page (menu.ts), the
 * screen is printed as File > Print does. A browser prints the page itself, so nothing is done there.
 */
export function usePrintScreenKey() {
  useEffect(() => {
    const bridge = electronBridge();
    if (!bridge) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.shiftKey || event.metaKey || event.repeat) return;
      if (event.code !== 'KeyP' && event.key.toLowerCase() !== 'p') return;
      // After every other listener has had the key (they are registered in no fixed order).
      queueMicrotask(() => {
        if (!event.defaultPrevented) void bridge.print();
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
