import type { TFunction } from 'i18next';
import type { OwnerHome } from '../../../../shared/contract.ts';
import { money } from '../../components/format.ts';
import type { MonthBar } from './MonthChart.tsx';

/** The months' bars, as the owner's screen and the monthly report draw them. */
export function monthBars(t: TFunction, home: OwnerHome): MonthBar[] {
  return home.byMonth.map((m) => ({
    label: t('owner.monthAxis', { month: Number(m.month.slice(5)) }),
    amountFen: m.amountFen,
    tooltip: `${m.month}  ${money(m.amountFen)}  ${t('owner.households', { count: m.households })}`,
  }));
}
