import { EditOutlined, InboxOutlined, RollbackOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { householdSize } from '../../../../shared/domain/household.ts';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { errorText } from '../../components/errors.ts';
import { showUndoable } from '../../components/undoMessage.tsx';
import { paydayText } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { LedgerCard } from '../credit/LedgerCard.tsx';
import { PrepaidLine } from '../prepaid/PrepaidLine.tsx';
import { SalesTable } from '../sales/SalesTable.tsx';
import { MemberLine } from '../membership/MemberLine.tsx';
import { ContactHistory, ForecastCard } from '../forecasts/ForecastCard.tsx';
import { ContainersCard } from '../containers/ContainersCard.tsx';

export function CustomerDetail() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const customer = useAppStore((s) => s.selected);
  const openDialog = useAppStore((s) => s.openDialog);
  const archiveCustomer = useAppStore((s) => s.archiveCustomer);
  const restoreCustomer = useAppStore((s) => s.restoreCustomer);

  if (!customer) return <Empty className="detail-empty" description={t('customers.selectHint')} />;

  async function restore(id: number, name: string) {
    try {
      await restoreCustomer(id);
      void message.success(t('customers.restored', { name }));
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }

  function archive() {
    if (!customer) return;
    const { id, name } = customer;
    modal.confirm({
      title: t('customers.archive'),
      content: t('customers.archiveConfirm', { name }),
      okText: t('customers.archive'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await archiveCustomer(id);
          showUndoable(message, {
            key: `archived-${id}`,
            text: t('customers.archived', { name }),
            undoLabel: t('common.undo'),
            onUndo: () => void restore(id, name),
          });
        } catch (error) {
          void message.error(errorText(t, error));
        }
      },
    });
  }

  const archived = customer.archivedAt !== null;
  return (
    <Flex vertical gap={16} className="detail">
      {/* Name and actions share one wrapping row, not antd's title/extra: in a narrow pane the buttons
          move under the name instead of covering it. */}
      <Card
        className="detail-card"
        title={
          <Flex align="center" justify="space-between" gap={8} wrap>
            <Flex align="center" gap={8} wrap className="detail-title">
              <Typography.Title level={3} className="detail-name">
                {customer.name}
              </Typography.Title>
              {customer.tags.map((tag) => (
                <Tag key={tag} color="green">
                  {tag}
                </Tag>
              ))}
              {archived && <Tag>{t('customers.archivedTag')}</Tag>}
            </Flex>
            <Flex gap={8} className="detail-actions">
              <Button
                type="primary"
                icon={<ShoppingCartOutlined />}
                disabled={archived}
                onClick={() => openDialog({ kind: 'slip', customerId: customer.id, customerName: customer.name })}
              >
                {t('slips.open')}{' '}
                <Typography.Text keyboard className="kbd-on-primary">
                  F4
                </Typography.Text>
              </Button>
              <Button disabled={archived} onClick={() => openDialog({ kind: 'recordSale', customerId: customer.id })}>
                {t('customers.recordSale')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => openDialog({ kind: 'customerForm', customerId: customer.id })}>
                {t('common.edit')}
              </Button>
              {archived ? (
                <Button icon={<RollbackOutlined />} onClick={() => void restore(customer.id, customer.name)}>
                  {t('customers.restore')}
                </Button>
              ) : (
                <Button icon={<InboxOutlined />} onClick={archive}>
                  {t('customers.archive')}
                </Button>
              )}
            </Flex>
          </Flex>
        }
      >
        {archived && <Alert className="detail-archived" type="warning" showIcon title={t('customers.archivedBanner')} />}
        <Descriptions column={2} size="middle">
          <Descriptions.Item label={t('customers.form.phones')}>
            {customer.phones.length
              ? // Each number whole ("139 1234 5678"); a second number may go to the next line.
                customer.phones.map((phone, i) => (
                  <Fragment key={phone}>
                    {i > 0 && t('common.listSeparator')}
                    <span className="nowrap">{formatPhone(phone)}</span>
                  </Fragment>
                ))
              : t('customers.noPhone')}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.household')}>
            {t('common.withDetail', { main: t('customers.people', { count: householdSize(customer) }), detail: t('customers.peopleDetail', customer) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.form.address')}>{customer.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.form.area')}>{customer.area || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.payday')}>{paydayText(t, customer.payday)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.notes')}>
            <Typography.Text className="detail-notes">{customer.notes || '—'}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <MemberLine customerId={customer.id} archived={archived} />
        <PrepaidLine customerId={customer.id} name={customer.name} />
      </Card>
      <Card title={t('customers.purchases')} className="detail-purchases">
        <SalesTable />
      </Card>
      <ForecastCard />
      <LedgerCard
        customerId={customer.id}
        name={customer.name}
        onPrint={() => openPrintView({ kind: 'statement', customerId: customer.id, layout: 'a4', area: '', autoPrint: true })}
      />
      <ContainersCard customerId={customer.id} />
      <ContactHistory />
    </Flex>
  );
}
