/**
 * The sales journal: every slip and every sale recorded alone (记一笔), newest first, filtered by dates,
 * household, product and payment, exported as CSV as filtered; a slip opens to its lines, each can be
 * voided. Its second tab is the day's close (日结).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { journalMethods, LIMITS, type JournalEntry, type JournalMethod, type Slip } from '../../../../shared/contract.ts';
import { csvFile } from '../../../../shared/domain/csv.ts';
import { formatYuan } from '../../../../shared/domain/money.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { download } from '../../components/download.ts';
import { errorText } from '../../components/errors.ts';
import { money, quantityText } from '../../components/format.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { VoidButton } from '../../components/VoidButton.tsx';
import { useAppStore } from '../../store/store.ts';
import { HouseholdPicker, type PickedHousehold } from '../customers/HouseholdPicker.tsx';
import { DayClosePage } from '../dayClose/DayClosePage.tsx';

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

/** The household filter: found by name, pinyin or phone, as in the slip. */
function HouseholdFilter({ value, onChange }: { value: number | undefined; onChange: (id: number | undefined) => void }) {
  const { t } = useTranslation();
  const entries = useAppStore((s) => s.journal?.entries);
  const [picked, setPicked] = useState<PickedHousehold | null>(null);
  // Back on the journal with its filter kept, the household is named from its own entries.
  const name = picked && picked.id === value ? picked.name : (entries?.find((e) => e.customerId === value)?.customerName ?? '');
  return (
    <HouseholdPicker
      ariaLabel={t('slips.journal.household')}
      placeholder={t('slips.journal.anyHousehold')}
      style={{ width: 230 }}
      value={value === undefined ? null : { id: value, name }}
      onChange={(household) => {
        setPicked(household);
        onChange(household?.id);
      }}
    />
  );
}

function JournalTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = useShopToday();
  const api = useAppStore((s) => s.api);
  const journal = useAppStore((s) => s.journal);
  const filter = useAppStore((s) => s.journalFilter);
  const loadJournal = useAppStore((s) => s.loadJournal);
  const voidSlip = useAppStore((s) => s.voidSlip);
  const voidSale = useAppStore((s) => s.voidSale);
  const products = useAppStore((s) => s.products);
  const loadProducts = useAppStore((s) => s.loadProducts);
  const fail = (error: unknown) => void message.error(errorText(t, error));
  const change = (patch: Partial<typeof filter>) => loadJournal({ ...filter, ...patch }).catch(fail);

  useEffect(() => {
    // First shown: the day's record (today); after that, as the shopkeeper left the filter.
    void loadJournal(journal ? undefined : { from: today, to: today }).catch(fail);
    if (products.length === 0) void loadProducts().catch(fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit, not per answer
  }, []);

  const paidText = (e: JournalEntry) => e.payments.map((p) => `${t(`slips.methods.${p.method}`)} ${money(p.amountFen)}`).join(t('common.listSeparator'));
  const entryNo = (e: JournalEntry) => (e.kind === 'slip' ? t('slips.no', { id: e.id }) : t('slips.journal.single'));

  async function exportCsv() {
    try {
      const { entries } = await api['slips.list']({ ...filter, limit: LIMITS.listRows });
      const rows = entries.map((e) => [
        e.date,
        entryNo(e),
        e.customerName ?? t('slips.walkIn'),
        e.products,
        formatYuan(e.totalFen),
        paidText(e),
        e.voidedAt ? [t('slips.journal.voidedTag'), e.voidReason].filter(Boolean).join(' ') : '',
      ]);
      const header = ['date', 'slip', 'customer', 'products', 'total', 'payments', 'voidedTag'] as const;
      const range = [filter.from, filter.to].filter(Boolean).join('_') || today;
      download(t('slips.journal.csvName', { range }), csvFile([header.map((h) => t(`slips.journal.${h}`)), ...rows]));
    } catch (error) {
      fail(error);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <DateInput label={t('slips.journal.from')} value={filter.from ?? ''} onChange={(from) => void change({ from: from || undefined })} />
        <DateInput label={t('slips.journal.to')} value={filter.to ?? ''} onChange={(to) => void change({ to: to || undefined })} />
        <HouseholdFilter value={filter.customerId} onChange={(customerId) => void change({ customerId })} />
        <Select<number | ''>
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('slips.journal.product')}
          style={{ width: 150 }}
          value={filter.productId ?? ''}
          onChange={(productId) => void change({ productId: productId || undefined })}
          options={[{ value: '', label: t('slips.journal.anyProduct') }, ...products.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <Select<JournalMethod | ''>
          aria-label={t('slips.journal.method')}
          style={{ width: 150 }}
          value={filter.method ?? ''}
          onChange={(method) => void change({ method: method || undefined })}
          options={[{ value: '', label: t('slips.journal.anyMethod') }, ...journalMethods.map((m) => ({ value: m, label: t(`slips.methods.${m}`) }))]}
        />
        <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>
          {t('slips.journal.export')}
        </Button>
      </Flex>
      {journal && <Typography.Text strong>{t('slips.journal.count', { count: journal.count, amount: money(journal.totalFen) })}</Typography.Text>}
      <Table<JournalEntry>
        size="small"
        rowKey={(e) => `${e.kind}-${e.id}`}
        dataSource={journal?.entries ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: t('slips.journal.none') }}
        expandable={{ expandedRowRender: (e) => <SlipLines id={e.id} />, rowExpandable: (e) => e.kind === 'slip' }}
        columns={[
          { title: t('slips.journal.date'), dataIndex: 'date', width: 100 },
          { title: t('slips.journal.slip'), width: 90, render: (_, e) => entryNo(e) },
          { title: t('slips.journal.customer'), width: 110, ellipsis: true, render: (_, e) => e.customerName ?? t('slips.walkIn') },
          { title: t('slips.journal.products'), ellipsis: true, dataIndex: 'products' },
          { title: t('slips.journal.total'), align: 'right', width: 100, render: (_, e) => money(e.totalFen) },
          { title: t('slips.journal.payments'), ellipsis: true, render: (_, e) => paidText(e) },
          {
            title: t('slips.journal.actions'),
            width: 140,
            render: (_, e) => (
              <Flex gap={4} align="center">
                {e.kind === 'slip' && (
                  <Button size="small" type="link" onClick={() => openPrintView({ kind: 'slip', slipId: e.id, layout: 'receipt', area: '', autoPrint: false })}>
                    {t('slips.journal.print')}
                  </Button>
                )}
                {e.voidedAt ? (
                  <Tag>{t('slips.journal.voidedTag')}</Tag>
                ) : (
                  <VoidButton
                    confirm={t(e.kind === 'slip' ? 'slips.journal.voidSlipConfirm' : 'slips.journal.voidLineConfirm')}
                    onVoid={(reason) => (e.kind === 'slip' ? voidSlip(e.id, reason) : voidSale(e.id, reason).then(() => loadJournal()))}
                  />
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

export function JournalPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} className="page">
      <Typography.Title level={3}>{t('slips.journal.title')}</Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'journal', label: t('slips.journal.menu'), children: <JournalTab /> },
          { key: 'close', label: t('dayClose.tab'), children: <DayClosePage /> },
        ]}
      />
    </Flex>
  );
}
