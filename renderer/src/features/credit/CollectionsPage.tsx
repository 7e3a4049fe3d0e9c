import { CopyOutlined, PhoneOutlined, PrinterOutlined, WalletOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Flex, Form, Segmented, Statistic, Tag, Typography } from 'antd';
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { collectionOutcomes, type CollectionRow } from '../../../../shared/contract.ts';
import { addDays, daysBetween } from '../../../../shared/domain/dates.ts';
import { CallDialog } from '../../components/CallDialog.tsx';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { errorText } from '../../components/errors.ts';
import { MoreRowsHint } from '../../components/MoreRowsHint.tsx';
import { showUndoable } from '../../components/undoMessage.tsx';
import { money, paydayText, shortDate } from '../../components/format.ts';
import { isBeyondReach, requiredRule } from '../../components/formRules.ts';
import { useAppStore } from '../../store/store.ts';
import { collectionOutcomeText } from './outcomeText.ts';
import { PaymentDialog } from './PaymentDialog.tsx';
import { PhoneCell } from '../../components/PhoneCell.tsx';
import { useCopyPaymentMessage } from './useCopyPaymentMessage.tsx';
import { OwingContainersButton } from '../containers/OwingContainers.tsx';

type Outcome = (typeof collectionOutcomes)[number];

interface CollectionCallForm {
  action: 'called' | 'visited';
  outcome: Outcome;
  date?: Dayjs;
  note?: string;
}

/** What came of a call or a visit about what is owed: Today's call dialog, with the day they promised. */
function CollectionCallDialog({ row, onClose }: { row: CollectionRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useAppStore((s) => s.actOnCollection);
  const undo = useAppStore((s) => s.undoCollectionAction);
  const today = useShopToday();
  const [form] = Form.useForm<CollectionCallForm>();
  const outcome = Form.useWatch('outcome', form) ?? 'will_pay';

  const submitting = useSingleSubmit(async () => {
    const values = await form.validateFields();
    try {
      const contact = await act({
        customerId: row.customerId,
        action: values.action,
        outcome: values.outcome,
        ...(values.outcome === 'will_pay' && values.date ? { date: values.date.format('YYYY-MM-DD') } : {}),
        note: values.note?.trim() ?? '',
      });
      showUndoable(message, {
        key: `collection-${contact.id}`,
        text: t('credit.logged', { name: row.name, outcome: t(`credit.outcomes.${values.outcome}`) }),
        undoLabel: t('common.undo'),
        onUndo: () => void undo(contact.id),
      });
      onClose();
    } catch (error) {
      void message.error(errorText(t, error));
    }
  });

  return (
    <CallDialog<CollectionCallForm, Outcome>
      title={t('credit.callTitle', { name: row.name })}
      form={form}
      onClose={onClose}
      submitting={submitting}
      outcomes={collectionOutcomes}
      outcomeText={(value) => t(`credit.outcomes.${value}`)}
      initialValues={{ action: 'called', outcome: 'will_pay', date: dayjs(addDays(today, 3)) }}
      before={
        <>
          <Form.Item label={t('credit.balance')}>
            <Typography.Text strong>{money(row.balanceFen)}</Typography.Text>
          </Form.Item>
          <Form.Item name="action" label={t('credit.how')}>
            <Segmented<'called' | 'visited'>
              options={[
                { value: 'called', label: t('credit.called') },
                { value: 'visited', label: t('credit.visited') },
              ]}
            />
          </Form.Item>
        </>
      }
    >
      {outcome === 'will_pay' && (
        <Form.Item name="date" label={t('credit.promisedOn')} rules={[requiredRule(t)]}>
          <DatePicker allowClear={false} className="full-width" disabledDate={(d) => d.isBefore(dayjs(today), 'day') || isBeyondReach(d, today)} />
        </Form.Item>
      )}
    </CallDialog>
  );
}

type SortKey = 'owed' | 'since';
type Sort = { key: SortKey; order: 'descend' | 'ascend' } | null;

/** Longest owed first, then the most owed (who to go after, not the day of the month they are paid); or as the header says. */
function sortRows(items: CollectionRow[], sort: Sort): CollectionRow[] {
  const rows = [...items].sort((a, b) => a.oldestUnpaidDate.localeCompare(b.oldestUnpaidDate) || b.balanceFen - a.balanceFen);
  if (!sort) return rows;
  // "Descend" is the most: the most owed, the most days owed (the earliest date).
  const most =
    sort.key === 'owed'
      ? (a: CollectionRow, b: CollectionRow) => b.balanceFen - a.balanceFen
      : (a: CollectionRow, b: CollectionRow) => a.oldestUnpaidDate.localeCompare(b.oldestUnpaidDate);
  return rows.sort(sort.order === 'descend' ? most : (a, b) => most(b, a));
}

/** Clicks go most first, least first, then back to the list's own order (as antd's sorter did). */
function nextSort(sort: Sort, key: SortKey): Sort {
  if (sort?.key !== key) return { key, order: 'descend' };
  return sort.order === 'descend' ? { key, order: 'ascend' } : null;
}

function SortHeader({ label, column, sort, onSort }: { label: string; column: SortKey; sort: Sort; onSort: (key: SortKey) => void }) {
  const order = sort?.key === column ? sort.order : null;
  return (
    <th
      className={`collection-sortable${order ? ` sorted-${order}` : ''}`}
      aria-sort={order === 'descend' ? 'descending' : order === 'ascend' ? 'ascending' : 'none'}
      tabIndex={0}
      onClick={() => onSort(column)}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onSort(column);
      }}
    >
      {label}
      <span aria-hidden className="sort-mark">
        {order === 'ascend' ? '▲' : order === 'descend' ? '▼' : '↕'}
      </span>
    </th>
  );
}

