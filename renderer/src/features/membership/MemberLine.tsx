/**
 * A household's standing in one line of its record: its place in the pyramid (the tier badge), the member
 * level it is served at, a paid membership's end, its points; selling a paid membership and undoing one.
 */
import { App, Button, Flex, Popconfirm, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paymentMethods, type MemberStatus, type Payment } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { money } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';

export const TIER_TAG_COLORS = { vip: 'gold', key: 'green', regular: 'blue', small: 'default' } as const;

/** The level's tag: the level it is served at, or "not a member". */
export function LevelTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  return status.level ? <Tag color="volcano">{t(`membership.levels.${status.level}`)}</Tag> : <Tag>{t('membership.notMember')}</Tag>;
}

function BuyButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useAppStore((s) => s.memberRules);
  const loadRules = useAppStore((s) => s.loadMemberRules);
  const buy = useAppStore((s) => s.buyMembership);
  const [method, setMethod] = useState<Payment['method']>('cash');
  return (
    <Popconfirm
      title={t('membership.buy')}
      description={
        <Flex vertical gap={6}>
          {rules && t('membership.buyConfirm', { amount: money(rules.priceFen), days: rules.days })}
          <Select
            aria-label={t('membership.buyMethod')}
            value={method}
            onChange={setMethod}
            options={paymentMethods.map((m) => ({ value: m, label: t(`credit.methods.${m}`) }))}
          />
        </Flex>
      }
      onOpenChange={(open) => open && void loadRules()}
      okText={t('membership.buy')}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          const status = await buy(customerId, method);
          void message.success(t('membership.bought', { date: status.paidUntil }));
        } catch (error) {
          void message.error(errorText(t, error));
        }
      }}
    >
      <Button size="small">{t('membership.buy')}</Button>
    </Popconfirm>
  );
}

/** Undoes the last paid membership not voided yet (a sale by mistake, or its money given back). */
function UndoButton({ purchase }: { purchase: MemberStatus['purchases'][number] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const voidMembership = useAppStore((s) => s.voidMembership);
  return (
    <Popconfirm
      title={t('membership.undoBuy')}
      description={t('membership.undoBuyConfirm', { from: purchase.startDate, to: purchase.endDate, amount: money(purchase.priceFen) })}
      okText={t('membership.undoBuy')}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await voidMembership(purchase.id);
          void message.success(t('membership.undone'));
        } catch (error) {
          void message.error(errorText(t, error));
        }
      }}
    >
      <Button size="small" type="link">
        {t('membership.undoBuy')}
      </Button>
    </Popconfirm>
  );
}

export function MemberLine({ customerId, archived }: { customerId: number; archived: boolean }) {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.memberStatus);
  // The record's sales reload after every sale, slip and void: the points follow them.
  const sales = useAppStore((s) => s.sales);
  const load = useAppStore((s) => s.loadMemberStatus);
  useEffect(() => {
    void load(customerId).catch(() => undefined);
  }, [customerId, sales, load]);
  if (status?.customerId !== customerId) return null;
  const lastLive = status.purchases.find((p) => p.voidedAt === null);
  return (
    <Flex gap={8} align="center" wrap className="member-line">
      {status.tier && <Tag color={TIER_TAG_COLORS[status.tier]}>{t(`membership.tiers.${status.tier}`)}</Tag>}
      <LevelTag status={status} />
      {status.discountPct > 0 && <Typography.Text type="secondary">{t('membership.discount', { pct: status.discountPct })}</Typography.Text>}
      {status.paidUntil && <Typography.Text>{t('membership.paidUntil', { date: status.paidUntil })}</Typography.Text>}
      <Typography.Text strong>{t('membership.points', { points: status.points.balance })}</Typography.Text>
      {!archived && <BuyButton customerId={customerId} />}
      {lastLive && <UndoButton purchase={lastLive} />}
    </Flex>
  );
}
