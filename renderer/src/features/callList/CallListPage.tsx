import { PrinterOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { App, Button, Card, Empty, Flex, Segmented, Select, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallList, DoneRow, ReminderRow } from '../../../../shared/contract.ts';
import type { CallPriority } from '../../../../shared/domain/callList.ts';
import { errorText } from '../../components/errors.ts';
import { longDate, money, peopleText, shortDate } from '../../components/format.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { callRows, reminderKey, visibleDue } from '../../store/callListSlice.ts';
import { useAppStore } from '../../store/store.ts';
import { daysToRunOut, dueSinceText, lastPurchaseText, runOutRelative, statusParts, statusText } from './rowText.ts';
import { useCallListKeys, type CallListAction } from './useCallListKeys.ts';
import { LapsedList } from './LapsedList.tsx';
import { PhoneCell } from '../../components/PhoneCell.tsx';
import { GasNotices } from '../gas/GasNotices.tsx';
import { RenewalNotices } from '../prepaid/RenewalNotices.tsx';
import { ComplaintsDue } from '../complaints/ComplaintsDue.tsx';

import { useOneAtATime } from '../../components/useSingleSubmit.ts';
import { useCallListActions } from './useCallListActions.tsx';

/** Up to this many areas show as one row of buttons; more become a drop-down. */
const SEGMENTED_AREAS = 6;
const NO_AREAS: string[] = [];
const NO_ROWS: ReminderRow[] = [];

function runOutColor(days: number): string | undefined {
  if (days < 0) return 'red';
  if (days === 0) return 'orange';
  return undefined;
}

/** A row's height at each type size: fixed, so the virtual list knows where every row is without measuring. */
const ROW_HEIGHT = { normal: 46, large: 56 } as const;
/** The list's height before the page is laid out (jsdom, the first paint). */
const INITIAL_RECT = { width: 900, height: 600 };
const PRIORITY_COLOR: Record<CallPriority, string | undefined> = { promised: 'green', new: 'blue', needsCall: 'purple', valued: 'gold', other: undefined };

type Section = 'due' | 'upcoming';

/** What the last column says: what was done about it, else why it is here (due) or when it comes (upcoming). */
function StatusCell({ row, section, today }: { row: ReminderRow; section: Section; today: string }) {
  const { t } = useTranslation();
  const status = statusParts(t, row, today);
  // The outcome as a tag, its day under it: one line of both was cut off in the 1024 px window.
  if (status)
    return (
      <span className="cell-stack">
        <Tag className="call-tag">{status.what}</Tag>
        {/* Read as one phrase ("约好送货 11月22日"); a flex column does not draw the space. */}
        {status.when && ' '}
        {status.when && <span className="call-sub text-muted">{status.when}</span>}
      </span>
    );
  if (section === 'upcoming') return <span className="text-muted">{t('callList.remindOn', { date: shortDate(t, row.dueDate, today) })}</span>;
  if (row.priority && row.priority !== 'other') {
    return (
      <Tag color={PRIORITY_COLOR[row.priority]} className="call-tag">
        {t(`callList.priority.${row.priority}`)}
      </Tag>
    );
  }
  return <span className="text-muted">{dueSinceText(t, row, today)}</span>;
}

/**
 * One call-list row. Memoised on its row object (kept when a refresh did not change it, shareRows) and
 * following the selection itself: moving the selection redraws the two rows concerned. Plain elements,
 * not antd Typography: a cell of a long list costs several times less.
 */
const CallRow = memo(function CallRow({
  row,
  section,
  today,
  top,
  height,
}: {
  row: ReminderRow;
  section: Section;
  today: string;
  top: number;
  height: number;
}) {
  const { t } = useTranslation();
  const key = reminderKey(row);
  const selected = useAppStore((s) => s.callSelectedKey === key);
  const selectCallRow = useAppStore((s) => s.selectCallRow);
  const openRecord = useAppStore((s) => s.openRecord);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keyboard moves keep the selected row on screen, the page too (jsdom has no scrolling).
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    <div
      ref={ref}
      role="row"
      aria-selected={selected}
      data-row-key={key}
      className={selected ? 'call-row call-row-selected' : 'call-row'}
      style={{ height, transform: `translateY(${top}px)` }}
      onClick={() => selectCallRow(key)}
      onDoubleClick={() => {
        selectCallRow(key);
        openRecord(row.customerId, 'callList');
      }}
    >
      <div role="cell" className="cell-stack">
        <strong className="call-name">{row.name}</strong>
        <span className="call-sub text-muted">{peopleText(t, row)}</span>
      </div>
      <div role="cell" className="cell-stack">
        <strong>{row.productName}</strong>
        <span className="call-sub text-muted">{lastPurchaseText(t, row, today)}</span>
      </div>
      <div role="cell" className="cell-stack">
        <span>{shortDate(t, row.runOutDate, today)}</span>
        <Tag color={runOutColor(daysToRunOut(row, today))} className="call-tag">
          {runOutRelative(t, row, today)}
        </Tag>
      </div>
      <div role="cell">
        <PhoneCell phone={row.phone} none={<span className="text-muted">—</span>} />
      </div>
      <div role="cell" className="cell-stack">
        <span>{row.area || '—'}</span>
        {row.address && (
          <span title={row.address} className="call-sub text-muted call-address">
            {row.address}
          </span>
        )}
      </div>
      <div role="cell" className="call-owed">
        {row.owedFen > 0 ? <Tag color="orange">{money(row.owedFen)}</Tag> : <span className="text-muted">—</span>}
      </div>
      <div role="cell">
        <StatusCell row={row} section={section} today={today} />
      </div>
    </div>
  );
});

