/**
 * The prepaid plans page: the owner's plans (ticket bundles per product, stored-value top-ups) with their
 * renewal threshold and refund rule; what is still owed to households (tickets and stored value left: a
 * liability); and the renewal calls.
 */
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type LowBalance, type Plan, type PlanDraftInput } from '../../../../shared/contract.ts';
import { refundRules } from '../../../../shared/domain/prepaid.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { fenToYuan, money, shortDate, yuanToFen } from '../../components/format.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { positiveNumberRules, requiredRule } from '../../components/formRules.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';
import { planTerms } from './prepaidText.ts';
import './prepaid.css';

interface PlanForm {
  kind: 'tickets' | 'stored';
  name: string;
  productId?: number;
  tickets?: number;
  bonusTickets?: number;
  lowTickets?: number;
  /** Yuan on screen. */
  price: number;
  bonusYuan?: number;
  lowYuan?: number;
  refundRule: Plan['refundRule'];
}

function formOf(plan: Plan | null): PlanForm {
  if (!plan) return { kind: 'tickets', name: '', tickets: 20, bonusTickets: 2, lowTickets: 2, price: 0, refundRule: 'forfeitBonus' };
  const common = { name: plan.name, price: fenToYuan(plan.priceFen), refundRule: plan.refundRule };
  return plan.kind === 'tickets'
    ? { ...common, kind: 'tickets', productId: plan.productId!, tickets: plan.units, bonusTickets: plan.bonusUnits, lowTickets: plan.lowAt }
    : { ...common, kind: 'stored', bonusYuan: fenToYuan(plan.bonusUnits), lowYuan: fenToYuan(plan.lowAt) };
}

function draftOf(v: PlanForm): PlanDraftInput {
  const common = { name: v.name, priceFen: yuanToFen(v.price), refundRule: v.refundRule };
  return v.kind === 'tickets'
    ? { ...common, kind: 'tickets', productId: v.productId!, tickets: v.tickets!, bonusTickets: v.bonusTickets ?? 0, lowTickets: v.lowTickets ?? 0 }
    : { ...common, kind: 'stored', bonusFen: yuanToFen(v.bonusYuan ?? 0), lowFen: yuanToFen(v.lowYuan ?? 0) };
}

