import type { TFunction } from 'i18next';
import type { ContainerBalanceRow } from '../../../../shared/contract.ts';
import { money } from '../../components/format.ts';

/** "水桶：在您家 3 个，押金 2 个（¥60.00），欠 1 个": the line that settles "I returned it last time!". */
export function balanceText(t: TFunction, b: ContainerBalanceRow): string {
  return t('containers.receipt.balance', {
    name: t(`containers.types.${b.container}`),
    held: b.held,
    deposits: b.depositCount,
    amount: money(b.depositFen),
    owes: b.owes,
  });
}
