import type { TFunction } from 'i18next';
import type { Unit } from '../../../shared/contract.ts';
import type { Payday } from '../../../shared/domain/household.ts';

export function paydayText(t: TFunction, payday: Payday): string {
  if (payday === null) return t('customerForm.paydayNone');
  if (payday === 'end') return t('customerForm.paydayEnd');
  return t('customerForm.paydayDay', { day: payday });
}

export function quantityText(t: TFunction, quantity: number, unit: Unit): string {
  const number = Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(2).replace(/0+$/, '');
  return `${number} ${t(`units.${unit}`)}`;
}

/** Fen to the number a yuan InputNumber shows. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
