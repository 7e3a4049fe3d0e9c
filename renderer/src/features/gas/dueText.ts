import type { TFunction } from 'i18next';
import { shortDate } from '../../components/format.ts';

/** 2026年12月22日 到期检验 / 报废 and how far: the notice's words, on Today and in the register alike. */
export function dueText(t: TFunction, due: { kind: 'inspection' | 'scrap'; date: string }, today: string): string {
  return t(`gas.due.${due.kind}`, { date: shortDate(t, due.date, today) });
}

export function daysText(t: TFunction, days: number): string {
  if (days === 0) return t('gas.daysToday');
  return days > 0 ? t('gas.daysLeft', { count: days }) : t('gas.daysPast', { count: -days });
}
