/**
 * The household's prepaid tickets and stored value in one line of its record, with selling a bundle (or a
 * top-up) and refunding what is left. Nothing for a shop without plans and a household holding nothing.
 */
import { App, Button, Flex, Input, InputNumber, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prepaidMethods, type PrepaidBalances, type PrepaidMethod } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { fenToYuan, money, yuanToFen } from '../../components/format.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';
import { balancesText, holdsAny, planTerms } from './prepaidText.ts';
import './prepaid.css';

function MethodPicker({ value, onChange }: { value: PrepaidMethod; onChange: (method: PrepaidMethod) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      aria-label={t('prepaid.method')}
      value={value}
      onChange={(e) => onChange(e.target.value as PrepaidMethod)}
      options={prepaidMethods.map((m) => ({ value: m, label: t(`slips.methods.${m}`) }))}
    />
  );
}

function SellDialog({ customerId, name, onClose }: { customerId: number; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allPlans = useAppStore((s) => s.prepaidPlans);
  const plans = allPlans.filter((p) => !p.archivedAt);
  const sellPrepaid = useAppStore((s) => s.sellPrepaid);
  const [planId, setPlanId] = useState<number | null>(plans[0]?.id ?? null);
  const [method, setMethod] = useState<PrepaidMethod>('cash');
  const plan = plans.find((p) => p.id === planId);
  const submit = useSingleSubmit(async () => {
    if (!plan) return;
    try {
      await sellPrepaid(customerId, plan.id, method);
      void message.success(t('prepaid.sell.done', { plan: plan.name, amount: money(plan.priceFen) }));
      onClose();
    } catch (error) {
      void message.error(errorText(t, error));
    }
  });
  return (
    <Modal open title={t('prepaid.sell.title', { name })} onCancel={onClose} onOk={submit.run} okText={t('prepaid.sell.ok')} confirmLoading={submit.busy}>
      <Flex vertical gap={12}>
        <Select<number>
          aria-label={t('prepaid.sell.plan')}
          className="prepaid-wide"
          value={planId}
          onChange={setPlanId}
          options={plans.map((p) => ({ value: p.id, label: `${p.name} · ${planTerms(t, p)}` }))}
        />
        <MethodPicker value={method} onChange={setMethod} />
        {plan && <Typography.Text strong>{t('prepaid.sell.toPay', { amount: money(plan.priceFen) })}</Typography.Text>}
      </Flex>
    </Modal>
  );
}

function RefundDialog({ customerId, name, balances, onClose }: { customerId: number; name: string; balances: PrepaidBalances; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const refundPrepaid = useAppStore((s) => s.refundPrepaid);
  const accounts = [
    ...balances.tickets
      .filter((b) => b.left > 0)
      .map((b) => ({ key: String(b.productId), productId: b.productId as number | null, left: b.left, label: b.productName })),
    ...(balances.stored && balances.stored.leftFen > 0 ? [{ key: 'stored', productId: null, left: balances.stored.leftFen, label: t('prepaid.stored') }] : []),
  ];
  const [key, setKey] = useState(accounts[0]?.key ?? '');
  const account = accounts.find((a) => a.key === key);
  const isStored = account?.productId === null;
  // Tickets as a count; stored value typed in yuan, kept in fen.
  const [units, setUnits] = useState<number | null>(account?.left ?? null);
  const [method, setMethod] = useState<PrepaidMethod>('cash');
  const [note, setNote] = useState('');
  const [quote, setQuote] = useState<number | null>(null);
  const productId = account?.productId;
  useEffect(() => {
    setQuote(null);
    if (productId === undefined || !units) return;
    let current = true;
    api['prepaid.quoteRefund']({ customerId, productId, units })
      .then((q) => current && setQuote(q.moneyFen))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, customerId, productId, units]);
  const submit = useSingleSubmit(async () => {
    if (!account || !units) return;
    try {
      const household = await refundPrepaid({ customerId, productId: account.productId, units, method, note });
      void message.success(t('prepaid.refund.done', { amount: money(household.entries[0]?.moneyFen ?? 0) }));
      onClose();
    } catch (error) {
      void message.error(errorText(t, error));
    }
  });
  return (
    <Modal open title={t('prepaid.refund.title', { name })} onCancel={onClose} onOk={submit.run} okText={t('prepaid.refund.ok')} confirmLoading={submit.busy}>
      <Flex vertical gap={12}>
        <Select
          aria-label={t('prepaid.refund.account')}
          className="prepaid-wide"
          value={key}
          onChange={(k) => {
            setKey(k);
            setUnits(accounts.find((a) => a.key === k)?.left ?? null);
          }}
          options={accounts.map((a) => ({ value: a.key, label: a.label }))}
        />
        <InputNumber<number>
          aria-label={t(isStored ? 'prepaid.refund.amount' : 'prepaid.refund.tickets')}
          className="prepaid-wide"
          min={isStored ? 0.01 : 1}
          precision={isStored ? 2 : 0}
          prefix={isStored ? '¥' : undefined}
          addonAfter={isStored ? undefined : t('prepaid.ticketUnit')}
          value={units === null ? null : isStored ? fenToYuan(units) : units}
          onChange={(v) => setUnits(v === null ? null : isStored ? yuanToFen(v) : v)}
        />
        <MethodPicker value={method} onChange={setMethod} />
        <Input
          aria-label={t('prepaid.refund.note')}
          placeholder={t('prepaid.refund.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
        />
        {quote !== null && <Typography.Text strong>{t('prepaid.refund.quote', { amount: money(quote) })}</Typography.Text>}
      </Flex>
    </Modal>
  );
}

export function PrepaidLine({ customerId, name }: { customerId: number; name: string }) {
  const { t } = useTranslation();
  const household = useAppStore((s) => s.prepaidHousehold);
  const plansOnSale = useAppStore((s) => s.prepaidPlans.some((p) => !p.archivedAt));
  const loadPrepaidFor = useAppStore((s) => s.loadPrepaidFor);
  const loadPrepaidPlans = useAppStore((s) => s.loadPrepaidPlans);
  // A slip drawing tickets reloads the household's purchases: the balances follow them.
  const sales = useAppStore((s) => s.sales);
  const [dialog, setDialog] = useState<'sell' | 'refund' | null>(null);
  useEffect(() => {
    loadPrepaidFor(customerId).catch(() => undefined);
  }, [customerId, sales, loadPrepaidFor]);
  useEffect(() => {
    loadPrepaidPlans().catch(() => undefined);
  }, [loadPrepaidPlans]);

  const balances = household?.customerId === customerId ? household.balances : null;
  if (!balances || (!holdsAny(balances) && !plansOnSale)) return null;
  const low = balances.tickets.some((b) => b.low) || !!balances.stored?.low;
  const refundable = balances.tickets.some((b) => b.left > 0) || (balances.stored?.leftFen ?? 0) > 0;
  return (
    <Flex className="prepaid-line" align="center" gap={8} wrap>
      <Typography.Text type="secondary">{t('prepaid.line.label')}</Typography.Text>
      <Typography.Text>{holdsAny(balances) ? balancesText(t, balances) : t('prepaid.line.none')}</Typography.Text>
      {low && <Tag color="orange">{t('prepaid.line.low')}</Tag>}
      <Button size="small" disabled={!plansOnSale} onClick={() => setDialog('sell')}>
        {t('prepaid.sell.open')}
      </Button>
      {refundable && (
        <Button size="small" onClick={() => setDialog('refund')}>
          {t('prepaid.refund.open')}
        </Button>
      )}
      {dialog === 'sell' && <SellDialog customerId={customerId} name={name} onClose={() => setDialog(null)} />}
      {dialog === 'refund' && <RefundDialog customerId={customerId} name={name} balances={balances} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
