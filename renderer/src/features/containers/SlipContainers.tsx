/**
 * The slip's containers: per container type in play (the lines' products' containers, and those the
 * household has), how many go out, come back, and on a deposit paid or refunded. Out follows the lines
 * until typed. Deposit money is apart from the payment split.
 */
import { Flex, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerBalanceRow, ContainerMoveDraftInput, Product } from '../../../../shared/contract.ts';
import { containerTypes, type ContainerType } from '../../../../shared/domain/containers.ts';
import { money } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';

type Field = 'out' | 'in' | 'depositPaid' | 'refunded';
const fields: Field[] = ['out', 'in', 'depositPaid', 'refunded'];

export function useSlipContainers(customerId: number | null, lines: readonly { product: Product; quantity: number }[]) {
  const api = useAppStore((s) => s.api);
  const [balances, setBalances] = useState<ContainerBalanceRow[]>([]);
  const [typed, setTyped] = useState<Partial<Record<ContainerType, Partial<Record<Field, number>>>>>({});

  useEffect(() => {
    setBalances([]);
    if (customerId === null) return undefined;
    let current = true;
    void api['containers.forCustomer']({ customerId }).then((b) => current && setBalances(b));
    return () => {
      current = false;
    };
  }, [api, customerId]);

  const fromLines = new Map<ContainerType, { count: number; depositFen: number }>();
  for (const { product, quantity } of lines) {
    if (!product.container) continue;
    const sum = fromLines.get(product.container);
    fromLines.set(product.container, { count: (sum?.count ?? 0) + quantity, depositFen: sum?.depositFen || product.depositFen });
  }
  const types = containerTypes.filter((c) => fromLines.has(c) || balances.some((b) => b.container === c));
  // Untyped, a delivery is a swap: as many empties back as go out (no more than the household holds);
  // a walk-in pays a deposit on what it takes beyond its empties.
  const valueOf = (c: ContainerType, field: Field): number => {
    const own = typed[c]?.[field];
    if (own !== undefined) return own;
    const out = typed[c]?.out ?? Math.floor(fromLines.get(c)?.count ?? 0);
    const held = balances.find((b) => b.container === c)?.held ?? 0;
    if (field === 'out') return out;
    if (field === 'in') return customerId === null ? out : Math.min(out, held);
    if (field === 'depositPaid') return customerId === null ? Math.max(0, out - valueOf(c, 'in')) : 0;
    return 0;
  };
  const drafts: Required<Omit<ContainerMoveDraftInput, 'depositUnitFen'>>[] = types
    .map((c) => ({ container: c, out: valueOf(c, 'out'), in: valueOf(c, 'in'), depositPaid: valueOf(c, 'depositPaid'), refunded: valueOf(c, 'refunded') }))
    .filter((m) => m.out + m.in + m.depositPaid + m.refunded > 0);
  return {
    types,
    balances,
    valueOf,
    set: (c: ContainerType, field: Field, n: number | null) => setTyped((all) => ({ ...all, [c]: { ...all[c], [field]: n ?? 0 } })),
    drafts,
    /** The deposits taken on this slip at the lines' products' prices (the backend prices any other). */
    depositFen: drafts.reduce((sum, m) => sum + m.depositPaid * (fromLines.get(m.container)?.depositFen ?? 0), 0),
    reset: () => setTyped({}),
  };
}

export type SlipContainersState = ReturnType<typeof useSlipContainers>;

export function SlipContainers({ state }: { state: SlipContainersState }) {
  const { t } = useTranslation();
  if (state.types.length === 0) return null;
  return (
    <Flex vertical gap={4} className="slip-containers" role="group" aria-label={t('containers.slip.title')}>
      {state.types.map((c) => {
        const name = t(`containers.types.${c}`);
        const balance = state.balances.find((b) => b.container === c);
        return (
          <Flex key={c} gap={8} align="center" wrap>
            <Typography.Text strong className="slip-container-name">
              {name}
            </Typography.Text>
            {fields.map((field) => (
              <Flex key={field} gap={4} align="center">
                <Typography.Text type="secondary">{t(`containers.${field}`)}</Typography.Text>
                <InputNumber<number>
                  size="small"
                  min={0}
                  precision={0}
                  aria-label={`${name} ${t(`containers.${field}`)}`}
                  value={state.valueOf(c, field)}
                  onChange={(v) => state.set(c, field, v)}
                  className="slip-container-count"
                />
              </Flex>
            ))}
            {balance && (
              <Typography.Text type={balance.owes > 0 ? 'danger' : 'secondary'}>
                {t('containers.slip.balance', { name, held: balance.held, deposits: balance.depositCount, owes: balance.owes })}
              </Typography.Text>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** Under the slip's total: what to collect with the deposits taken. */
export function SlipDepositTotal({ state, totalFen }: { state: SlipContainersState; totalFen: number }) {
  const { t } = useTranslation();
  if (state.depositFen === 0) return null;
  return <Typography.Text>{t('containers.slip.toCollect', { amount: money(totalFen + state.depositFen) })}</Typography.Text>;
}
