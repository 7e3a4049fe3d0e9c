/**
 * Membership on the counter slip: the member price (on by default for a member with a discount) and
 * points spent, previewed by the rules the backend applies (shared/domain/membership.ts), so the total
 * and the payments shown are what the slip will charge.
 */
import { Checkbox, Flex, InputNumber, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberStatus, SlipMemberInput } from '../../../../shared/contract.ts';
import { memberPriceFen, pointsValueFen } from '../../../../shared/domain/membership.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { money } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';
import { LevelTag } from './MemberLine.tsx';

export interface SlipMember {
  /** What the slip charges: its lines at the price asked, less the points. */
  payableFen: number;
  /** Spread into the slip's draft. */
  draft: { member?: SlipMemberInput };
  /** The row shown on the slip; `onChange` runs when the member price or the points change. */
  panel(onChange: () => void): ReactNode;
}

/** `settled` changes when a slip is settled and a new one begun: the points are read again. */
export function useSlipMember(customerId: number | null, lines: { quantity: number; unitPriceFen: number }[], settled: unknown): SlipMember {
  const { t } = useTranslation();
  const api = useAppStore((s) => s.api);
  const [status, setStatus] = useState<MemberStatus | null>(null);
  const [price, setPrice] = useState(false);
  const [redeem, setRedeem] = useState<number | null>(null);

  useEffect(() => {
    setStatus(null);
    setPrice(false);
    setRedeem(null);
    if (customerId === null) return undefined;
    let current = true;
    api['membership.status']({ customerId })
      .then((s) => {
        if (!current) return;
        setStatus(s);
        setPrice(s.level !== null && s.discountPct > 0);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, customerId, settled]);

  const pct = price && status ? status.discountPct : 0;
  const goodsFen = lines.reduce((sum, l) => sum + lineAmountFen(l.quantity, memberPriceFen(l.unitPriceFen, pct)), 0);
  const points = status && redeem ? redeem : 0;
  const valueFen = status ? pointsValueFen(points, status.pointsPerYuanOff) : 0;
  const asked = price || points > 0;

  return {
    payableFen: goodsFen - valueFen,
    draft: asked ? { member: { price, redeemPoints: points } } : {},
    panel: (onChange) =>
      status && (
        <Flex gap={8} align="center" wrap className="slip-member">
          <LevelTag status={status} />
          {status.level && status.discountPct > 0 && (
            <Checkbox
              checked={price}
              onChange={(e) => {
                setPrice(e.target.checked);
                onChange();
              }}
            >
              {t('membership.memberPrice', { pct: status.discountPct })}
            </Checkbox>
          )}
          {status.points.balance > 0 && (
            <>
              <Typography.Text>{t('membership.redeem')}</Typography.Text>
              <InputNumber<number>
                size="small"
                aria-label={t('membership.redeem')}
                min={0}
                precision={0}
                value={redeem}
                onChange={(v) => {
                  setRedeem(v);
                  onChange();
                }}
              />
              <Typography.Text type="secondary">{t('membership.redeemOf', { points: status.points.balance, per: status.pointsPerYuanOff })}</Typography.Text>
              {valueFen > 0 && <Typography.Text type="success">{t('membership.redeemValue', { amount: money(valueFen) })}</Typography.Text>}
            </>
          )}
        </Flex>
      ),
  };
}
