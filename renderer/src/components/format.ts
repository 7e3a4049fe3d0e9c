import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Unit } from '../../../shared/contract.ts';
import type { HouseholdPeople, Payday } from '../../../shared/domain/household.ts';
import { formatYuan } from '../../../shared/domain/money.ts';

export function paydayText(t: TFunction, payday: Payday): string {
  if (payday === null) return t('customers.form.paydayNone');
  if (payday === 'end') return t('customers.form.paydayEnd');
  return t('customers.form.paydayDay', { day: payday });
}

export function quantityText(t: TFunction, quantity: number, unit: Unit): string {
  const number = Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(2).replace(/0+$/, '');
  return `${number} ${t(`products.units.${unit}`, { count: quantity })}`;
}

/**
 * How fast a household uses something: "about 2.5 kg / day", or below one unit a day "about 1 cylinder
 * every 90 days" (a rate of 0.01 cylinders a day means nothing to a shopkeeper).
 */
export function rateText(t: TFunction, dailyUse: number, unit: Unit): string {
  const days = dailyUse > 0 ? Math.round(1 / dailyUse) : 0;
  // From 2/3 a day up, "1 every 1 day" would be wrong: the decimal says it better.
  if (days >= 2) return t('forecasts.oneEvery', { unit: t(`products.units.${unit}`), count: days });
  return t('forecasts.perDay', { quantity: quantityText(t, Math.round(dailyUse * 100) / 100, unit) });
}

/** Fen to the number a yuan InputNumber shows. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/**
 * Fen as money on screen and paper, the same in both languages: ¥3,750.00, -¥12.50. Amounts in a
 * shop's book reach thousands; without the separator ¥37500.00 was misread as ¥3,750.00.
 */
export function money(fen: number): string {
  const [whole = '0', part = '00'] = formatYuan(fen).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  return `${sign}¥${whole.replace('-', '').replace(/\B(?=(\d{3})+$)/g, ',')}.${part}`;
}

/**
 * A business date (YYYY-MM-DD), the one way dates are shown: 11月20日 / Nov 20, with the year when it
 * is not the shop's this year (2025年11月20日 / Nov 20, 2025): a debt from last November is not this one.
 * `today` is the shop's day (the backend's clock), not the machine's.
 */
export function shortDate(t: TFunction, date: string, today: string): string {
  const day = dayjs(date);
  return day.format(t(day.year() === dayjs(today).year() ? 'formats.shortDate' : 'formats.dateWithYear'));
}

export function longDate(t: TFunction, date: string): string {
  return dayjs(date).format(t('formats.longDate'));
}

/** An ISO timestamp in local time, the date as shortDate shows it: 11月22日 09:30, 2025年11月22日 09:30. */
export function dateTime(t: TFunction, iso: string, today: string): string {
  const local = dayjs(iso);
  return `${shortDate(t, local.format('YYYY-MM-DD'), today)} ${local.format('HH:mm')}`;
}

/** 大人 2 · 小孩 1 (groups with nobody left out). */
export function peopleText(t: TFunction, people: HouseholdPeople): string {
  const parts: string[] = [];
  if (people.adults) parts.push(t('callList.adults', { count: people.adults }));
  if (people.children) parts.push(t('callList.children', { count: people.children }));
  if (people.seniors) parts.push(t('callList.seniors', { count: people.seniors }));
  return parts.join(' · ');
}

/**
 * Money where the size matters more than the fen (chart axes, headline figures): ¥1.3万 in Chinese,
 * ¥13K in English, as each language counts large numbers (Intl's compact notation).
 */
export function compactMoney(fen: number, language: string): string {
  return `¥${new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(fen / 100)}`;
}
