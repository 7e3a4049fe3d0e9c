/** The household record's containers: per container type held, returned, on deposit and owed (欠桶). */
import { Card, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerBalanceRow } from '../../../../shared/contract.ts';
import { money } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';

export function ContainersCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.loadHouseholdContainers);
  const balances = useAppStore((s) => (s.householdContainers?.customerId === customerId ? s.householdContainers.balances : null));

  useEffect(() => {
    void load(customerId);
  }, [load, customerId]);

  // A shop without containers (rice and oil) never sees the card.
  if (!balances || balances.length === 0) return null;
  return (
    <Card title={t('containers.title')} className="containers-card">
      <Table<ContainerBalanceRow>
        size="small"
        pagination={false}
        rowKey="container"
        dataSource={balances}
        columns={[
          { title: t('containers.container'), key: 'container', render: (_, b) => t(`containers.types.${b.container}`) },
          { title: t('containers.held'), dataIndex: 'held', align: 'right' },
          { title: t('containers.returned'), dataIndex: 'returned', align: 'right' },
          {
            title: t('containers.deposit'),
            key: 'deposit',
            align: 'right',
            render: (_, b) => t('containers.depositText', { count: b.depositCount, amount: money(b.depositFen) }),
          },
          {
            title: t('containers.owes'),
            key: 'owes',
            align: 'right',
            render: (_, b) => (b.owes > 0 ? <Typography.Text type="danger">{b.owes}</Typography.Text> : 0),
          },
        ]}
      />
    </Card>
  );
}
