import { Alert, App, Button, Card, Checkbox, Empty, Flex, Input, Table, Tabs, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cylinder, GasCheck } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { dateTime, shortDate } from '../../components/format.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore } from '../../store/store.ts';
import { HouseholdPicker } from '../customers/HouseholdPicker.tsx';
import { CheckDialog } from './CheckDialog.tsx';
import { CylinderDialog, IssueDialog } from './CylinderDialogs.tsx';
import { daysText, dueText } from './dueText.ts';
import './gas.css';

/** The register (气瓶): cylinders by serial with who holds them, and the households' safety checks. */
export function GasPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} className="page gas">
      <Typography.Title level={3}>{t('gas.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'cylinders', label: t('gas.tabs.cylinders'), children: <Cylinders /> },
          { key: 'checks', label: t('gas.tabs.checks'), children: <Checks /> },
        ]}
      />
    </Flex>
  );
}

function DueTags({ cylinder, today }: { cylinder: Cylinder; today: string }) {
  const { t } = useTranslation();
  return cylinder.dues.map((due) => (
    <Tag key={due.kind} color={due.days < 0 ? 'red' : 'orange'} className="gas-due">
      {`${dueText(t, due, today)}，${daysText(t, due.days)}`}
    </Tag>
  ));
}

function cylinderColumns(t: TFunction, today: string, act: { issue(c: Cylinder): void; giveBack(c: Cylinder): void; edit(c: Cylinder): void }) {
  return [
    {
      title: t('gas.columns.serial'),
      key: 'serial',
      width: '22%',
      render: (_: unknown, c: Cylinder) => (
        <div className="cell-stack">
          <strong className="gas-serial">{c.serial}</strong>
          <span className="text-muted">{t('gas.sizeKg', { size: c.sizeKg })}</span>
        </div>
      ),
    },
    {
      title: t('gas.columns.holder'),
      key: 'holder',
      width: '22%',
      render: (_: unknown, c: Cylinder) =>
        c.holder ? (
          <div className="cell-stack">
            <span>{c.holder.phone ? `${c.holder.name} ${c.holder.phone}` : c.holder.name}</span>
            <span className="text-muted">{t('gas.since', { date: shortDate(t, c.holder.since, today) })}</span>
          </div>
        ) : (
          <span className="text-muted">{t('gas.inShop')}</span>
        ),
    },
    {
      title: t('gas.columns.nextInspection'),
      key: 'dates',
      render: (_: unknown, c: Cylinder) => (
        <div className="cell-stack">
          <span>
            {t('gas.fields.nextInspectionDate')} {shortDate(t, c.nextInspectionDate, today)} · {t('gas.fields.scrapDate')} {shortDate(t, c.scrapDate, today)}
          </span>
          <span>
            <DueTags cylinder={c} today={today} />
          </span>
        </div>
      ),
    },
    {
      title: t('gas.columns.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, c: Cylinder) => (
        <Flex gap={4}>
          {c.holder ? (
            <Button size="small" onClick={() => act.giveBack(c)}>
              {t('gas.return')}
            </Button>
          ) : (
            <Button size="small" type="primary" onClick={() => act.issue(c)}>
              {t('gas.issue')}
            </Button>
          )}
          <Button size="small" onClick={() => act.edit(c)}>
            {t('common.edit')}
          </Button>
        </Flex>
      ),
    },
  ];
}

type CylinderDialogState = { kind: 'edit'; cylinder: Cylinder | null } | { kind: 'issue'; cylinder: Cylinder } | null;

function Cylinders() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const list = useAppStore((s) => s.gasList);
  const query = useAppStore((s) => s.gasQuery);
  const dueSoon = useAppStore((s) => s.gasDueSoon);
  const loadGasList = useAppStore((s) => s.loadGasList);
  const setGasFilter = useAppStore((s) => s.setGasFilter);
  const returnCylinder = useAppStore((s) => s.returnCylinder);
  const today = useShopToday();
  const [dialog, setDialog] = useState<CylinderDialogState>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadGasList().catch(setError);
  }, [loadGasList]);

  const giveBack = (c: Cylinder) =>
    void modal.confirm({
      title: t('gas.returnConfirm', { serial: c.serial, name: c.holder?.name ?? '' }),
      okText: t('gas.return'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await returnCylinder(c.serial);
          void message.success(t('gas.returned', { serial: c.serial }));
        } catch (e) {
          void message.error(errorText(t, e));
        }
      },
    });

  if (error) return <Empty description={errorText(t, error)} />;
  return (
    <Flex vertical gap={8}>
      <Flex gap={12} align="center" wrap>
        <Input.Search
          allowClear
          defaultValue={query}
          placeholder={t('gas.search')}
          aria-label={t('gas.search')}
          onSearch={(q) => void setGasFilter({ query: q.trim() })}
          className="gas-search"
        />
        <Checkbox checked={dueSoon} onChange={(e) => void setGasFilter({ dueSoon: e.target.checked })}>
          {t('gas.dueSoon')}
        </Checkbox>
        <Flex flex={1} />
        {list && <Typography.Text type="secondary">{t('gas.total', { count: list.total })}</Typography.Text>}
        <Button type="primary" onClick={() => setDialog({ kind: 'edit', cylinder: null })}>
          {t('gas.register')}
        </Button>
      </Flex>
      <Table<Cylinder>
        size="small"
        rowKey="id"
        loading={!list}
        dataSource={list?.items ?? []}
        columns={cylinderColumns(t, today, {
          issue: (cylinder) => setDialog({ kind: 'issue', cylinder }),
          giveBack,
          edit: (cylinder) => setDialog({ kind: 'edit', cylinder }),
        })}
        pagination={false}
        locale={{ emptyText: t('gas.empty') }}
        scroll={{ y: 'calc(100vh - 250px)' }}
      />
      {list && list.total > list.items.length && (
        <Typography.Text type="secondary">{t('gas.showingFirst', { shown: list.items.length, count: list.total })}</Typography.Text>
      )}
      {dialog?.kind === 'edit' && <CylinderDialog cylinder={dialog.cylinder} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'issue' && <IssueDialog cylinder={dialog.cylinder} onClose={() => setDialog(null)} />}
    </Flex>
  );
}

