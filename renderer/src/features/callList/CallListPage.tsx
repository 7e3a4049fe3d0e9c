import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderRow } from '../../../../shared/contract.ts';
import { longDate, money, peopleText, shortDate } from '../../components/format.ts';
import { MoreRowsHint } from '../../components/MoreRowsHint.tsx';
import { openPrintView } from '../../components/printRoute.ts';
import { callRows, reminderKey } from '../../store/callListSlice.ts';
import { useAppStore } from '../../store/store.ts';
import { daysToRunOut, dueSinceText, lastPurchaseText, runOutRelative, statusText } from './rowText.ts';
import { useCallListKeys, type CallListAction } from './useCallListKeys.ts';
import { LapsedList } from './LapsedList.tsx';
import { PhoneCell } from '../../components/PhoneCell.tsx';
import { GasNotices } from '../gas/GasNotices.tsx';
import { RenewalNotices } from '../prepaid/RenewalNotices.tsx';

/** Up to this many areas show as one row of buttons; more become a drop-down. */
const SEGMENTED_AREAS = 6;
const NO_AREAS: string[] = [];

function runOutColor(days: number): string | undefined {
  if (days < 0) return 'red';
  if (days === 0) return 'orange';
  return undefined;
}

/**
 * A cell draws again only when its row's data changed: moving the selection restyles the row alone.
 * (The table is keyed by language and day, so a change of either draws it afresh.)
 */
const rowChanged = (row: ReminderRow, previous: ReminderRow) => row !== previous;

function columns(t: TFunction, today: string, section: 'due' | 'upcoming') {
  // Plain elements, not Typography/Flex: a day's list draws hundreds of rows, and antd's components
  // cost several times more per cell than a span.
  const muted = (text: string) => <span className="text-muted">{text}</span>;
  const list = [
    {
      title: t('callList.columns.household'),
      key: 'household',
      width: '19%',
      render: (_: unknown, row: ReminderRow) => (
        <div className="cell-stack">
          <strong className="call-name">{row.name}</strong>
          <span className="call-sub text-muted">{peopleText(t, row)}</span>
        </div>
      ),
    },
    {
      title: t('callList.columns.product'),
      key: 'product',
      width: '24%',
      render: (_: unknown, row: ReminderRow) => (
        <div className="cell-stack">
          <strong>{row.productName}</strong>
          <span className="call-sub text-muted">{lastPurchaseText(t, row, today)}</span>
        </div>
      ),
    },
    {
      title: t('callList.columns.runOut'),
      key: 'runOut',
      width: '14%',
      render: (_: unknown, row: ReminderRow) => (
        <div className="cell-stack">
          <span>{shortDate(t, row.runOutDate, today)}</span>
          <Tag color={runOutColor(daysToRunOut(row, today))} className="call-tag">
            {runOutRelative(t, row, today)}
          </Tag>
        </div>
      ),
    },
    {
      title: t('callList.columns.phone'),
      key: 'phone',
      width: '13%',
      render: (_: unknown, row: ReminderRow) => <PhoneCell phone={row.phone} none={muted('—')} />,
    },
    {
      title: t('callList.columns.area'),
      key: 'area',
      render: (_: unknown, row: ReminderRow) => (
        <div className="cell-stack">
          <span>{row.area || '—'}</span>
          {row.address && (
            <span title={row.address} className="call-sub text-muted call-address">
              {row.address}
            </span>
          )}
        </div>
      ),
    },
    {
      title: t('callList.columns.owed'),
      key: 'owed',
      width: '9%',
      align: 'right' as const,
      render: (_: unknown, row: ReminderRow) => (row.owedFen > 0 ? <Tag color="orange">{money(row.owedFen)}</Tag> : muted('—')),
    },
    {
      title: t('callList.columns.status'),
      key: 'status',
      width: '13%',
      render: (_: unknown, row: ReminderRow) => {
        const status = statusText(t, row, today);
        if (status)
          return (
            <Tag color="blue" className="call-tag">
              {status}
            </Tag>
          );
        if (section === 'upcoming') return muted(t('callList.remindOn', { date: shortDate(t, row.dueDate, today) }));
        // The due list is ordered by this date, not by the run-out beside it.
        return muted(dueSinceText(t, row, today));
      },
    },
  ];
  return list.map((column) => ({ ...column, shouldCellUpdate: rowChanged }));
}

/**
 * A call-list row that follows the selection itself: moving the selection redraws the two rows
 * concerned instead of the whole table (a whole 400-row table took a third of a second per key).
 */
function CallTableRow(props: React.HTMLAttributes<HTMLTableRowElement> & { 'data-row-key'?: string }) {
  const key = props['data-row-key'];
  const selected = useAppStore((s) => key !== undefined && s.callSelectedKey === key);
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // Keyboard moves keep the selected row on screen (jsdom has no scrolling).
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return <tr {...props} ref={ref} className={selected ? `${props.className ?? ''} call-row-selected` : props.className} aria-selected={selected} />;
}
const CALL_TABLE_COMPONENTS = { body: { row: CallTableRow } };

