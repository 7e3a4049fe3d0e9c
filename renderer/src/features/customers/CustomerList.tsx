import { useVirtualizer } from '@tanstack/react-virtual';
import { Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { useAppStore } from '../../store/store.ts';

const ROW_HEIGHT = 60;

/** The search results, virtualised: 100,000 households scroll as smoothly as 10. */
export function CustomerList() {
  const { t } = useTranslation();
  const results = useAppStore((s) => s.results);
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // jsdom and the first paint have no layout yet: assume a typical list height until measured.
    initialRect: { width: 320, height: 600 },
  });
  const selectedIndex = results.findIndex((c) => c.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div ref={scrollRef} className="customer-list" role="listbox" aria-label={t('app.menu.customers')}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const customer = results[row.index]!;
          const selected = customer.id === selectedId;
          return (
            <div
              key={customer.id}
              role="option"
              aria-selected={selected}
              data-customer-id={customer.id}
              className={`customer-row${selected ? ' selected' : ''}`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={() => void select(customer.id)}
            >
              <div className="customer-row-main">
                <Typography.Text strong className="customer-row-name">
                  {customer.name}
                </Typography.Text>
                {customer.archived && <Tag>{t('customers.archivedTag')}</Tag>}
                <Typography.Text type="secondary" className="customer-row-people">
                  {t('customers.people', { count: customer.people })}
                </Typography.Text>
              </div>
              <div className="customer-row-sub">
                <Typography.Text type="secondary">{customer.phone ? formatPhone(customer.phone) : t('customers.noPhone')}</Typography.Text>
                <Typography.Text type="secondary" ellipsis className="customer-row-area">
                  {customer.area || customer.address}
                </Typography.Text>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
