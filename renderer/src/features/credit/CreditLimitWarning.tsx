import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store.ts';
import { money } from '../../components/format.ts';

/**
 * Under the sale form: warns (never blocks) when a sale on credit would take what the household owes
 * past its credit limit. The shopkeeper decides; the book only makes sure they know.
 */
export function CreditLimitWarning({ customerId, onCredit, amountFen }: { customerId: number; onCredit: boolean; amountFen: number }) {
  const { t } = useTranslation();
  const api = useAppStore((s) => s.api);
  const [book, setBook] = useState<{ balanceFen: number; creditLimitFen: number | null } | null>(null);

  useEffect(() => {
    let current = true;
    api['credit.ledger']({ customerId })
      .then((ledger) => current && setBook(ledger))
      .catch(() => current && setBook(null));
    return () => {
      current = false;
    };
  }, [api, customerId]);

  if (!onCredit || !book || book.creditLimitFen === null) return null;
  const after = book.balanceFen + amountFen;
  if (after <= book.creditLimitFen) return null;
  return (
    <Alert type="warning" showIcon className="credit-warning" title={t('credit.limitWarning', { after: money(after), limit: money(book.creditLimitFen) })} />
  );
}
