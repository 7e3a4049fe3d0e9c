import { useEffect } from 'react';

export const SEARCH_INPUT_ID = 'customer-search';

export type ShortcutAction = 'focusSearch' | 'newCustomer' | 'recordSale';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * In the search box with nothing a "/" would add to (empty, or all of it selected), "/" is the habit of
 * "search again", like F3 (in Chromium "/wgj" found nobody); after some text it is a slash, as in an
 * address like "3/501".
 */
function isFreshSearchBox(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLInputElement) || target.id !== SEARCH_INPUT_ID) return false;
  return target.value === '' || (target.selectionStart === 0 && target.selectionEnd === target.value.length);
}

/**
 * Ctrl + `letter` and nothing else (Ctrl+Shift+Z is Redo, not Ctrl+Z). By the physical key too: with a
 * Chinese input method on, `key` is 'Process'.
 */
export function isCtrlLetter(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>, letter: string): boolean {
  if (!event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return false;
  return event.code === `Key${letter.toUpperCase()}` || event.key.toLowerCase() === letter;
}

/** Which app-wide shortcut a key press means, if any: F2, F3, F4, and "/" when not typing (or in the search box). */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing'>): ShortcutAction | null {
  // An input method composing a character owns every key until it is done.
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return null;
  if (event.key === 'F3' || (event.key === '/' && (!isTyping(event.target) || isFreshSearchBox(event.target)))) return 'focusSearch';
  if (event.key === 'F2') return 'newCustomer';
  if (event.key === 'F4') return 'recordSale';
  return null;
}

export function useShortcuts(handlers: Record<ShortcutAction, () => void>, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      handlers[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [handlers, enabled]);
}

export function focusSearch() {
  const input = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
  input?.focus();
  input?.select();
}
