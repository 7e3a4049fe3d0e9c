/** Prepaid balances and plans in words, the same on screen, on the receipt and on the statement. */
import type { TFunction } from 'i18next';
import type { Plan, PrepaidBalances } from '../../../../shared/contract.ts';
import { money } from '../../components/format.ts';

/** "桶装水 20 张 · 储值 ¥350.00": every account the household holds, nothing when none. */
export function balancesText(t: TFunction, balances: PrepaidBalances): string {
  return [
    ...balances.tickets.map((b) => t('prepaid.ticketsLeft', { product: b.productName, count: b.left })),
    ...(balances.stored ? [t('prepaid.storedLeft', { amount: money(balances.stored.leftFen) })] : []),
  ].join(' · ');
}

export const holdsAny = (balances: PrepaidBalances | null | undefined): balances is PrepaidBalances =>
  !!balances && (balances.tickets.length > 0 || balances.stored !== null);

/** "20 张 + 2 张赠送，¥300.00" or "充 ¥500.00 送 ¥50.00". */
export function planTerms(t: TFunction, plan: Plan): string {
  return plan.kind === 'tickets'
    ? t('prepaid.plans.ticketTerms', { count: plan.units, bonus: plan.bonusUnits, price: money(plan.priceFen) })
    : t('prepaid.plans.storedTerms', { price: money(plan.priceFen), bonus: money(plan.bonusUnits) });
}
