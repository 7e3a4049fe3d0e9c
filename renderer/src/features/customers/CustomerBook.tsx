import { ArrowLeftOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Input, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_INPUT_ID } from '../../components/shortcuts.ts';
import { useAppStore } from '../../store/store.ts';
import { CustomerDetail } from './CustomerDetail.tsx';
import { CustomerList } from './CustomerList.tsx';

function ResultCount() {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.results.length);
  const more = useAppStore((s) => s.more);
  return (
    <Typography.Text type="secondary" className="result-count">
      {more ? t('customers.countMore', { count }) : t('customers.count', { count })}
    </Typography.Text>
  );
}

/** Why the list is empty: nothing found, everyone archived, or a new shop, which is told how to start. */
function EmptyList() {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.query);
  const bookEmpty = useAppStore((s) => s.bookEmpty);
  const askImport = useAppStore((s) => s.askImport);
  if (query) return <Empty className="book-empty" description={t('customers.noResults', { query })} />;
  if (!bookEmpty) return <Empty className="book-empty" description={t('customers.allArchived')} />;
  return (
    <Empty
      className="book-empty"
      description={
        <Flex vertical gap={4}>
          <span>{t('customers.noCustomers')}</span>
          <Typography.Text type="secondary">{t('customers.importHint')}</Typography.Text>
        </Flex>
      }
    >
      <Button icon={<ImportOutlined />} onClick={askImport}>
        {t('customers.importButton')}
      </Button>
    </Empty>
  );
}

/** A record opened from Today or Collections goes back there, to the same row: Esc or this button. */
function BackToList() {
  const { t } = useTranslation();
  const from = useAppStore((s) => s.recordFrom);
  const back = useAppStore((s) => s.backFromRecord);
  const dialog = useAppStore((s) => s.dialog);
  useEffect(() => {
    if (!from || dialog !== null) return undefined;
    // Esc that something else used (clearing the search) is not a way back.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) back();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [from, dialog, back]);
  if (!from) return null;
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={back}>
      {t(`customers.backTo.${from}`)} <Typography.Text keyboard>Esc</Typography.Text>
    </Button>
  );
}

export function CustomerBook() {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.query);
  const setQuery = useAppStore((s) => s.setQuery);
  const includeArchived = useAppStore((s) => s.includeArchived);
  const setIncludeArchived = useAppStore((s) => s.setIncludeArchived);
  const results = useAppStore((s) => s.results);
  const select = useAppStore((s) => s.select);
  const moveSelection = useAppStore((s) => s.moveSelection);
  const openDialog = useAppStore((s) => s.openDialog);
  const selectedId = useAppStore((s) => s.selectedId);
  const detailPane = useRef<HTMLDivElement>(null);
  // Another household's record (a new one after F2 too) opens at its top, not where the last one was scrolled.
  useEffect(() => {
    if (detailPane.current) detailPane.current.scrollTop = 0;
  }, [selectedId]);

  function onSearchKey(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      const target = results.find((c) => c.id === selectedId) ?? results[0];
      if (target) void select(target.id);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      void setQuery('');
    }
  }

  return (
    <Flex className="book" gap={16}>
      <Flex vertical className="book-list-pane" gap={8}>
        <BackToList />
        <Input
          id={SEARCH_INPUT_ID}
          size="large"
          allowClear
          autoFocus
          prefix={<SearchOutlined />}
          placeholder={t('customers.searchPlaceholder')}
          aria-label={t('customers.searchPlaceholder')}
          value={query}
          maxLength={60}
          onChange={(e) => void setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <Flex justify="space-between" align="center">
          <ResultCount />
          <Checkbox checked={includeArchived} onChange={(e) => void setIncludeArchived(e.target.checked)}>
            {t('customers.showArchived')}
          </Checkbox>
        </Flex>
        {results.length === 0 ? <EmptyList /> : <CustomerList />}
        <Button icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'customerForm', customerId: null })}>
          {t('customers.new')} <Typography.Text keyboard>F2</Typography.Text>
        </Button>
      </Flex>
      <div className="book-detail-pane" ref={detailPane}>
        <CustomerDetail />
      </div>
    </Flex>
  );
}
