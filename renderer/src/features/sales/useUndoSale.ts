import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';
import type { SaleUndo } from '../../store/types.ts';

/**
 * A sale just recorded, undone: voided (the book keeps a trace) from its message's Undo or by Ctrl+Z on
 * the call list, its message closed and the outcome said. One way for both, so that the Ctrl+Z stack
 * stays in step (store.undoSale).
 */
export function useUndoSale(): (saleId: number, what: SaleUndo['what']) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const undoSale = useAppStore((s) => s.undoSale);
  return useCallback(
    async (saleId, what) => {
      try {
        await undoSale(saleId, t('sales.undoReason'));
        message.destroy(`sale-${saleId}`);
        void message.success(t('sales.undone', what));
      } catch (error) {
        void message.error(errorText(t, error));
      }
    },
    [undoSale, message, t],
  );
}