function CallSection({ section, rows, total }: { section: 'due' | 'upcoming'; rows: ReminderRow[]; total: number }) {
  const { t, i18n } = useTranslation();
  const today = useAppStore((s) => s.callList?.today ?? '');
  const selectCallRow = useAppStore((s) => s.selectCallRow);
  const openRecord = useAppStore((s) => s.openRecord);
  const cols = useMemo(() => columns(t, today, section), [t, today, section]);
  return (
    <Card
      size="small"
      className={`call-section call-section-${section}`}
      title={
        <Flex align="baseline" gap={10}>
          <span>{t(`callList.${section}`)}</span>
          <Typography.Text type="secondary" className="call-count">
            {t('callList.count', { count: total })}
          </Typography.Text>
        </Flex>
      }
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(section === 'due' ? 'callList.emptyDue' : 'callList.emptyUpcoming')} />
      ) : (
        <Table<ReminderRow>
          key={`${i18n.language}-${today}`}
          size="middle"
          rowKey={reminderKey}
          dataSource={rows}
          columns={cols}
          pagination={false}
          components={CALL_TABLE_COMPONENTS}
          // A row's `children` is the number of children in the household, not tree data.
          expandable={{ childrenColumnName: 'noTreeData' }}
          rowClassName="call-row"
          onRow={(row) => ({
            onClick: () => selectCallRow(reminderKey(row)),
            onDoubleClick: () => {
              selectCallRow(reminderKey(row));
              openRecord(row.customerId, 'callList');
            },
          })}
        />
      )}
      <MoreRowsHint shown={rows.length} total={total} />
    </Card>
  );
}

function AreaFilter() {
  const { t } = useTranslation();
  const areas = useAppStore((s) => s.callList?.areas ?? NO_AREAS);
  const area = useAppStore((s) => s.callArea);
  const setCallArea = useAppStore((s) => s.setCallArea);
  const moveCallSelection = useAppStore((s) => s.moveCallSelection);
  if (areas.length === 0 && !area) return null;
  const options = [{ value: '', label: t('callList.allAreas') }, ...areas.map((a) => ({ value: a, label: a }))];
  if (areas.length <= SEGMENTED_AREAS) {
    // The Segmented would take ↑/↓ as ←/→ and change the area: those move the list's selection
    // (stopped here, as the list's own key handler would never see them).
    const rowKeys = (event: React.KeyboardEvent) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      event.stopPropagation();
      moveCallSelection(event.key === 'ArrowDown' ? 1 : -1);
    };
    return (
      <span onKeyDownCapture={rowKeys}>
        <Segmented<string> aria-label={t('callList.areaFilter')} options={options} value={area} onChange={(value) => void setCallArea(value)} />
      </span>
    );
  }
  return (
    <Select<string>
      aria-label={t('callList.areaFilter')}
      className="call-area-select"
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      value={area}
      onChange={(value) => void setCallArea(value)}
    />
  );
}

function Key({ k }: { k: string }) {
  return <Typography.Text keyboard>{k}</Typography.Text>;
}

/** The actions on the selected row, as buttons that also show their keys. */
function ActionBar({ onKey }: { onKey: (key: CallListAction) => void }) {
  const { t } = useTranslation();
  const selected = useAppStore((s) => callRows(s.callList).find((r) => reminderKey(r) === s.callSelectedKey) ?? null);
  const canUndo = useAppStore((s) => s.undoStack.length > 0);
  return (
    <Flex align="center" gap={8} wrap className="call-actions">
      <Typography.Text type="secondary">
        <Key k="↑" /> <Key k="↓" /> {t('callList.actions.move')}
      </Typography.Text>
      <Button disabled={!selected} onClick={() => onKey('called')}>
        <Key k="C" /> {t('callList.actions.called')}
      </Button>
      <Button disabled={!selected} onClick={() => onKey('order')}>
        <Key k="O" /> {t('callList.actions.order')}
      </Button>
      <Button disabled={!selected} onClick={() => onKey('snooze')}>
        <Key k="S" /> {t('callList.actions.snooze')}
      </Button>
      <Button disabled={!selected} onClick={() => onKey('skip')}>
        <Key k="K" /> {t('callList.actions.skip')}
      </Button>
      <Button disabled={!selected} onClick={() => onKey('message')} title={t('callList.message.hint')}>
        <Key k="M" /> {t('callList.actions.message')}
      </Button>
      <Button disabled={!canUndo} onClick={() => onKey('undo')}>
        <Key k="Ctrl+Z" /> {t('callList.actions.undo')}
      </Button>
      {selected && (
        <Typography.Text type="secondary" ellipsis className="call-selected-hint">
          → {selected.name} · {selected.productName}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The app's home: who to call or deliver to today, and who is coming up this week. */
export function CallListPage() {
  const { t } = useTranslation();
  const list = useAppStore((s) => s.callList);
  const area = useAppStore((s) => s.callArea);
  // The list is loaded by the session (on start, and each time the Today view is chosen), not on mount:
  // both at once asked the backend twice for the same list.
  const run = useCallListKeys();

  return (
    <Flex vertical gap={12} className="page today">
      {/* Title, filter and keys stay in view while the list scrolls under them. */}
      <Flex vertical gap={10} className="today-head">
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Flex align="baseline" gap={12}>
            <Typography.Title level={3}>{t('callList.title')}</Typography.Title>
            {list && <Typography.Text className="today-date">{longDate(t, list.today)}</Typography.Text>}
          </Flex>
          <Flex align="center" gap={12} wrap>
            <AreaFilter />
            <Button icon={<PrinterOutlined />} onClick={() => openPrintView({ layout: 'a4', area, autoPrint: true })}>
              {t('callList.actions.print')} <Key k="Ctrl+P" />
            </Button>
          </Flex>
        </Flex>
        <ActionBar onKey={run} />
      </Flex>
      <GasNotices />
      <RenewalNotices />
      {list && (
        <>
          <CallSection section="due" rows={list.due} total={list.dueTotal} />
          <CallSection section="upcoming" rows={list.upcoming} total={list.upcomingTotal} />
          {list.lapsedTotal > 0 && <LapsedList key={area} total={list.lapsedTotal} today={list.today} />}
        </>
      )}
    </Flex>
  );
}
