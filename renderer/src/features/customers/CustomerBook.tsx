import { ArrowLeftOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Input, Typography, type InputRef } from 'antd';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_INPUT_ID } from '../../components/shortcuts.ts';
import { useAppStore, useAppStoreApi } from '../../store/store.ts';
import { CustomerDetail } from './CustomerDetail.tsx';
import { CustomerList } from './CustomerList.tsx';

/** Plain text, drawn with every answer: antd's Typography would set up its ellipsis measuring each time. */
function ResultCount() {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.results.length);
  const more = useAppStore((s) => s.more);
  return <span className="text-muted result-count">{more ? t('customers.countMore', { count }) : t('customers.count', { count })}</span>;
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

/**
 * The search box owns what is typed: a keystroke redraws the box alone, and the list follows when the
 * answer comes (the store drops answers to older queries). While an input method composes (王 typed as
 * "wang"), nothing is searched and the list keeps what it shows; the committed characters are searched once.
 */
function SearchBox() {
  const { t } = useTranslation();
  const setQuery = useAppStore((s) => s.setQuery);
  const moveSelection = useAppStore((s) => s.moveSelection);
  const select = useAppStore((s) => s.select);
  const store = useAppStoreApi();
  const [text, setText] = useState(() => store.getState().query);
  const sent = useRef(text);
  const composing = useRef(false);
  const input = useRef<InputRef>(null);
  // The book stays mounted behind the other screens: coming back to it puts the cursor in the box, as
  // a freshly drawn page did.
  const active = useAppStore((s) => s.view === 'customers');
  useEffect(() => {
    if (active) input.current?.focus();
  }, [active]);
  // A search from elsewhere (the new household's name after F2) shows in the box; answers to what was
  // typed here never overwrite what is being typed or composed. Watched outside React: an answer to a
  // keystroke must not draw the box (antd's Input) again.
  useEffect(
    () =>
      store.subscribe(({ query }, previous) => {
        if (query === previous.query || query === sent.current) return;
        sent.current = query;
        setText(query);
      }),
    [store],
  );

  function send(query: string) {
    if (query === sent.current) return;
    sent.current = query;
    void setQuery(query);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    // Enter and the arrows pick the input method's candidates while it composes.
    if (composing.current || event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      const { results, selectedId } = store.getState();
      const target = results.find((c) => c.id === selectedId) ?? results[0];
      if (target) void select(target.id);
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
      send('');
    }
  }

  return (
    <Input
      ref={input}
      id={SEARCH_INPUT_ID}
      size="large"
      allowClear
      autoFocus
      prefix={<SearchOutlined />}
      placeholder={t('customers.searchPlaceholder')}
      aria-label={t('customers.searchPlaceholder')}
      value={text}
      maxLength={60}
      onChange={(e) => {
        setText(e.target.value);
        if (!composing.current) send(e.target.value);
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        // Chromium sends the last input event before compositionend, Firefox after it: either way once.
        send(e.currentTarget.value);
      }}
      onKeyDown={onKeyDown}
    />
  );
}

function ArchivedFilter() {
  const { t } = useTranslation();
  const includeArchived = useAppStore((s) => s.includeArchived);
  const setIncludeArchived = useAppStore((s) => s.setIncludeArchived);
  return (
    <Checkbox checked={includeArchived} onChange={(e) => void setIncludeArchived(e.target.checked)}>
      {t('customers.showArchived')}
    </Checkbox>
  );
}

function Results() {
  const empty = useAppStore((s) => s.results.length === 0);
  return empty ? <EmptyList /> : <CustomerList />;
}

/** The household's record: drawn when it or its data change, never for a keystroke or a new result list. */
const DetailPane = memo(function DetailPane() {
  const selectedId = useAppStore((s) => s.selectedId);
  const pane = useRef<HTMLDivElement>(null);
  // Another household's record (a new one after F2 too) opens at its top, not where the last one was scrolled.
  useEffect(() => {
    if (pane.current) pane.current.scrollTop = 0;
  }, [selectedId]);
  return (
    <div className="book-detail-pane" ref={pane}>
      <CustomerDetail />
    </div>
  );
});

export function CustomerBook() {
  const { t } = useTranslation();
  const openDialog = useAppStore((s) => s.openDialog);
  return (
    <Flex className="book" gap={16}>
      <Flex vertical className="book-list-pane" gap={8}>
        <BackToList />
        <SearchBox />
        <Flex justify="space-between" align="center">
          <ResultCount />
          <ArchivedFilter />
        </Flex>
        <Results />
        <Button icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'customerForm', customerId: null })}>
          {t('customers.new')} <Typography.Text keyboard>F2</Typography.Text>
        </Button>
      </Flex>
      <DetailPane />
    </Flex>
  );
}
