/** The household's prepaid balances as a line on paper: under a receipt, and on a statement. */
import { useTranslation } from 'react-i18next';
import type { PrepaidBalances } from '../../../../shared/contract.ts';
import { balancesText, holdsAny } from './prepaidText.ts';

export function PrepaidPrintLine({ balances }: { balances: PrepaidBalances | null | undefined }) {
  const { t } = useTranslation();
  if (!holdsAny(balances)) return null;
  return <p className="prepaid-print">{t('prepaid.printLine', { text: balancesText(t, balances) })}</p>;
}