interface RowProps {
  row: CollectionRow;
  index: number;
  selected: boolean;
  today: string;
  measure: (element: HTMLTableRowElement | null) => void;
  onSelect: (row: CollectionRow) => void;
  onOpen: (row: CollectionRow) => void;
  onMove: (index: number, delta: number) => void;
  onCall: (row: CollectionRow) => void;
  onCopy: (row: CollectionRow) => void;
  onPay: (row: CollectionRow) => void;
}

/** One household: plain cells, each line one line (an address is cut, not wrapped), drawn again only when it changed. */
const CollectionTableRow = memo(function CollectionTableRow({
  row,
  index,
  selected,
  today,
  measure,
  onSelect,
  onOpen,
  onMove,
  onCall,
  onCopy,
  onPay,
}: RowProps) {
  const { t } = useTranslation();
  const place = [row.area, row.address].filter(Boolean).join(' · ');
  return (
    <tr
      ref={measure}
      data-index={index}
      data-customer-id={row.customerId}
      tabIndex={0}
      aria-selected={selected}
      className={`collection-row${selected ? ' collection-row-selected' : ''}`}
      onClick={() => onSelect(row)}
      onDoubleClick={() => onOpen(row)}
      onKeyDown={(event) => {
        // Only the row's own keys: on its buttons Enter is theirs.
        if (event.target !== event.currentTarget) return;
        if (event.key === 'Enter') onOpen(row);
        else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          onMove(index, event.key === 'ArrowDown' ? 1 : -1);
        }
      }}
    >
      <td>
        <span className="one-line">{paydayText(t, row.payday)}</span>
      </td>
      <td>
        <div className="cell-stack">
          <strong className="one-line">{row.name}</strong>
          <span className="text-muted one-line" title={place}>
            {place}
          </span>
        </div>
      </td>
      <td>
        {/* The last call's outcome under the number called: a column of its own left the name no room at 1024 px. */}
        <div className="cell-stack">
          <PhoneCell phone={row.phone} />
          {row.outcome && <Tag className="collection-outcome">{collectionOutcomeText(t, row.outcome)}</Tag>}
        </div>
      </td>
      <td className="collection-owed">
        <strong>{money(row.balanceFen)}</strong>
      </td>
      <td>
        <div className="cell-stack">
          <span className="one-line">{shortDate(t, row.oldestUnpaidDate, today)}</span>
          <span className="text-muted one-line">{t('credit.daysOwed', { count: daysBetween(row.oldestUnpaidDate, today) })}</span>
        </div>
      </td>
      <td>
        <Flex gap={4}>
          <Button size="small" icon={<PhoneOutlined />} onClick={() => onCall(row)}>
            {t('credit.logCall')}
          </Button>
          {/* Icon only: a third labelled button would not fit the row at 1024 px. */}
          <Button size="small" icon={<CopyOutlined />} onClick={() => onCopy(row)} aria-label={t('credit.copyMessage')} title={t('credit.copyMessage')} />
          <Button size="small" type="primary" icon={<WalletOutlined />} onClick={() => onPay(row)}>
            {t('credit.recordPayment')}
          </Button>
        </Flex>
      </td>
    </tr>
  );
});

