import { CopyOutlined, PhoneOutlined, PrinterOutlined, WalletOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Flex, Modal, Radio, Segmented, Statistic, Table, Tag, Typography, type TableColumnsType, type TableRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { collectionOutcomes, type CollectionRow } from '../../../../shared/contract.ts';
import { daysBetween } from '../../../../shared/domain/dates.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { errorText } from '../../components/errors.ts';
import { MoreRowsHint } from '../../components/MoreRowsHint.tsx';
import { showUndoable } from '../../components/undoMessage.tsx';
import { money, paydayText, shortDate } from '../../components/format.ts';
import { isBeyondReach } from '../../components/formRules.ts';
import { useAppStore } from '../../store/store.ts';
import { collectionOutcomeText } from './outcomeText.ts';
import { PaymentDialog } from './PaymentDialog.tsx';
import { PhoneCell } from '../../components/PhoneCell.tsx';
import { useCopyPaymentMessage } from './useCopyPaymentMessage.tsx';

type Outcome = (typeof collectionOutcomes)[number];

function CollectionCallDialog({ row, onClose }: { row: CollectionRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useAppStore((s) => s.actOnCollection);
  const undo = useAppStore((s) => s.undoCollectionAction);
  const today = useAppStore((s) => s.collections?.today);
  const [action, setAction] = useState<'called' | 'visited'>('called');
  const [outcome, setOutcome] = useState<Outcome>('will_pay');
  const [date, setDate] = useState<Dayjs | null>(dayjs(today).add(3, 'day'));

  async function save() {
    try {
      const contact = await act({
        customerId: row.customerId,
        action,
        outcome,
        ...(outcome === 'will_pay' && date ? { date: date.format('YYYY-MM-DD') } : {}),
      });
      showUndoable(message, {
        key: `collection-${contact.id}`,
        text: t('credit.logged', { name: row.name, outcome: t(`credit.outcomes.${outcome}`) }),
        undoLabel: t('common.undo'),
        onUndo: () => void undo(contact.id),
      });
      onClose();
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }

  const { run, busy } = useSingleSubmit(save);
  return (
    <Modal
      open
      title={t('credit.callTitle', { name: row.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={run}
      onCancel={onClose}
      okButtonProps={{ disabled: outcome === 'will_pay' && !date }}
    >
      <Flex vertical gap={16}>
        <Segmented<'called' | 'visited'>
          value={action}
          onChange={setAction}
          options={[
            { value: 'called', label: t('credit.called') },
            { value: 'visited', label: t('credit.visited') },
          ]}
        />
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
          options={collectionOutcomes.map((o) => ({ value: o, label: t(`credit.outcomes.${o}`) }))}
        />
        {outcome === 'will_pay' && (
          <Flex align="center" gap={8}>
            <Typography.Text>{t('credit.promisedOn')}</Typography.Text>
            <DatePicker
              value={date}
              onChange={setDate}
              allowClear={false}
              disabledDate={(d) => !!today && (d.isBefore(dayjs(today), 'day') || isBeyondReach(d, today))}
            />
          </Flex>
        )}
      </Flex>
    </Modal>
  );
}

/** Payday collections: who owes, how much, since when; grouped by payday as the rice seller did. `onPrint`: the daily sheet of the area shown. */
export function CollectionsPage({ onPrint }: { onPrint?: (area: string) => void }) {
  const { t } = useTranslation();
  const collections = useAppStore((s) => s.collections);
  const area = useAppStore((s) => s.collectionArea);
  const setArea = useAppStore((s) => s.setCollectionArea);
  const load = useAppStore((s) => s.loadCollections);
  const [calling, setCalling] = useState<CollectionRow | null>(null);
  const [paying, setPaying] = useState<CollectionRow | null>(null);
  const selectedId = useAppStore((s) => s.collectionSelectedId);
  const selectRow = useAppStore((s) => s.selectCollectionRow);
  const openRecord = useAppStore((s) => s.openRecord);
  const tableRef = useRef<TableRef>(null);
  const copyMessage = useCopyPaymentMessage();

  useEffect(() => {
    void load();
  }, [load]);

  // Back from a household's record, its row has the focus again: Enter opens it, Tab goes on from there.
  const hasRows = (collections?.items.length ?? 0) > 0;
  useEffect(() => {
    if (hasRows) tableRef.current?.nativeElement.querySelector<HTMLElement>('.collection-row-selected')?.focus();
  }, [hasRows]);

  function open(row: CollectionRow) {
    selectRow(row.customerId);
    openRecord(row.customerId, 'collections');
  }

  // The longest owed first, then the most owed: who to go after, not the day of the month they are paid.
  const rows = useMemo(
    () => [...(collections?.items ?? [])].sort((a, b) => a.oldestUnpaidDate.localeCompare(b.oldestUnpaidDate) || b.balanceFen - a.balanceFen),
    [collections],
  );

  const today = collections?.today ?? '';
  const columns = useMemo<TableColumnsType<CollectionRow>>(
    () => [
      { title: t('customers.payday'), key: 'payday', width: 130, render: (_, r) => paydayText(t, r.payday) },
      {
        title: t('credit.household'),
        key: 'name',
        render: (_, r) => (
          <div className="cell-stack">
            <strong>{r.name}</strong>
            <span className="text-muted">{[r.area, r.address].filter(Boolean).join(' · ')}</span>
          </div>
        ),
      },
      { title: t('customers.form.phones'), key: 'phone', render: (_, r) => <PhoneCell phone={r.phone} /> },
      {
        title: t('credit.balance'),
        key: 'owed',
        align: 'right',
        sorter: (a, b) => a.balanceFen - b.balanceFen,
        sortDirections: ['descend', 'ascend'],
        render: (_, r) => <strong>{money(r.balanceFen)}</strong>,
      },
      {
        title: t('credit.owesSince'),
        key: 'since',
        // Days owed: an earlier date is more days.
        sorter: (a, b) => b.oldestUnpaidDate.localeCompare(a.oldestUnpaidDate),
        sortDirections: ['descend', 'ascend'],
        render: (_, r) => (
          <div className="cell-stack">
            <span>{shortDate(t, r.oldestUnpaidDate, today)}</span>
            <span className="text-muted nowrap">{t('credit.daysOwed', { count: daysBetween(r.oldestUnpaidDate, today) })}</span>
          </div>
        ),
      },
      { title: t('credit.lastOutcome'), key: 'outcome', render: (_, r) => (r.outcome ? <Tag>{collectionOutcomeText(t, r.outcome)}</Tag> : null) },
      {
        key: 'actions',
        render: (_, r) => (
          <Flex gap={4}>
            <Button size="small" icon={<PhoneOutlined />} onClick={() => setCalling(r)}>
              {t('credit.logCall')}
            </Button>
            {/* Icon only: a third labelled button would not fit the row at 1024 px. */}
            <Button
              size="small"
              icon={<CopyOutlined />}
              onClick={() => void copyMessage(r)}
              aria-label={t('credit.copyMessage')}
              title={t('credit.copyMessage')}
            />
            <Button size="small" type="primary" icon={<WalletOutlined />} onClick={() => setPaying(r)}>
              {t('credit.recordPayment')}
            </Button>
          </Flex>
        ),
      },
    ],
    [t, today, copyMessage],
  );

  if (!collections) return null;
  return (
    <Flex vertical gap={16} className="page collections">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3}>{t('credit.collectionsTitle')}</Typography.Title>
        <Flex gap={12} align="center">
          {collections.areas.length > 0 && (
            <Segmented<string>
              value={area}
              onChange={(v) => void setArea(v)}
              options={[{ value: '', label: t('credit.allAreas') }, ...collections.areas.map((a) => ({ value: a, label: a }))]}
            />
          )}
          {onPrint && (
            <Button icon={<PrinterOutlined />} onClick={() => onPrint(area)}>
              {t('credit.printSheet')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Flex gap={48}>
        <Statistic title={t('credit.toCollect')} value={collections.total} suffix={t('credit.households')} />
        <Statistic title={t('credit.totalOwed')} value={money(collections.totalOwedFen)} />
        <Statistic
          className="collections-all-debts"
          title={t('credit.allDebts', { count: collections.allDebts.households })}
          value={money(collections.allDebts.owedFen)}
        />
      </Flex>
      {rows.length === 0 ? (
        <Empty description={t('credit.nothingToCollect')} />
      ) : (
        <Table<CollectionRow>
          ref={tableRef}
          rowKey="customerId"
          dataSource={rows}
          pagination={false}
          size="middle"
          rowClassName={(r) => (r.customerId === selectedId ? 'collection-row-selected' : '')}
          onRow={(r) => ({
            tabIndex: 0,
            onClick: () => selectRow(r.customerId),
            onDoubleClick: () => open(r),
            onKeyDown: (event) => {
              // Only the row's own Enter: on its buttons Enter is theirs.
              if (event.key === 'Enter' && event.target === event.currentTarget) open(r);
            },
          })}
          columns={columns}
        />
      )}
      <MoreRowsHint shown={rows.length} total={collections.total} />
      {calling && <CollectionCallDialog row={calling} onClose={() => setCalling(null)} />}
      {paying && <PaymentDialog customerId={paying.customerId} name={paying.name} owedFen={paying.balanceFen} onClose={() => setPaying(null)} />}
    </Flex>
  );
}