const COLUMNS = ['household', 'product', 'runOut', 'phone', 'area', 'owed', 'status'] as const;

/** Rows before the end of what was read at which the next page is asked for: read before it is scrolled to. */
const READ_AHEAD = 40;

/**
 * A section's rows, virtualised: only those on screen (and a few around) are in the page. `readMore`:
 * there are more to read (the due list comes in pages), asked for as the list nears its end.
 */
function CallRows({ section, rows, readMore }: { section: Section; rows: ReminderRow[]; readMore?: () => void }) {
  const { t } = useTranslation();
  const today = useAppStore((s) => s.callList?.today ?? '');
  const height = useAppStore((s) => (s.info?.settings.largeText ? ROW_HEIGHT.large : ROW_HEIGHT.normal));
  const selectedIndex = useAppStore((s) => rows.findIndex((r) => reminderKey(r) === s.callSelectedKey));
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: 6,
    initialRect: INITIAL_RECT,
    getItemKey: (index) => reminderKey(rows[index]!),
  });
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastDrawn = items.length > 0 ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (readMore && lastDrawn >= rows.length - READ_AHEAD) readMore();
  }, [readMore, lastDrawn, rows.length]);
  return (
    <div role="table" aria-label={t(`callList.${section}`)} aria-rowcount={rows.length} className="call-table">
      <div role="row" className="call-row call-head">
        {COLUMNS.map((c) => (
          <div role="columnheader" key={c}>
            {t(`callList.columns.${c}`)}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="call-scroll" style={{ maxHeight: section === 'due' ? 'var(--call-due-height)' : 'var(--call-upcoming-height)' }}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <CallRow key={item.key} row={rows[item.index]!} section={section} today={today} top={item.start} height={height} />
          ))}
        </div>
      </div>
    </div>
  );
}

function CallSection({
  section,
  rows,
  total,
  footer,
  readMore,
}: {
  section: Section;
  rows: ReminderRow[];
  total: number;
  footer?: React.ReactNode;
  readMore?: () => void;
}) {
  const { t, i18n } = useTranslation();
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
        // Keyed by language: the dates' format follows it, and memoised rows would keep the old one.
        <CallRows key={i18n.language} section={section} rows={rows} readMore={readMore} />
      )}
      {footer}
    </Card>
  );
}

