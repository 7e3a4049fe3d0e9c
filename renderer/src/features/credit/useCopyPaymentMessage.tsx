import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionRow } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { copyToClipboard, paymentMessage } from '../../components/messageText.ts';
import { showUndoable } from '../../components/undoMessage.tsx';
import { useAppStore, useAppStoreApi } from '../../store/store.ts';

/**
 * A payment reminder to send from a Collections row: the shop's wording (Settings) with what is owed,
 * to the clipboard, logged as a contact of kind message (undoable); nothing is logged when the
 * clipboard refuses.
 */
export function useCopyPaymentMessage(): (row: CollectionRow) => Promise<void> {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const act = useAppStore((s) => s.actOnCollection);
  const undo = useAppStore((s) => s.undoCollectionAction);
  const store = useAppStoreApi();

  return useCallback(
    async (row: CollectionRow) => {
      const settings = store.getState().info?.settings;
      if (!settings) return;
      try {
        await copyToClipboard(paymentMessage(i18n.language, settings, row));
      } catch {
        void message.error(t('callList.message.copyFailed'));
        return;
      }
      try {
        const contact = await act({ customerId: row.customerId, action: 'message' });
        showUndoable(message, {
          key: `collection-${contact.id}`,
          text: t('credit.messaged', { name: row.name }),
          undoLabel: t('common.undo'),
          onUndo: () => void undo(contact.id).catch((error: unknown) => void message.error(errorText(t, error))),
        });
      } catch (error) {
        void message.error(errorText(t, error));
      }
    },
    [act, undo, message, store, t, i18n],
  );
}
