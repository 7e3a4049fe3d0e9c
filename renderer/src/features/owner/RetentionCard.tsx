/**
 * Who among the households that buy now and then is likely gone (BG/NBD, owner.retention), and whether
 * calling the "not heard from" list brings any back. Loaded apart from the rest of the owner's screen:
 * the first call of a day fits the model.
 */
import { Button, Card, Col, Empty, Row, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Retention } from '../../../../shared/contract.ts';
import { MIN_FIT_HOUSEHOLDS } from '../../../../shared/domain/bgnbd.ts';
import { errorText } from '../../components/errors.ts';
import { money, shortDate } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';

const percent = (p: number) => `${Math.round(p * 100)}%`;
const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString();

export function RetentionCard() {
  const { t } = useTranslation();
  const retention = useAppStore((s) => s.retention);
  const loadRetention = useAppStore((s) => s.loadRetention);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadRetention().catch(setError);
  }, [loadRetention]);

  return (
    <Card size="small" title={t('owner.retention.title')} className="owner-retention">
      {error ? (
        <Empty description={errorText(t, error)} />
      ) : retention ? (
        <RetentionBody retention={retention} />
      ) : (
        <Spin description={t('owner.retention.loading')} />
      )}
    </Card>
  );
}

function RetentionBody({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  const openRecord = useAppStore((s) => s.openRecord);
  const { fit } = retention;
  return (
    <Row gutter={[16, 12]}>
      <Col span={24}>
        <Typography.Text>
          {fit
            ? t('owner.retention.summary', { households: retention.households, gone: retention.likelyGone, expected: Math.round(retention.expected90) })
            : t('owner.retention.tooFew', { households: retention.households, min: MIN_FIT_HOUSEHOLDS })}
        </Typography.Text>
      </Col>
      {fit && (
        <Col xs={24} xl={14}>
          <Typography.Text strong>{t('owner.retention.gone')}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="customerId"
            dataSource={retention.gone}
            scroll={{ y: 240 }}
            locale={{ emptyText: t('owner.retention.goneNone') }}
            columns={[
              {
                title: t('owner.retention.household'),
                key: 'name',
                render: (_, h) => (
                  <Button type="link" size="small" onClick={() => openRecord(h.customerId, 'owner')}>
                    {h.name}
                  </Button>
                ),
              },
              { title: t('owner.retention.value'), key: 'value', align: 'right', render: (_, h) => money(h.valueFen) },
              { title: t('owner.retention.purchases'), dataIndex: 'purchases', align: 'right' },
              { title: t('owner.retention.lastPurchase'), key: 'last', render: (_, h) => shortDate(t, h.lastPurchase, retention.today) },
              { title: t('owner.retention.pAlive'), key: 'pAlive', align: 'right', render: (_, h) => percent(h.pAlive) },
              { title: t('owner.retention.expected90'), key: 'expected90', align: 'right', render: (_, h) => oneDecimal(h.expected90) },
            ]}
          />
        </Col>
      )}
      <Col xs={24} xl={fit ? 10 : 24}>
        <WinBack retention={retention} />
      </Col>
      {fit && (
        <Col span={24}>
          <Typography.Text type="secondary" className="owner-model">
            {t('owner.retention.model', { r: fit.r.toFixed(3), alpha: fit.alpha.toFixed(3), a: fit.a.toFixed(3), b: fit.b.toFixed(3) })}
          </Typography.Text>
        </Col>
      )}
    </Row>
  );
}

function WinBack({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  const months = retention.winBack.filter((m) => m.calls > 0);
  return (
    <>
      <Typography.Text strong>{t('owner.retention.winBack')}</Typography.Text>
      {months.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('owner.retention.winBackNone')}</Typography.Paragraph>
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="month"
          dataSource={months}
          columns={[
            { title: t('owner.month'), dataIndex: 'month' },
            { title: t('owner.retention.calls'), dataIndex: 'calls', align: 'right' },
            { title: t('owner.retention.callHouseholds'), dataIndex: 'households', align: 'right' },
            { title: t('owner.retention.won'), key: 'won', align: 'right', render: (_, m) => `${m.won} (${percent(m.won / m.households)})` },
          ]}
        />
      )}
    </>
  );
}
