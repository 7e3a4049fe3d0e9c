import { Button, Flex, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderRow } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { MoreRowsHint } from '../../components/MoreRowsHint.tsx';
import { useAppStore } from '../../store/store.ts';
import { lastPurchaseText, runOutRelative } from './rowText.ts';
import { reminderKey } from '../../store/callListSlice.ts';
import { PhoneCell } from '../../components/PhoneCell.tsx';
import { useOneAtATime } from '../../components/useSingleSubmit.ts';
import { useCallListActions } from './useCallListActions.tsx';
import { useCopyMessage } from './useCopyMessage.ts';

/**
 * "不常来了" (not heard from): households overdue by more than their own usual interval, with nobody
 * having acted on the reminder. The header and each row say the same thing: ran out N days ago, usually
 * every M days. Counted under the list, and
 * shown on request, so the shopkeeper can call them back without burying today's calls under them. Each
 * can be called (a win-back call puts it back on the list from its follow-up day) or skipped this cycle
 * (off the count), logged and undoable like the rows above. Shown, the rows follow every change of the list.
 */
export function LapsedList({ total, today }: { total: number; today: string }) {
  const { t } = useTranslation();
  const loadLapsed = useAppStore((s) => s.loadLapsed);
  const callList = useAppStore((s) => s.callList);
  const openDialog = useAppStore((s) => s.openDialog);
  const { act } = useCallListActions();
  const [shown, setShown] = useState(false);
  const [rows, setRows] = useState<ReminderRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // A skip waits for the one on its way (a double click would log two).
  const skipping = useOneAtATime();

  useEffect(() => {
    if (!shown) {
      setRows(null);
      setError(null);
      setLoading(false);
      return undefined;
    }
    let current = true;
    setLoading(true);
    setError(null);
    loadLapsed()
      .then(
        (lapsed) => current && setRows(lapsed),
        (e: unknown) => current && setError(errorText(t, e)),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [shown, callList, loadLapsed, t]);

  const copyMessage = useCopyMessage();
  const skip = (row: ReminderRow) => skipping.run(() => act({ customerId: row.customerId, productId: row.productId, action: 'skip' }, row));

  return (
    <Flex vertical gap={8} className="today-lapsed">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t('callList.lapsedTitle')}</Typography.Text>
        <Typography.Text type="secondary">{t('callList.lapsed', { count: total })}</Typography.Text>
        {shown ? (
          <Button size="small" onClick={() => setShown(false)}>
            {t('callList.lapsedHide')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setShown(true)}>
            {t('callList.lapsedShow')}
          </Button>
        )}
      </Flex>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {shown && (
        <>
          <Table<ReminderRow>
            size="small"
            rowKey={reminderKey}
            dataSource={rows ?? []}
            loading={loading}
            pagination={false}
            // A row's `children` is the number of children in the household, not tree data.
            expandable={{ childrenColumnName: 'noTreeData' }}
            columns={[
              { title: t('callList.columns.household'), key: 'name', render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
              { title: t('callList.columns.phone'), key: 'phone', render: (_, r) => <PhoneCell phone={r.phone} /> },
              { title: t('callList.columns.product'), key: 'product', render: (_, r) => `${r.productName} · ${lastPurchaseText(t, r, today)}` },
              {
                title: t('callList.columns.runOut'),
                key: 'runOut',
                render: (_, r) => `${runOutRelative(t, r, today)} · ${t('callList.lapsedRow', { count: r.cycleDays })}`,
              },
              { title: t('callList.columns.area'), dataIndex: 'area' },
              {
                title: '',
                key: 'actions',
                align: 'right',
                render: (_, r) => (
                  <Flex gap={4} justify="end" wrap>
                    <Button size="small" onClick={() => openDialog({ kind: 'called', row: r })}>
                      {t('callList.actions.called')}
                    </Button>
                    <Button size="small" disabled={skipping.busy} onClick={() => skip(r)}>
                      {t('callList.actions.skip')}
                    </Button>
                    <Button size="small" disabled={skipping.busy} onClick={() => skipping.run(() => copyMessage(r))} title={t('callList.message.hint')}>
                      {t('callList.actions.message')}
                    </Button>
                  </Flex>
                ),
              },
            ]}
          />
          {rows && <MoreRowsHint shown={rows.length} total={total} message="callList.lapsedMore" />}
        </>
      )}
    </Flex>
  );
}
