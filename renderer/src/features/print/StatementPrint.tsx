/**
 * A household's credit statement: every credit sale and payment, the running balance, what is owed,
 * and how to reach and pay the shop. On A4 to post or keep, or on an 80 mm slip handed over at the counter.
 */
import { App } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Ledger, LedgerEntry, MemberStatus, PrepaidBalances, Settings } from '../../../../shared/contract.ts';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { errorText } from '../../components/errors.ts';
import { longDate, money } from '../../components/format.ts';
import type { PrintRoute } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { entryText } from '../credit/LedgerCard.tsx';
import { StatementMember } from '../membership/StatementMember.tsx';
import { PrepaidPrintLine } from '../prepaid/PrepaidPrint.tsx';
import { LayoutSwitch, PrintFrame, PrintHeader, printFileName } from './printShell.tsx';
import { StatementContainersBlock, useCustomerContainersPrint } from './ContainersPrint.tsx';
import './print.css';

/** The shop's phone and address under its name, as the settings give them. */
function ShopContact({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const parts = [
    settings.shopPhone && t('credit.statementShopPhone', { phone: settings.shopPhone }),
    settings.shopAddress && t('credit.statementShopAddress', { address: settings.shopAddress }),
  ].filter(Boolean);
  return parts.length > 0 ? <p className="statement-shop">{parts.join(' · ')}</p> : null;
}

function A4Entries({ entries }: { entries: LedgerEntry[] }) {
  const { t } = useTranslation();
  return (
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
        {entries.map((e) => (
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
  );
}

/** 80 mm: three columns, the date over the item; a payment's amount with a minus. */
function ReceiptEntries({ entries }: { entries: LedgerEntry[] }) {
  const { t } = useTranslation();
  return (
    <table className="statement-slip">
      <thead>
        <tr>
          <th>{t('credit.item')}</th>
          <th className="c-owed">{t('credit.statementAmount')}</th>
          <th className="c-owed">{t('credit.balanceAfter')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.kind}-${e.refId}`}>
            <td>
              <div className="print-small">{e.date}</div>
              {entryText(t, e)}
            </td>
            <td className="c-owed">{e.debitFen ? money(e.debitFen) : e.creditFen ? money(-e.creditFen) : ''}</td>
            <td className="c-owed">{money(e.balanceAfterFen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function customerLine(t: TFunction, customer: Customer): string {
  return [t('credit.statementFor', { name: customer.name }), customer.phones[0] ? formatPhone(customer.phones[0]) : '', customer.address]
    .filter(Boolean)
    .join(' · ');
}

export function StatementPrint({ route }: { route: PrintRoute }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const today = useAppStore((s) => s.info?.today ?? '');
  const settings = useAppStore((s) => s.info?.settings);
  const [data, setData] = useState<{ customer: Customer; ledger: Ledger; member: MemberStatus; prepaid: PrepaidBalances | null } | null>(null);
  const containers = useCustomerContainersPrint(route.customerId);

  useEffect(() => {
    const customerId = route.customerId;
    if (!customerId) return;
    Promise.all([
      api['customers.get']({ id: customerId }),
      api['credit.ledger']({ customerId }),
      api['membership.status']({ customerId }),
      // An older backend without prepaid plans: the statement as before.
      api['prepaid.forCustomer']({ customerId }).then(
        (h) => h.balances,
        () => null,
      ),
    ])
      .then(([customer, ledger, member, prepaid]) => setData({ customer, ledger, member, prepaid }))
      .catch((error: unknown) => void message.error(errorText(t, error)));
  }, [api, route.customerId, message, t]);

  const Entries = route.layout === 'receipt' ? ReceiptEntries : A4Entries;
  return (
    <PrintFrame
      route={route}
      footer={data ? `${t('credit.statementTitle')} · ${data.customer.name}` : ''}
      fileName={data ? printFileName(t, 'statement', data.customer.name, today) : ''}
      ready={data !== null && containers !== undefined}
      tools={<LayoutSwitch route={route} />}
    >
      {data && settings && (
        <>
          <PrintHeader title={t('credit.statementTitle')} date={t('credit.statementPrinted', { date: longDate(t, today) })} />
          <ShopContact settings={settings} />
          <p className="statement-customer">
            <strong>{customerLine(t, data.customer)}</strong>
          </p>
          {data.ledger.entries.length === 0 ? <p>{t('credit.statementEmpty')}</p> : <Entries entries={data.ledger.entries} />}
          <p className="statement-total">{t('credit.statementOwes', { date: longDate(t, today), amount: money(Math.max(0, data.ledger.balanceFen)) })}</p>
          <StatementMember status={data.member} />
          <PrepaidPrintLine balances={data.prepaid} />
          <StatementContainersBlock balances={containers} />
          {settings.paymentLine && <p className="statement-pay">{t('credit.statementPay', { line: settings.paymentLine })}</p>}
        </>
      )}
    </PrintFrame>
  );
}
