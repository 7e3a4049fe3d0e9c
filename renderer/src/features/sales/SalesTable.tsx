import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../../shared/contract.ts';
import { money, quantityText, shortDate } from '../../components/format.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { VoidButton } from '../../components/VoidButton.tsx';
import { useAppStore } from '../../store/store.ts';

const VOID_REASONS = ['quantity', 'customer', 'twice', 'returned'] as const;

/** A customer's purchases, newest first; voided and corrected lines stay, struck through. */
export function SalesTable() {
  const { t } = useTranslation();
  const sales = useAppStore((s) => s.sales);
  const voidSale = useAppStore((s) => s.voidSale);
  const unvoidSale = useAppStore((s) => s.unvoidSale);
  const voidSlipLine = useAppStore((s) => s.voidSlipLine);
  const openDialog = useAppStore((s) => s.openDialog);
  const today = useShopToday();
  if (sales.length === 0) return <Empty description={t('sales.noSales')} />;
  return (
    <Table<Sale>
      className="sales-table"
      size="small"
      rowKey="id"
      dataSource={sales}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      rowClassName={(sale) => (sale.voidedAt ? 'sale-voided' : '')}
      columns={[
        { title: t('sales.columns.date'), key: 'date', render: (_, sale) => shortDate(t, sale.date, today) },
        { title: t('sales.columns.product'), dataIndex: 'productName', className: 'sales-product' },
        { title: t('sales.columns.quantity'), key: 'quantity', align: 'right', render: (_, sale) => quantityText(t, sale.quantity, sale.unit) },
        { title: t('sales.columns.amount'), key: 'amount', align: 'right', render: (_, sale) => money(sale.amountFen) },
        {
          title: t('sales.columns.payment'),
          key: 'payment',
          render: (_, sale) => (
            <Flex gap={4} wrap>
              {sale.voidedAt ? (
                <Tag>{sale.replacedBySaleId ? t('sales.replacedBy') : t('sales.voidedTag')}</Tag>
              ) : sale.paid ? (
                <Tag color="green">{t('sales.paidTag')}</Tag>
              ) : (
                <Tag color="orange">{t('sales.creditTag')}</Tag>
              )}
              {sale.replacesSaleId && !sale.voidedAt && <Tag color="blue">{t('sales.correctionOf')}</Tag>}
              {sale.voidReason && <Typography.Text type="secondary">{sale.voidReason}</Typography.Text>}
            </Flex>
          ),
        },
        {
          key: 'actions',
          render: (_, sale) => {
            if (sale.voidedAt) return null;
            // A slip's line goes through its slip: its tickets and payments follow (slips have no undo).
            const onSlip = sale.slipId !== null;
            return (
              <Flex>
                {!onSlip && (
                  <Button size="small" type="link" onClick={() => openDialog({ kind: 'recordSale', customerId: sale.customerId, correcting: sale })}>
                    {t('sales.correct')}
                  </Button>
                )}
                <VoidButton
                  confirm={t('sales.voidConfirm')}
                  onVoid={(reason) => (onSlip ? voidSlipLine : voidSale)(sale.id, reason)}
                  presets={VOID_REASONS.map((r) => t(`sales.voidReasons.${r}`))}
                  {...(onSlip ? {} : { undo: { key: `void-sale-${sale.id}`, onUndo: () => unvoidSale(sale.id), undone: t('sales.voidUndone') } })}
                />
              </Flex>
            );
          },
        },
      ]}
    />
  );
}
