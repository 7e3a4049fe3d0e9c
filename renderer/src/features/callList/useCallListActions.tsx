import { App, Form } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ReminderRow } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { shortDate } from '../../components/format.ts';
import { showUndoable } from '../../components/undoMessage.tsx';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore, useAppStoreApi } from '../../store/store.ts';
import type { ReminderActionInput } from '../../store/types.ts';
import { useUndoSale } from '../sales/useUndoSale.ts';
import { outcomeText } from './rowText.ts';

function loggedText(t: TFunction, name: string, contact: Contact, today: string): string {
  if (contact.kind === 'skip') return t('callList.logged.skipped', { name });
  if (contact.kind === 'message') return t('callList.logged.messaged', { name });
  if (contact.kind === 'snooze') return t('callList.logged.snoozed', { name, date: contact.followUp ? shortDate(t, contact.followUp, today) : '' });
  return t('callList.logged.called', { name, outcome: outcomeText(t, contact.outcome) ?? '' });
}

/**
 * Each action on a call-list row: logged by the backend, then a success message with an Undo button
 * (Ctrl+Z does the same for the last action). Errors are shown translated; nothing else changes.
 */
export function useCallListActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const actOnReminder = useAppStore((s) => s.actOnReminder);
  const undoReminderAction = useAppStore((s) => s.undoReminderAction);
  // An order placed from the list is undone as its own message's Undo does.
  const undoSale = useUndoSale();
  const store = useAppStoreApi();
  const today = useShopToday();

  const undo = useCallback(
    async (contactId?: number) => {
      const top = store.getState().undoStack.at(-1);
      if (contactId === undefined && top?.kind === 'sale') {
        await undoSale(top.saleId, top.what);
        return;
      }
      try {
        const undone = await undoReminderAction(contactId);
        if (!undone) {
          void message.info(t('callList.logged.nothingToUndo'));
          return;
        }
        message.destroy(`reminder-${undone.contact.id}`);
        void message.success(t(undone.contact.reminderRestored ? 'callList.logged.undone' : 'callList.logged.undoneAfterSale', { name: undone.name }));
      } catch (error) {
        void message.error(errorText(t, error));
      }
    },
    [undoReminderAction, undoSale, store, message, t],
  );

  const act = useCallback(
    async (action: ReminderActionInput, row: ReminderRow): Promise<boolean> => {
      try {
        const contact = await actOnReminder(action, row.name);
        showUndoable(message, {
          key: `reminder-${contact.id}`,
          text: loggedText(t, row.name, contact, today),
          undoLabel: (
            <>
              {t('common.undo')} <kbd className="kbd-inline">Ctrl+Z</kbd>
            </>
          ),
          onUndo: () => void undo(contact.id),
        });
        return true;
      } catch (error) {
        void message.error(errorText(t, error));
        return false;
      }
    },
    [actOnReminder, message, t, today, undo],
  );

  return { act, undo };
}

/**
 * A dialog on a call-list row (Called, Snooze): its form, the call list's today, and `dialog`, FormDialog's
 * form, Cancel and save: the save logs `actionOf(values)` as useCallListActions does and closes on success.
 */
export function useRowActionDialog<Values>(row: ReminderRow, actionOf: (values: Values) => ReminderActionInput) {
  const [form] = Form.useForm<Values>();
  const closeDialog = useAppStore((s) => s.closeDialog);
  const today = useShopToday();
  const { act } = useCallListActions();
  const submitting = useSingleSubmit(async () => {
    const values = await form.validateFields();
    if (await act(actionOf(values), row)) closeDialog();
  });
  return { form, today, dialog: { form, onClose: closeDialog, submitting } };
}
