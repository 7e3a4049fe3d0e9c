/** A household's credit statement on A4: every credit sale and payment, the running balance, what is owed. */
import { App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Ledger } from '../../../../shared/contract.ts';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { errorText } from '../../components/errors.ts';
import { longDate, money } from '../../components/format.ts';
import type { PrintRoute } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { entryText } from '../credit/LedgerCard.tsx';
import { PrintFrame, PrintHeader } from './printShell.tsx';
import './print.css';

export function StatementPrint({ route }: { route: PrintRoute }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const today = useAppStore((s) => s.info?.today ?? '');
  const [data, setData] = useState<{ customer: Customer; ledger: Ledger } | null>(null);

  useEffect(() => {
    const customerId = route.customerId;
    if (!customerId) return;
    Promise.all([api['customers.get']({ id: customerId }), api['credit.ledger']({ customerId })])
      .then(([customer, ledger]) => setData({ customer, ledger }))
      .catch((error: unknown) => void message.error(errorText(t, error)));
  }, [api, route.customerId, message, t]);

  return (
    <PrintFrame route={route} layout="a4" footer={data ? `${t('credit.statementTitle')} · ${data.customer.name}` : ''} ready={data !== null}>
      {data && (
        <>
          <PrintHeader title={t('credit.statementTitle')} date={t('credit.statementPrinted', { date: longDate(t, today) })} />
          <p className="statement-customer">
            <strong>{t('credit.statementFor', { name: data.customer.name })}</strong>
            {data.customer.phones[0] ? ` · ${formatPhone(data.customer.phones[0])}` : ''}
            {data.customer.address ? ` · ${data.customer.address}` : ''}
          </p>
          {data.ledger.entries.length === 0 ? (
            <p>{t('credit.statementEmpty')}</p>
          ) : (
            <table className="print-table statement-table">
              <thead>
                <tr>
                  <th>{t('sales.columns.date')}</th>
                  <th>{t('credit.item')}</th>
                  <th>{t('credit.debit')}</th>
                  <th>{t('credit.credit')}</th>
                  <th>{t('credit.balanceAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {data.ledger.entries.map((e) => (
                  <tr key={`${e.kind}-${e.refId}`} className="print-row">
                    <td>{e.date}</td>
                    <td>{entryText(t, e)}</td>
                    <td className="c-owed">{e.debitFen ? money(e.debitFen) : ''}</td>
                    <td className="c-owed">{e.creditFen ? money(e.creditFen) : ''}</td>
                    <td className="c-owed">{money(e.balanceAfterFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="statement-total">{t('credit.statementOwes', { date: longDate(t, today), amount: money(Math.max(0, data.ledger.balanceFen)) })}</p>
        </>
      )}
    </PrintFrame>
  );
}