function Header({ t, sort, onSort }: { t: TFunction; sort: Sort; onSort: (key: SortKey) => void }) {
  return (
    <thead>
      <tr>
        <th>{t('customers.payday')}</th>
        <th>{t('credit.household')}</th>
        <th title={t('credit.lastOutcome')}>{t('customers.form.phones')}</th>
        <SortHeader label={t('credit.balance')} column="owed" sort={sort} onSort={onSort} />
        <SortHeader label={t('credit.owesSince')} column="since" sort={sort} onSort={onSort} />
        <th aria-label={t('credit.actions')} />
      </tr>
    </thead>
  );
}

/**
 * Who owes, virtualised: only the rows on screen are drawn (200 rows with their buttons took most of a
 * second), in a real table so the header and the rows share their columns. ↑/↓ on a row go to the next,
 * Enter opens its household's record; back from it, the same row has the focus again.
 */
function CollectionTable({ rows, onCall, onPay }: { rows: CollectionRow[]; onCall: (row: CollectionRow) => void; onPay: (row: CollectionRow) => void }) {
  const copyMessage = useCopyPaymentMessage();
  const onCopy = useCallback((row: CollectionRow) => void copyMessage(row), [copyMessage]);
  const { t } = useTranslation();
  const today = useAppStore((s) => s.collections?.today ?? '');
  const selectedId = useAppStore((s) => s.collectionSelectedId);
  const selectRow = useAppStore((s) => s.selectCollectionRow);
  const openRecord = useAppStore((s) => s.openRecord);
  const shown = useAppStore((s) => s.view === 'collections');
  const [sort, setSort] = useState<Sort>(null);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 58,
    overscan: 10,
    getItemKey: (index) => sorted[index]!.customerId,
    initialRect: { width: 800, height: 600 },
    // Hidden behind another screen (kept mounted, display: none) every row measures 0; taken as real, the
    // list "corrected" its scroll for rows that only seemed to shrink, and each return to Collections
    // showed it a few rows further down (the UI bench's fourth switch found the top rows gone).
    measureElement: (element, entry, instance) => {
      const size = measureElement(element, entry, instance);
      if (size > 0) return size;
      const index = instance.indexFromElement(element);
      return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
    },
  });
  /** The row to give the focus once it is drawn (after ↑/↓, or back from its record). */
  const focusNext = useRef<number | null>(null);
  const focusPending = useCallback(() => {
    if (focusNext.current === null) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`tr[data-customer-id="${focusNext.current}"]`);
    if (!element) return;
    focusNext.current = null;
    element.focus({ preventScroll: true });
  }, []);
  useLayoutEffect(focusPending);
  const focusRow = useCallback(
    (index: number) => {
      const row = sorted[index];
      if (!row) return;
      focusNext.current = row.customerId;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // Drawn already: now; otherwise once the scroll has drawn it.
      focusPending();
    },
    [sorted, virtualizer, focusPending],
  );

  // Back from a household's record (the page stayed as it was), its row has the focus again.
  useEffect(() => {
    if (!shown || selectedId === null) return;
    const index = sorted.findIndex((r) => r.customerId === selectedId);
    if (index >= 0) focusRow(index);
    // Only on coming back, not when the list or its order changes under the selection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);

  const onSelect = useCallback((row: CollectionRow) => selectRow(row.customerId), [selectRow]);
  const onOpen = useCallback(
    (row: CollectionRow) => {
      selectRow(row.customerId);
      openRecord(row.customerId, 'collections');
    },
    [selectRow, openRecord],
  );
  const onMove = useCallback(
    (index: number, delta: number) => {
      const next = sorted[index + delta];
      if (!next) return;
      selectRow(next.customerId);
      focusRow(index + delta);
    },
    [sorted, selectRow, focusRow],
  );

  const items = virtualizer.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div ref={scrollRef} className="collection-scroll">
      <table className="collection-table" aria-rowcount={sorted.length + 1}>
        <colgroup>
          <col className="col-payday" />
          <col />
          <col className="col-phone" />
          <col className="col-owed" />
          <col className="col-since" />
          <col className="col-actions" />
        </colgroup>
        <Header t={t} sort={sort} onSort={(key) => setSort((current) => nextSort(current, key))} />
        <tbody>
          {above > 0 && <tr aria-hidden style={{ height: above }} />}
          {items.map((item) => {
            const row = sorted[item.index]!;
            return (
              <CollectionTableRow
                key={row.customerId}
                row={row}
                index={item.index}
                selected={row.customerId === selectedId}
                today={today}
                measure={virtualizer.measureElement}
                onSelect={onSelect}
                onOpen={onOpen}
                onMove={onMove}
                onCall={onCall}
                onCopy={onCopy}
                onPay={onPay}
              />
            );
          })}
          {below > 0 && <tr aria-hidden style={{ height: below }} />}
        </tbody>
      </table>
    </div>
  );
}

