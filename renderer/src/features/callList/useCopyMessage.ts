import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderRow } from '../../../../shared/contract.ts';
import { copyToClipboard, reminderMessage } from '../../components/messageText.ts';
import { useAppStoreApi } from '../../store/store.ts';
import { useCallListActions } from './useCallListActions.tsx';

/**
 * "A message to send" (M on Today, the button on a lapsed row): the row's message goes to the
 * clipboard, to paste into WeChat or an SMS, and is logged as a contact of kind message, undoable like
 * a call (its success message says it was copied). When the clipboard refuses, nothing is logged.
 */
export function useCopyMessage(): (row: ReminderRow) => Promise<boolean> {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { act } = useCallListActions();
  const store = useAppStoreApi();

  return useCallback(
    async (row: ReminderRow) => {
      const settings = store.getState().info?.settings;
      if (!settings) return false;
      try {
        await copyToClipboard(reminderMessage(t, i18n.language, settings, row));
      } catch {
        void message.error(t('callList.message.copyFailed'));
        return false;
      }
      return act({ customerId: row.customerId, productId: row.productId, action: 'message' }, row);
    },
    [act, message, store, t, i18n],
  );
}