function checkColumns(t: TFunction, today: string) {
  return [
    { title: t('gas.checks.columns.date'), key: 'date', width: 110, render: (_: unknown, c: GasCheck) => shortDate(t, c.date, today) },
    {
      title: t('gas.checks.columns.result'),
      key: 'result',
      width: 100,
      render: (_: unknown, c: GasCheck) => <Tag color={c.result === 'pass' ? 'green' : 'red'}>{t(`gas.results.${c.result}`)}</Tag>,
    },
    {
      title: t('gas.checks.columns.items'),
      key: 'items',
      render: (_: unknown, c: GasCheck) => c.items.map((item) => t(`gas.items.${item}`)).join(t('common.listSeparator')),
    },
    {
      title: t('gas.checks.columns.nextDue'),
      key: 'nextDue',
      width: 110,
      render: (_: unknown, c: GasCheck) => (c.nextDue ? shortDate(t, c.nextDue, today) : '—'),
    },
    { title: t('gas.checks.columns.by'), dataIndex: 'by', key: 'by', width: 90 },
    { title: t('gas.checks.columns.note'), dataIndex: 'note', key: 'note', ellipsis: true },
  ];
}

/** One household's cylinders, its safety checks (newest first), its supply hold and the sales made despite it. */
function Checks() {
  const { t } = useTranslation();
  const customer = useAppStore((s) => s.gasCustomer);
  const household = useAppStore((s) => s.gasHousehold);
  const selectGasCustomer = useAppStore((s) => s.selectGasCustomer);
  const today = useShopToday();
  const [recording, setRecording] = useState(false);
  return (
    <Flex vertical gap={8}>
      <Flex gap={12} align="center">
        <div className="gas-picker">
          <HouseholdPicker value={customer} onChange={(c) => void selectGasCustomer(c)} placeholder={t('gas.pickCustomer')} className="full-width" />
        </div>
        <Button type="primary" disabled={!customer} onClick={() => setRecording(true)}>
          {t('gas.checks.record')}
        </Button>
      </Flex>
      {!customer && <Empty description={t('gas.checks.pick')} />}
      {customer && household && (
        <>
          {household.hold && (
            <Alert type="error" showIcon title={t(`gas.hold.${household.hold.reason}`, { date: shortDate(t, household.hold.checkDate, today) })} />
          )}
          <Card size="small" title={t('gas.checks.held')}>
            {household.cylinders.length === 0 ? (
              <Typography.Text type="secondary">{t('gas.checks.noneHeld')}</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                {household.cylinders.map((c) => (
                  <span key={c.id}>
                    <strong className="gas-serial">{c.serial}</strong> {t('gas.sizeKg', { size: c.sizeKg })} ·{' '}
                    {t('gas.since', { date: shortDate(t, c.holder!.since, today) })} <DueTags cylinder={c} today={today} />
                  </span>
                ))}
              </Flex>
            )}
          </Card>
          <Table<GasCheck>
            size="small"
            rowKey="id"
            dataSource={household.checks}
            columns={checkColumns(t, today)}
            pagination={false}
            locale={{ emptyText: t('gas.checks.empty') }}
            scroll={{ y: 260 }}
          />
          {household.overrides.length > 0 && (
            <Card size="small" title={t('gas.checks.overrides')}>
              {household.overrides.map((o) => (
                <div key={o.id}>{t('gas.checks.override', { date: dateTime(t, o.createdAt, today), saleId: o.saleId, reason: o.reason })}</div>
              ))}
            </Card>
          )}
        </>
      )}
      {recording && customer && <CheckDialog customer={customer} onClose={() => setRecording(false)} />}
    </Flex>
  );
}