/** Payday collections: who owes, how much, since when; grouped by payday as the rice seller did. `onPrint`: the daily sheet of the area shown. */
export function CollectionsPage({ onPrint }: { onPrint?: (area: string) => void }) {
  const { t } = useTranslation();
  const collections = useAppStore((s) => s.collections);
  const area = useAppStore((s) => s.collectionArea);
  const setArea = useAppStore((s) => s.setCollectionArea);
  const refresh = useAppStore((s) => s.refreshCollections);
  const [calling, setCalling] = useState<CollectionRow | null>(null);
  const [paying, setPaying] = useState<CollectionRow | null>(null);

  // Loaded when first shown; then the screen stays mounted and its list is refreshed when it is chosen
  // again and the book changed (shopSlice.setView): the two share one call.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!collections) return null;
  const rows = collections.items;
  return (
    <Flex vertical gap={16} className="page collections">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3}>{t('credit.collectionsTitle')}</Typography.Title>
        {/* Wraps in a small window with large text: many areas and two buttons do not fit one line. */}
        <Flex gap={12} align="center" wrap justify="flex-end">
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
          <OwingContainersButton />
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
      {rows.length === 0 ? <Empty description={t('credit.nothingToCollect')} /> : <CollectionTable rows={rows} onCall={setCalling} onPay={setPaying} />}
      <MoreRowsHint shown={rows.length} total={collections.total} />
      {calling && <CollectionCallDialog row={calling} onClose={() => setCalling(null)} />}
      {paying && <PaymentDialog customerId={paying.customerId} name={paying.name} owedFen={paying.balanceFen} onClose={() => setPaying(null)} />}
    </Flex>
  );
}