function PlanDialog({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanForm>();
  const catalog = useAppStore((s) => s.products);
  const products = catalog.filter((p) => !p.archivedAt);
  const savePrepaidPlan = useAppStore((s) => s.savePrepaidPlan);
  const kind = Form.useWatch('kind', form) ?? formOf(plan).kind;
  const submitting = useSingleSubmit(async () => {
    const v = await form.validateFields();
    try {
      await savePrepaidPlan(plan?.id ?? null, draftOf(v));
      void message.success(t('prepaid.plans.saved', { name: v.name }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, ['draft'], ['name'])) void message.error(errorText(t, error));
    }
  });
  const required = [requiredRule(t)];
  return (
    <FormDialog<PlanForm>
      title={plan ? t('prepaid.plans.editTitle', { name: plan.name }) : t('prepaid.plans.newTitle')}
      okText={t('common.save')}
      onClose={onClose}
      submitting={submitting}
      form={form}
      initialValues={formOf(plan)}
      width={520}
    >
      <Form.Item name="kind" label={t('prepaid.plans.kind')}>
        <Radio.Group
          disabled={plan !== null}
          options={[
            { value: 'tickets', label: t('prepaid.plans.kinds.tickets') },
            { value: 'stored', label: t('prepaid.plans.kinds.stored') },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t('prepaid.plans.name')} rules={required}>
        <Input maxLength={LIMITS.productName} placeholder={t(kind === 'tickets' ? 'prepaid.plans.ticketsExample' : 'prepaid.plans.storedExample')} />
      </Form.Item>
      {kind === 'tickets' ? (
        <>
          <Form.Item name="productId" label={t('prepaid.plans.product')} rules={required}>
            <Select options={products.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="tickets" label={t('prepaid.plans.tickets')} rules={positiveNumberRules(t)}>
            <InputNumber min={0} precision={0} addonAfter={t('prepaid.ticketUnit')} />
          </Form.Item>
          <Form.Item name="bonusTickets" label={t('prepaid.plans.bonusTickets')}>
            <InputNumber min={0} precision={0} addonAfter={t('prepaid.ticketUnit')} />
          </Form.Item>
          <Form.Item name="price" label={t('prepaid.plans.price')} rules={required}>
            <InputNumber min={0} precision={2} prefix="¥" />
          </Form.Item>
          <Form.Item name="lowTickets" label={t('prepaid.plans.low')} extra={t('prepaid.plans.lowHint')}>
            <InputNumber min={0} precision={0} addonAfter={t('prepaid.ticketUnit')} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="price" label={t('prepaid.plans.topUp')} rules={positiveNumberRules(t)}>
            <InputNumber min={0} precision={2} prefix="¥" />
          </Form.Item>
          <Form.Item name="bonusYuan" label={t('prepaid.plans.bonusYuan')}>
            <InputNumber min={0} precision={2} prefix="¥" />
          </Form.Item>
          <Form.Item name="lowYuan" label={t('prepaid.plans.low')} extra={t('prepaid.plans.lowHint')}>
            <InputNumber min={0} precision={2} prefix="¥" />
          </Form.Item>
        </>
      )}
      <Form.Item name="refundRule" label={t('prepaid.plans.refundRule')}>
        <Select options={refundRules.map((r) => ({ value: r, label: t(`prepaid.rules.${r}`) }))} />
      </Form.Item>
    </FormDialog>
  );
}

function Plans() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plans = useAppStore((s) => s.prepaidPlans);
  const withArchived = useAppStore((s) => s.prepaidPlansWithArchived);
  const loadPrepaidPlans = useAppStore((s) => s.loadPrepaidPlans);
  const archivePrepaidPlan = useAppStore((s) => s.archivePrepaidPlan);
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const archive = (plan: Plan) => archivePrepaidPlan(plan.id, !plan.archivedAt).catch((error: unknown) => void message.error(errorText(t, error)));
  return (
    <Card
      title={t('prepaid.plans.title')}
      extra={
        <Flex gap={12} align="center">
          <Checkbox checked={withArchived} onChange={(e) => void loadPrepaidPlans(e.target.checked)}>
            {t('prepaid.plans.showArchived')}
          </Checkbox>
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('prepaid.plans.new')}
          </Button>
        </Flex>
      }
    >
      <Table<Plan>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={plans}
        locale={{ emptyText: t('prepaid.plans.empty') }}
        columns={[
          { title: t('prepaid.plans.name'), render: (_, p) => (p.archivedAt ? t('prepaid.plans.archivedName', { name: p.name }) : p.name) },
          { title: t('prepaid.plans.for'), render: (_, p) => p.productName ?? t('prepaid.stored') },
          { title: t('prepaid.plans.terms'), render: (_, p) => planTerms(t, p) },
          {
            title: t('prepaid.plans.low'),
            render: (_, p) => (p.kind === 'tickets' ? t('prepaid.ticketsCount', { count: p.lowAt }) : money(p.lowAt)),
          },
          { title: t('prepaid.plans.refundRule'), render: (_, p) => t(`prepaid.rules.${p.refundRule}`) },
          {
            title: '',
            width: 150,
            render: (_, p) => (
              <Flex gap={4}>
                <Button size="small" type="link" onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </Button>
                <Button size="small" type="link" onClick={() => void archive(p)}>
                  {p.archivedAt ? t('prepaid.plans.restore') : t('prepaid.plans.archive')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {editing && <PlanDialog plan={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** The renewal calls in full (Today shows the first few). */
function Renewals() {
  const { t } = useTranslation();
  const low = useAppStore((s) => s.prepaidLow);
  const total = useAppStore((s) => s.prepaidLowTotal);
  const today = useShopToday();
  if (low.length === 0) return null;
  return (
    <Card title={t('prepaid.outstanding.low', { count: total })}>
      <Table<LowBalance>
        size="small"
        rowKey={(r) => `${r.customerId}-${r.productId ?? 'stored'}`}
        pagination={false}
        scroll={{ y: 240 }}
        dataSource={low}
        columns={[
          { title: t('prepaid.renewalColumns.name'), render: (_, r) => `${r.name} ${r.phone}` },
          {
            title: t('prepaid.renewalColumns.left'),
            render: (_, r) =>
              r.productId === null ? t('prepaid.storedLeft', { amount: money(r.left) }) : t('prepaid.ticketsLeft', { product: r.productName, count: r.left }),
          },
          { title: t('prepaid.renewalColumns.bought'), width: 130, render: (_, r) => shortDate(t, r.boughtDate, today) },
        ]}
      />
    </Card>
  );
}

function Outstanding() {
  const { t } = useTranslation();
  const outstanding = useAppStore((s) => s.prepaidOutstanding);
  const low = useAppStore((s) => s.prepaidLowTotal);
  if (!outstanding) return null;
  return (
    <Card title={t('prepaid.outstanding.title')}>
      <Flex vertical gap={4}>
        {outstanding.tickets.map((o) => (
          <Typography.Text key={o.productId}>
            {t('prepaid.outstanding.tickets', { product: o.productName, count: o.left, households: o.households })}
          </Typography.Text>
        ))}
        <Typography.Text>{t('prepaid.outstanding.stored', { amount: money(outstanding.storedFen), households: outstanding.storedHouseholds })}</Typography.Text>
        <Typography.Text type="secondary">{t('prepaid.outstanding.low', { count: low })}</Typography.Text>
      </Flex>
    </Card>
  );
}

export function PrepaidPage() {
  const { t } = useTranslation();
  const loadPrepaidPlans = useAppStore((s) => s.loadPrepaidPlans);
  const loadOutstanding = useAppStore((s) => s.loadOutstanding);
  const loadLowBalances = useAppStore((s) => s.loadLowBalances);
  const products = useAppStore((s) => s.products.length);
  const loadProducts = useAppStore((s) => s.loadProducts);
  useEffect(() => {
    void Promise.all([loadPrepaidPlans(), loadOutstanding(), loadLowBalances(), products === 0 ? loadProducts() : null]);
  }, [loadPrepaidPlans, loadOutstanding, loadLowBalances, loadProducts, products]);
  return (
    <Flex vertical gap={12} className="page prepaid">
      <Typography.Title level={3}>{t('prepaid.title')}</Typography.Title>
      <Plans />
      <Outstanding />
      <Renewals />
    </Flex>
  );
}
