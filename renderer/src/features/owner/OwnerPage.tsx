import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnerHome, Pyramid } from '../../../../shared/contract.ts';
import { TIERS } from '../../../../shared/domain/customerValue.ts';
import { errorText } from '../../components/errors.ts';
import { compactMoney, money, quantityText, shortDate } from '../../components/format.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { monthBars } from './monthBars.ts';
import { RetentionCard } from './RetentionCard.tsx';

// ECharts is ~0.5 MB: the counter screens never load it, the owner's screen loads it when it opens.
const MonthChart = lazy(() => import('./MonthChart.tsx'));

const TIER_COLORS = { vip: '#b8860b', key: '#1f7a5c', regular: '#5b8db8', small: '#999' } as const;

export function OwnerPage() {
  const { t, i18n } = useTranslation();
  const home = useAppStore((s) => s.ownerHome);
  const pyramid = useAppStore((s) => s.pyramid);
  const loadOwner = useAppStore((s) => s.loadOwner);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadOwner().catch(setError);
  }, [loadOwner]);

  if (error) return <Empty description={errorText(t, error)} />;
  if (!home || !pyramid) return <Spin description={t('owner.loading')} className="owner-loading" />;
  return (
    <Flex vertical gap={12} className="page owner">
      <Flex align="baseline" gap={12}>
        <Typography.Title level={3}>{t('owner.title')}</Typography.Title>
        <Typography.Text type="secondary">{shortDate(t, home.today, home.today)}</Typography.Text>
        <Button className="owner-print" icon={<PrinterOutlined />} onClick={() => openPrintView({ kind: 'month', layout: 'a4', area: '', autoPrint: true })}>
          {t('owner.report.print')}
        </Button>
      </Flex>
      <Takings home={home} />
      <Card size="small" title={t('owner.byMonth')}>
        <Suspense fallback={<div className="owner-chart" />}>
          <Months home={home} language={i18n.language} />
        </Suspense>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Products home={home} />
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={12}>
            <Credit home={home} />
            <Calls home={home} />
          </Flex>
        </Col>
      </Row>
      <Tiers pyramid={pyramid} />
      <NewAndLost home={home} />
      <RetentionCard />
    </Flex>
  );
}

function Takings({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const { takings } = home;
  const change = takings.lastMonthToDateFen > 0 ? (takings.thisMonthFen - takings.lastMonthToDateFen) / takings.lastMonthToDateFen : null;
  const percent = (v: number) => `${v >= 0 ? '+' : ''}${Math.round(v * 100)}%`;
  return (
    <Row gutter={[12, 12]}>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('owner.today')} value={money(takings.todayFen)} />
        </Card>
      </Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('owner.thisMonth')} value={money(takings.thisMonthFen)} />
          <Typography.Text type={change !== null && change < 0 ? 'danger' : 'success'} className="owner-change">
            {change === null ? t('owner.noComparison') : t('owner.change', { change: percent(change) })}
          </Typography.Text>
        </Card>
      </Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('owner.lastMonth')} value={money(takings.lastMonthFen)} />
          <Typography.Text type="secondary" className="owner-change">
            {t('owner.lastMonthToDate', { amount: money(takings.lastMonthToDateFen) })}
          </Typography.Text>
        </Card>
      </Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('owner.sameMonthLastYear')} value={money(takings.sameMonthLastYearFen)} />
        </Card>
      </Col>
    </Row>
  );
}

function Months({ home, language }: { home: OwnerHome; language: string }) {
  const { t } = useTranslation();
  const bars = useMemo(() => monthBars(t, home), [home, t]);
  const axisLabel = useCallback((fen: number) => compactMoney(fen, language), [language]);
  return <MonthChart bars={bars} axisLabel={axisLabel} />;
}

function Products({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('owner.byProduct')}>
      <Table
        size="small"
        pagination={false}
        rowKey="productId"
        dataSource={home.byProduct}
        columns={[
          { title: t('owner.product'), dataIndex: 'name' },
          { title: t('owner.quantity'), key: 'quantity', align: 'right', render: (_, p) => quantityText(t, Math.round(p.quantity * 100) / 100, p.unit) },
          { title: t('owner.amount'), key: 'amount', align: 'right', render: (_, p) => money(p.amountFen) },
        ]}
      />
    </Card>
  );
}

