import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Unit } from '../../../shared/contract.ts';
import type { HouseholdPeople, Payday } from '../../../shared/domain/household.ts';

export function paydayText(t: TFunction, payday: Payday): string {
  if (payday === null) return t('customers.form.paydayNone');
  if (payday === 'end') return t('customers.form.paydayEnd');
  return t('customers.form.paydayDay', { day: payday });
}

export function quantityText(t: TFunction, quantity: number, unit: Unit): string {
  const number = Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(2).replace(/0+$/, '');
  return `${number} ${t(`products.units.${unit}`, { count: quantity })}`;
}

/** Fen to the number a yuan InputNumber shows. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** A business date (YYYY-MM-DD) the short way: 11月20日 / Nov 20. */
export function shortDate(t: TFunction, date: string): string {
  return dayjs(date).format(t('formats.shortDate'));
}

export function longDate(t: TFunction, date: string): string {
  return dayjs(date).format(t('formats.longDate'));
}

/** An ISO timestamp in local time, e.g. 11月22日 09:30. */
export function dateTime(t: TFunction, iso: string): string {
  return dayjs(iso).format(t('formats.dateTime'));
}

/** 大人 2 · 小孩 1 (groups with nobody left out). */
export function peopleText(t: TFunction, people: HouseholdPeople): string {
  const parts: string[] = [];
  if (people.adults) parts.push(t('callList.adults', { count: people.adults }));
  if (people.children) parts.push(t('callList.children', { count: people.children }));
  if (people.seniors) parts.push(t('callList.seniors', { count: people.seniors }));
  return parts.join(' · ');
}
