import { useVirtualizer } from '@tanstack/react-virtual';
import { Tag } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../../shared/contract.ts';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { useAppStore, useAppStoreApi } from '../../store/store.ts';
import { sameSummary } from '../../store/customersSlice.ts';
import type { AppState } from '../../store/types.ts';

/** A row's height at each type size: its two lines and padding, fixed so the list need not measure. */
const ROW_HEIGHT = { normal: 64, large: 72 } as const;
const rowHeight = (s: AppState) => (s.info?.settings.largeText ? ROW_HEIGHT.large : ROW_HEIGHT.normal);
/** Rows drawn beyond the visible ones on each side: enough for a wheel notch, few to draw per answer. */
const OVERSCAN = 4;

/** The rows' words, translated once per language (a plural per row per answer was a tenth of its time). */
interface RowWords {
  people(count: number): string;
  noPhone: string;
  archived: string;
}

interface RowProps {
  customer: CustomerSummary;
  selected: boolean;
  start: number;
  height: number;
  onSelect: (id: number) => void;
  words: RowWords;
}

/** Every answer brings new objects: a row compares what it shows, not which object it was given. */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.selected !== b.selected || a.start !== b.start || a.height !== b.height || a.onSelect !== b.onSelect || a.words !== b.words) return false;
  return sameSummary(a.customer, b.customer);
}

/**
 * One result: plain elements with CSS ellipsis (antd's Typography measured each row for its ellipsis),
 * drawn again only when what it shows of its household, its place or its selection changed.
 */
const CustomerRow = memo(function CustomerRow({ customer, selected, start, height, onSelect, words }: RowProps) {
  return (
    <div
      role="option"
      aria-selected={selected}
      data-customer-id={customer.id}
      className={`customer-row${selected ? ' selected' : ''}`}
      style={{ height, transform: `translateY(${start}px)` }}
      onClick={() => onSelect(customer.id)}
    >
      <div className="customer-row-main">
        <strong className="customer-row-name">{customer.name}</strong>
        {customer.archived && <Tag>{words.archived}</Tag>}
        <span className="text-muted customer-row-people">{words.people(customer.people)}</span>
      </div>
      <div className="customer-row-sub text-muted">
        <span className="nowrap">{customer.phone ? formatPhone(customer.phone) : words.noPhone}</span>
        <span className="customer-row-area" title={customer.area || customer.address}>
          {customer.area || customer.address}
        </span>
      </div>
    </div>
  );
}, sameRow);

/** The search results, virtualised: 100,000 households scroll as smoothly as 10. */
export const CustomerList = memo(function CustomerList() {
  const { t } = useTranslation();
  const results = useAppStore((s) => s.results);
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  const onSelect = useCallback((id: number) => void select(id), [select]);
  const words = useMemo<RowWords>(() => {
    const people = new Map<number, string>();
    return {
      people: (count) => {
        let text = people.get(count);
        if (text === undefined) people.set(count, (text = t('customers.people', { count })));
        return text;
      },
      noPhone: t('customers.noPhone'),
      archived: t('customers.archivedTag'),
    };
  }, [t]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = useAppStore(rowHeight);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: OVERSCAN,
    // A new answer keeps the rows of households still in it (React reuses them by key).
    getItemKey: (index) => results[index]!.id,
    // jsdom and the first paint have no layout yet: assume a typical list height until measured.
    initialRect: { width: 320, height: 600 },
  });
  // A new answer starts at its best match, the first row, even with a household open further down
  // (following it there hid the top of the answer once rows were taller than the window has room for).
  const answers = useAppStore((s) => s.query);
  useEffect(() => {
    // Only when scrolled: asking to scroll reads the list's height, a layout forced on every keystroke.
    if ((virtualizer.scrollOffset ?? 0) > 0) virtualizer.scrollToOffset(0);
  }, [answers, virtualizer]);
  // A selection moved (keys, a click, a new household saved) is kept on screen; one that only stays
  // while the answers change under it is not followed.
  const store = useAppStoreApi();
  useEffect(() => {
    const index = store.getState().results.findIndex((c) => c.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, store, virtualizer]);

  return (
    <div ref={scrollRef} className="customer-list" role="listbox" aria-label={t('app.menu.customers')}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const customer = results[row.index]!;
          return (
            <CustomerRow
              key={customer.id}
              customer={customer}
              selected={customer.id === selectedId}
              start={row.start}
              height={height}
              onSelect={onSelect}
              words={words}
            />
          );
        })}
      </div>
    </div>
  );
});