function Credit({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const { credit } = home;
  return (
    <Card size="small" title={t('owner.credit')}>
      <Typography.Paragraph>{t('owner.outstanding', { amount: money(credit.outstandingFen), count: credit.households })}</Typography.Paragraph>
      <Flex gap={8} wrap>
        {credit.ageing.map((a) => (
          <Tag key={a.fromDays} color={a.fromDays > 60 && a.amountFen > 0 ? 'red' : undefined} className="owner-ageing">
            {a.toDays === null ? t('owner.ageingOver', { from: a.fromDays - 1 }) : t('owner.ageing', { from: a.fromDays, to: a.toDays })}：{money(a.amountFen)}
          </Tag>
        ))}
      </Flex>
    </Card>
  );
}

function Calls({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const { called, boughtWithinWeek } = home.calls;
  return (
    <Card size="small" title={t('owner.calls')}>
      {called === 0
        ? t('owner.callsNone')
        : t('owner.callsWorked', { called, bought: boughtWithinWeek, rate: `${Math.round((100 * boughtWithinWeek) / called)}%` })}
    </Card>
  );
}

function Tiers({ pyramid }: { pyramid: Pyramid }) {
  const { t } = useTranslation();
  const openRecord = useAppStore((s) => s.openRecord);
  const tierName = (tier: keyof typeof TIER_COLORS | null) => (tier === null ? t('owner.left') : t(`owner.tiers.${tier}`));
  return (
    <Card size="small" title={t('owner.pyramid')}>
      {/* The pyramid over the moves below 1200 px: beside them its top tier was too narrow for its figures. */}
      <Row gutter={[16, 12]}>
        <Col xs={24} xl={14}>
          <Flex vertical align="center" gap={4} className="owner-pyramid">
            {TIERS.map((tier, i) => {
              const row = pyramid.tiers.find((x) => x.tier === tier)!;
              return (
                <div key={tier} className="owner-tier" style={{ width: `${50 + (i * 50) / 3}%`, background: TIER_COLORS[tier] }}>
                  <strong>{t(`owner.tiers.${tier}`)}</strong> {t('owner.tierCount', { count: row.households })} · {money(row.valueFen)}
                  {row.households > 0 && tier !== 'small' && (
                    <span className="owner-tier-from"> · {t('owner.tierFrom', { amount: money(row.minValueFen) })}</span>
                  )}
                </div>
              );
            })}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Text strong>{t('owner.moves')}</Typography.Text>
          {pyramid.moves.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('owner.movesNone')}</Typography.Paragraph>
          ) : (
            <ul className="owner-moves">
              {pyramid.moves.slice(0, 12).map((m) => (
                <li key={m.customerId}>
                  <Button type="link" size="small" onClick={() => openRecord(m.customerId, 'owner')}>
                    {m.name}
                  </Button>
                  <span className={m.to === null || (m.from !== null && TIERS.indexOf(m.to) > TIERS.indexOf(m.from)) ? 'owner-drop' : 'owner-rise'}>
                    {m.from === null ? t('owner.joined') : tierName(m.from)} → {tierName(m.to)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Col>
      </Row>
    </Card>
  );
}

function NewAndLost({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const lost = new Map(home.lostByMonth.map((m) => [m.month, m.households]));
  const rows = home.byMonth.slice(1).map((m) => ({ month: m.month, newHouseholds: m.newHouseholds, lost: lost.get(m.month) ?? 0 }));
  return (
    <Card size="small" title={t('owner.newAndLost')}>
      <Table
        size="small"
        pagination={false}
        rowKey="month"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('owner.month'), dataIndex: 'month' },
          { title: t('owner.newHouseholds'), dataIndex: 'newHouseholds', align: 'right' },
          { title: t('owner.lostHouseholds'), dataIndex: 'lost', align: 'right' },
        ]}
      />
    </Card>
  );
}
