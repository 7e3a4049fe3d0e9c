import { PrinterOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Statistic, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../../shared/contract.ts';
import { VoidButton } from '../../components/VoidButton.tsx';
import { money, quantityText, shortDate } from '../../components/format.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore } from '../../store/store.ts';
import { PaymentDialog } from './PaymentDialog.tsx';

const VOID_REASONS = ['amount', 'customer', 'twice', 'notReceived'] as const;

export function entryText(t: TFunction, entry: LedgerEntry): string {
  if (entry.kind === 'sale')
    return `${entry.productName ?? ''} ${entry.quantity !== null && entry.unit ? quantityText(t, entry.quantity, entry.unit) : ''}`.trim();
  return `${t('credit.payment')} · ${t(`credit.methods.${entry.method}`)}${entry.note ? ` · ${entry.note}` : ''}`;
}

/** The household's page of the credit book: what it owes, since when, and every line that made it. */
export function LedgerCard({ customerId, name, onPrint }: { customerId: number; name: string; onPrint?: () => void }) {
  const { t } = useTranslation();
  const ledger = useAppStore((s) => (s.ledger?.customerId === customerId ? s.ledger : null));
  const voidPayment = useAppStore((s) => s.voidPayment);
  const unvoidPayment = useAppStore((s) => s.unvoidPayment);
  // Without a payday the backend still gives a date to collect from (some days after the sale), but
  // "collect after payday" would then name a payday the household does not have.
  const hasPayday = useAppStore((s) => s.selected?.id === customerId && s.selected.payday !== null);
  const today = useShopToday();
  const [paying, setPaying] = useState(false);
  if (!ledger) return null;

  const overLimit = ledger.creditLimitFen !== null && ledger.balanceFen > ledger.creditLimitFen;
  return (
    <Card
      title={t('credit.title')}
      className="ledger-card"
      extra={
        <Flex gap={8}>
          {onPrint && ledger.entries.length > 0 && (
            <Button icon={<PrinterOutlined />} onClick={onPrint}>
              {t('credit.printStatement')}
            </Button>
          )}
          <Button icon={<WalletOutlined />} onClick={() => setPaying(true)}>
            {t('credit.recordPayment')}
          </Button>
        </Flex>
      }
    >
      <Flex gap={48} wrap className="ledger-figures">
        <Statistic
          title={t('credit.balance')}
          value={money(Math.max(0, ledger.balanceFen))}
          styles={{ content: { color: ledger.balanceFen > 0 ? '#c2410c' : undefined } }}
        />
        {ledger.balanceFen < 0 && <Statistic title={t('credit.paidAhead')} value={money(-ledger.balanceFen)} />}
        <Statistic title={t('credit.owesSince')} value={ledger.oldestUnpaidDate ? shortDate(t, ledger.oldestUnpaidDate, today) : '—'} />
        {hasPayday && <Statistic title={t('credit.collectFrom')} value={ledger.collectFrom ? shortDate(t, ledger.collectFrom, today) : '—'} />}
        <Statistic title={t('credit.limit')} value={ledger.creditLimitFen === null ? t('credit.noLimit') : money(ledger.creditLimitFen)} />
      </Flex>
      {overLimit && <Alert type="warning" showIcon className="ledger-alert" title={t('credit.overLimit')} />}
      {ledger.entries.length === 0 ? (
        <Empty description={t('credit.noEntries')} />
      ) : (
        <Table<LedgerEntry>
          size="small"
          className="ledger-table"
          rowKey={(e) => `${e.kind}-${e.refId}`}
          dataSource={[...ledger.entries].reverse()}
          pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('sales.columns.date'), key: 'date', render: (_, e) => shortDate(t, e.date, today) },
            {
              // What it was and, under it, whether it is paid: a column of its own for the state, and one each
              // for debit and credit, made the table wider than the pane at 1024 px with 大字体 (作废 was cut off).
              title: t('credit.item'),
              key: 'item',
              className: 'ledger-item',
              render: (_, e) => (
                <span className="cell-stack">
                  <span>{entryText(t, e)}</span>
                  {e.kind === 'payment' ? (
                    <Tag color="blue">{t('credit.received')}</Tag>
                  ) : e.remainingFen === 0 ? (
                    <Tag color="green">{t('credit.settled')}</Tag>
                  ) : (
                    <Tag color="orange">{t('credit.unpaid', { amount: money(e.remainingFen ?? 0) })}</Tag>
                  )}
                </span>
              ),
            },
            {
              title: `${t('credit.debit')} / ${t('credit.credit')}`,
              key: 'amount',
              align: 'right',
              render: (_, e) => (e.debitFen ? money(e.debitFen) : <span className="ledger-paid">−{money(e.creditFen ?? 0)}</span>),
            },
            { title: t('credit.balanceAfter'), key: 'balance', align: 'right', render: (_, e) => money(e.balanceAfterFen) },
            {
              // Its own column, as in the purchases table: next to the status tags it read as "this was voided".
              key: 'actions',
              width: 72,
              render: (_, e) =>
                e.kind === 'payment' ? (
                  <VoidButton
                    confirm={t('credit.voidPaymentConfirm')}
                    onVoid={(reason) => voidPayment(e.refId, reason)}
                    presets={VOID_REASONS.map((r) => t(`credit.voidPaymentReasons.${r}`))}
                    undo={{ key: `void-payment-${e.refId}`, onUndo: () => unvoidPayment(e.refId), undone: t('credit.voidPaymentUndone') }}
                  />
                ) : null,
            },
          ]}
        />
      )}
      {paying && <PaymentDialog customerId={customerId} name={name} owedFen={Math.max(0, ledger.balanceFen)} onClose={() => setPaying(false)} />}
      <Typography.Text type="secondary" className="ledger-note">
        {t('credit.derivedNote')}
      </Typography.Text>
    </Card>
  );
}
