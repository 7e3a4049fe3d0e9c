import type { TFunction } from 'i18next';
import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contact, ForecastRow } from '../../../../shared/contract.ts';
import { dateTime, quantityText, rateText, shortDate } from '../../components/format.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore } from '../../store/store.ts';
import { outcomeText } from '../callList/rowText.ts';

const confidenceColor: Record<ForecastRow['confidence'], string | undefined> = { prior: undefined, low: 'gold', medium: 'blue', high: 'green' };

/** 预计用量: per product, how fast this household uses it and when it runs out. */
export function ForecastCard() {
  const { t } = useTranslation();
  const forecasts = useAppStore((s) => s.forecasts);
  const today = useShopToday();
  return (
    <Card title={t('forecasts.title')} className="detail-forecast">
      {forecasts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forecasts.empty')} />
      ) : (
        <Table<ForecastRow>
          size="small"
          rowKey="productId"
          dataSource={forecasts}
          pagination={false}
          columns={[
            { title: t('sales.columns.product'), dataIndex: 'productName' },
            {
              title: t('forecasts.dailyUse'),
              key: 'dailyUse',
              // How sure the rate is, under it: a column of its own leaves no room for the dates with large text.
              render: (_, f) => (
                <div className="cell-stack nowrap">
                  <span>{rateText(t, f.dailyUse, f.unit)}</span>
                  <Tag color={confidenceColor[f.confidence]} title={t('forecasts.observations', { count: f.observations })}>
                    {t(`forecasts.confidenceLevels.${f.confidence}`)}
                  </Tag>
                </div>
              ),
            },
            {
              title: t('forecasts.lastPurchase'),
              key: 'last',
              // The quantity over the date, each whole: side by side they broke mid-date ("10月⏎18日") with large text.
              render: (_, f) => (
                <div className="cell-stack nowrap">
                  <span>{quantityText(t, f.lastQuantity, f.unit)}</span>
                  <span>{shortDate(t, f.lastPurchaseDate, today)}</span>
                </div>
              ),
            },
            {
              title: t('forecasts.runOut'),
              key: 'runOut',
              // The reminder under the run-out: five columns of dates with a year ran off the card with large text.
              render: (_, f) => (
                <div className="cell-stack nowrap">
                  <Typography.Text strong>{shortDate(t, f.runOutDate, today)}</Typography.Text>
                  <Typography.Text type="secondary">{t('forecasts.reminderOn', { date: shortDate(t, f.reminderDate, today) })}</Typography.Text>
                </div>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function contactLine(t: TFunction, c: Contact, today: string): string {
  const parts = [t(`customers.contacts.kinds.${c.kind}`)];
  if (c.productName) parts.push(c.productName);
  const outcome = c.kind === 'call' ? outcomeText(t, c.outcome) : null;
  if (outcome) parts.push(outcome);
  if (c.followUp) parts.push(t('customers.contacts.followUp', { date: shortDate(t, c.followUp, today) }));
  if (c.stockLeft !== null) parts.push(t('customers.contacts.stockLeft', { quantity: c.stockLeft }));
  return parts.join(' · ');
}

/** The last calls, snoozes and skips; undone ones stay, struck through. */
export function ContactHistory() {
  const { t } = useTranslation();
  const contacts = useAppStore((s) => s.contacts);
  const today = useShopToday();
  return (
    <Card title={t('customers.contacts.title')} className="detail-contacts">
      {contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.contacts.empty')} />
      ) : (
        <ul className="contact-list">
          {contacts.slice(0, 10).map((c) => (
            <li key={c.id} className={c.undoneAt ? 'contact-undone' : undefined}>
              <Flex gap={12} align="baseline" wrap>
                <Typography.Text type="secondary" className="contact-time">
                  {dateTime(t, c.createdAt, today)}
                </Typography.Text>
                <Typography.Text delete={c.undoneAt !== null}>{contactLine(t, c, today)}</Typography.Text>
                {c.note && (
                  <Typography.Text type="secondary" delete={c.undoneAt !== null}>
                    {c.note}
                  </Typography.Text>
                )}
                {c.undoneAt && <Tag>{t('customers.contacts.undone')}</Tag>}
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