/** Under the day's work: how many more are due, and the switch to show them (and back). */
function MoreDue({ list }: { list: CallList }) {
  const { t } = useTranslation();
  const more = useAppStore((s) => s.callMore);
  const setCallMore = useAppStore((s) => s.setCallMore);
  const hidden = list.dueTotal - list.dueShown;
  if (hidden <= 0 && !more) return null;
  return (
    <Flex vertical gap={4} className="call-more">
      {/* Every due row is there to scroll to: the rest is read in pages as the list nears its end. */}
      {more ? (
        <Button size="small" onClick={() => setCallMore(false)}>
          {t('callList.showLess')}
        </Button>
      ) : (
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('callList.more', { count: hidden })}</Typography.Text>
          <Button size="small" onClick={() => setCallMore(true)}>
            {t('callList.showMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

/** What was done today from the list, newest first, each with what came of it and its own Undo. */
function DoneToday({ done, today }: { done: DoneRow[]; today: string }) {
  const { t } = useTranslation();
  const { undo } = useCallListActions();
  const undoing = useOneAtATime();
  return (
    <Card
      size="small"
      className="call-section call-section-done"
      title={
        <Flex align="baseline" gap={10}>
          <span>{t('callList.done')}</span>
          <Typography.Text type="secondary" className="call-count">
            {t('callList.count', { count: done.length })}
          </Typography.Text>
        </Flex>
      }
    >
      {done.length === 0 ? (
        <Typography.Text type="secondary">{t('callList.doneEmpty')}</Typography.Text>
      ) : (
        <ul className="call-done">
          {done.map((d) => (
            <li key={d.contactId} data-contact-id={d.contactId}>
              <span className="call-done-time text-muted">{d.createdAt.length > 0 ? timeOfDay(d.createdAt) : ''}</span>
              <strong>{d.name}</strong>
              <span className="text-muted">{d.productName}</span>
              <Tag className="call-tag">{doneText(t, d, today)}</Tag>
              <Button size="small" type="link" disabled={undoing.busy} onClick={() => undoing.run(() => undo(d.contactId))}>
                {t('callList.actions.undo')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** 09:41, in the shop's own clock. */
function timeOfDay(iso: string): string {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** "暂不需要 到 11月25日", "跳过本轮": what was done, as a row's status says it (a skip has no follow-up). */
function doneText(t: TFunction, d: DoneRow, today: string): string {
  return statusText(t, { outcome: d.kind === 'call' ? d.outcome : d.kind, snoozedUntil: d.kind === 'skip' ? null : d.followUp }, today) ?? '';
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
      <Typography.Text type="secondary" className="call-actions-move">
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
  const more = useAppStore((s) => s.callMore);
  const due = useMemo(() => (list ? visibleDue(list, more) : NO_ROWS), [list, more]);
  const loadMoreDue = useAppStore((s) => s.loadMoreDue);
  // More of the due list to read: all of it after "show all", else up to the day's work.
  const unread = list !== null && list.dueNext !== null && (more || list.due.length < list.dueShown);
  const { message } = App.useApp();
  // A page that could not be read is asked for again at the next scroll.
  const readMore = useMemo(
    () => (unread ? () => void loadMoreDue().catch((error: unknown) => void message.error(errorText(t, error))) : undefined),
    [unread, loadMoreDue, message, t],
  );
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
              {t('callList.actions.print')}
              <span className="call-print-key">
                <Key k="Ctrl+P" />
              </span>
            </Button>
          </Flex>
        </Flex>
        <ActionBar onKey={run} />
      </Flex>
      <GasNotices />
      <RenewalNotices />
      <ComplaintsDue />
      {list && (
        <>
          <CallSection section="due" rows={due} total={list.dueTotal} footer={<MoreDue list={list} />} readMore={readMore} />
          <DoneToday done={list.done} today={list.today} />
          <CallSection section="upcoming" rows={list.upcoming} total={list.upcomingTotal} />
          {list.lapsedTotal > 0 && <LapsedList key={area} total={list.lapsedTotal} today={list.today} />}
        </>
      )}
    </Flex>
  );
}
