/** The sales journal: every slip, newest first, filtered by dates and payment; a slip opens to its lines, each can be voided. */
import { App, Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slipMethods, type Slip, type SlipMethod, type SlipSummary } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { money, quantityText } from '../../components/format.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { VoidButton } from '../../components/VoidButton.tsx';
import { useAppStore } from '../../store/store.ts';

function SlipLines({ id }: { id: number }) {
  const { t } = useTranslation();
  const api = useAppStore((s) => s.api);
  const journal = useAppStore((s) => s.journal);
  const voidSlipLine = useAppStore((s) => s.voidSlipLine);
  const [slip, setSlip] = useState<Slip | null>(null);
  useEffect(() => {
    void api['slips.get']({ id }).then(setSlip);
  }, [api, id, journal]);
  if (!slip) return null;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="saleId"
      dataSource={slip.lines}
      columns={[
        { title: t('slips.product'), render: (_, l) => (l.voidedAt ? <Typography.Text delete>{l.productName}</Typography.Text> : l.productName) },
        { title: t('slips.quantity'), render: (_, l) => quantityText(t, l.quantity, l.unit) },
        { title: t('slips.amount'), align: 'right', render: (_, l) => money(l.amountFen) },
        {
          title: '',
          render: (_, l) =>
            l.voidedAt ? (
              <Tag>{l.voidReason || t('slips.journal.voidedTag')}</Tag>
            ) : (
              <VoidButton confirm={t('slips.journal.voidLineConfirm')} onVoid={(reason) => voidSlipLine(l.saleId, reason)} />
            ),
        },
      ]}
    />
  );
}

export function JournalPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const journal = useAppStore((s) => s.journal);
  const filter = useAppStore((s) => s.journalFilter);
  const loadJournal = useAppStore((s) => s.loadJournal);
  const voidSlip = useAppStore((s) => s.voidSlip);
  const change = (patch: Partial<typeof filter>) => loadJournal({ ...filter, ...patch }).catch((error: unknown) => void message.error(errorText(t, error)));

  useEffect(() => {
    void loadJournal().catch((error: unknown) => void message.error(errorText(t, error)));
  }, [loadJournal, message, t]);

  const paidText = (s: SlipSummary) => s.payments.map((p) => `${t(`slips.methods.${p.method}`)} ${money(p.amountFen)}`).join(t('common.listSeparator'));
  return (
    <Flex vertical gap={12} className="page">
      <Typography.Title level={3}>{t('slips.journal.title')}</Typography.Title>
      <Flex gap={8} wrap align="center">
        <Input
          type="date"
          aria-label={t('slips.journal.from')}
          prefix={t('slips.journal.from')}
          style={{ width: 190 }}
          value={filter.from ?? ''}
          onChange={(e) => void change({ from: e.target.value || undefined })}
        />
        <Input
          type="date"
          aria-label={t('slips.journal.to')}
          prefix={t('slips.journal.to')}
          style={{ width: 190 }}
          value={filter.to ?? ''}
          onChange={(e) => void change({ to: e.target.value || undefined })}
        />
        <Select<SlipMethod | ''>
          aria-label={t('slips.journal.method')}
          style={{ width: 160 }}
          value={filter.method ?? ''}
          onChange={(method) => void change({ method: method || undefined })}
          options={[{ value: '', label: t('slips.journal.anyMethod') }, ...slipMethods.map((m) => ({ value: m, label: t(`slips.methods.${m}`) }))]}
        />
        {journal && <Typography.Text strong>{t('slips.journal.count', { count: journal.count, amount: money(journal.totalFen) })}</Typography.Text>}
      </Flex>
      <Table<SlipSummary>
        size="small"
        rowKey="id"
        dataSource={journal?.slips ?? []}
        pagination={{ pageSize: 12, showSizeChanger: false }}
        locale={{ emptyText: t('slips.journal.none') }}
        expandable={{ expandedRowRender: (s) => <SlipLines id={s.id} /> }}
        columns={[
          { title: t('slips.journal.date'), dataIndex: 'date', width: 110 },
          { title: t('slips.journal.slip'), width: 90, render: (_, s) => t('slips.no', { id: s.id }) },
          { title: t('slips.journal.customer'), render: (_, s) => s.customerName ?? t('slips.walkIn') },
          { title: t('slips.journal.total'), align: 'right', width: 110, render: (_, s) => money(s.totalFen) },
          { title: t('slips.journal.payments'), ellipsis: true, render: (_, s) => paidText(s) },
          {
            title: t('slips.journal.actions'),
            width: 150,
            render: (_, s) => (
              <Flex gap={4} align="center">
                <Button size="small" type="link" onClick={() => openPrintView({ kind: 'slip', slipId: s.id, layout: 'receipt', area: '', autoPrint: false })}>
                  {t('slips.journal.print')}
                </Button>
                {s.voidedAt ? (
                  <Tag>{t('slips.journal.voidedTag')}</Tag>
                ) : (
                  <VoidButton confirm={t('slips.journal.voidSlipConfirm')} onVoid={(reason) => voidSlip(s.id, reason)} />
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
