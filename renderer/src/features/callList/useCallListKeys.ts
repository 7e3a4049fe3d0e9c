import { useCallback, useEffect } from 'react';
import { useOneAtATime } from '../../components/useSingleSubmit.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { isCtrlLetter } from '../../components/shortcuts.ts';
import { callRows, orderPlaced, reminderKey } from '../../store/callListSlice.ts';
import { useAppStore, useAppStoreApi } from '../../store/store.ts';
import type { AppState } from '../../store/types.ts';
import type { ReminderRow } from '../../../../shared/contract.ts';
import { useCallListActions } from './useCallListActions.tsx';
import { useCopyMessage } from './useCopyMessage.ts';

export type CallListAction = 'called' | 'order' | 'snooze' | 'skip' | 'message' | 'undo';

/** Typing into a field; a radio button (the area filter) is not typing: the keys still act on the list. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button'].includes(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Letter keys by physical key too: with a Chinese input method on, `key` is 'Process'. */
const letters: Record<string, CallListAction> = { KeyC: 'called', KeyO: 'order', KeyS: 'snooze', KeyK: 'skip', KeyM: 'message' };

function selectedRow(state: AppState): ReminderRow | undefined {
  return callRows(state.callList).find((r) => reminderKey(r) === state.callSelectedKey);
}

/** Enter on a focused button or link is that control's, not the list's. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement;
}

/**
 * The Today screen's keyboard: ↑/↓ select a row, Enter opens its household's record; C called,
 * O order placed, S snooze, K skip this cycle, M copy a message to send (useCopyMessage), Ctrl+Z undo the last action, Ctrl+P print the list. Off while a dialog is open.
 * Returns the same actions for the on-screen buttons.
 */
export function useCallListKeys(): (action: CallListAction) => void {
  const dialog = useAppStore((s) => s.dialog);
  // The page stays mounted (hidden) behind the other screens: its letters are its own only when shown.
  const shown = useAppStore((s) => s.view === 'callList');
  const openDialog = useAppStore((s) => s.openDialog);
  const moveCallSelection = useAppStore((s) => s.moveCallSelection);
  const openRecord = useAppStore((s) => s.openRecord);
  const { act, undo } = useCallListActions();
  const copyMessage = useCopyMessage();
  const store = useAppStoreApi();

  // While a skip or an undo is on its way, further ones wait for it: a double press of K would
  // otherwise skip this household twice, or the next one too once the selection has moved on.
  const { run: once } = useOneAtATime();

  const run = useCallback(
    (action: CallListAction) => {
      if (action === 'undo') {
        once(() => undo());
        return;
      }
      const row = selectedRow(store.getState());
      if (!row) return;
      if (action === 'called') openDialog({ kind: 'called', row });
      else if (action === 'snooze') openDialog({ kind: 'snooze', row });
      else if (action === 'order') openDialog(orderPlaced(row));
      else if (action === 'message') once(() => copyMessage(row));
      else once(() => act({ customerId: row.customerId, productId: row.productId, action: 'skip' }, row));
    },
    [act, undo, copyMessage, openDialog, store, once],
  );

  useEffect(() => {
    if (dialog !== null || !shown) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.metaKey) return;
      if (event.ctrlKey) {
        // Ctrl+Shift+Z is Redo (the menu shows it, and leaves it to the page): never an undo here.
        if (isCtrlLetter(event, 'z')) {
          if (isTyping(event.target)) return;
          event.preventDefault();
          // A held Ctrl+Z undoes one action, not the whole day's.
          if (!event.repeat) run('undo');
        } else if (isCtrlLetter(event, 'p')) {
          event.preventDefault();
          openPrintView({ layout: 'a4', area: store.getState().callArea, autoPrint: true });
        }
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        moveCallSelection(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (event.key === 'Enter' && !isControl(event.target)) {
        const row = selectedRow(store.getState());
        if (row) {
          event.preventDefault();
          openRecord(row.customerId, 'callList');
        }
        return;
      }
      const action = letters[event.code] ?? letters[`Key${event.key.toUpperCase()}`];
      if (action) {
        event.preventDefault();
        // A held letter acts once: held K must not skip every household below this one.
        if (!event.repeat) run(action);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog, shown, run, moveCallSelection, openRecord, store]);

  return run;
}
