/** Quantities, households and labels in both languages, through the app's real i18n resources. */
import { describe, expect, it } from 'vitest';
import { dateTime, money, peopleText, quantityText, rateText, shortDate } from '../../renderer/src/components/format.ts';
import { createI18n } from '../../renderer/src/i18n/i18n.ts';

const zh = createI18n('zh-CN').t;
const en = createI18n('en').t;

describe('quantities and households read naturally', () => {
  it('English units take a plural; a price per unit stays singular; Chinese units never change', () => {
    expect(quantityText(en, 3, 'bucket')).toBe('3 buckets');
    expect(quantityText(en, 1, 'bucket')).toBe('1 bucket');
    expect(quantityText(en, 2.5, 'cylinder')).toBe('2.5 cylinders');
    expect(quantityText(en, 10, 'kg')).toBe('10 kg');
    expect(en('products.units.bucket')).toBe('bucket');
    expect(quantityText(zh, 3, 'bucket')).toBe('3 桶');
    expect(quantityText(zh, 1, 'bucket')).toBe('1 桶');
  });

  it('a household line breaks between groups, never inside "2 children"', () => {
    expect(peopleText(en, { adults: 1, children: 2, seniors: 1 })).toBe('1\u00a0adult · 2\u00a0children · 1\u00a0senior');
  });

  it('labels and details use each language’s own punctuation', () => {
    expect(en('common.withDetail', { main: 'Rice', detail: '¥6.00/kg' })).toBe('Rice (¥6.00/kg)');
    expect(zh('common.withDetail', { main: '大米', detail: '¥6.00/公斤' })).toBe('大米（¥6.00/公斤）');
    expect(en('common.labelled', { label: 'Notes', value: '' })).toBe('Notes: ');
    expect(zh('common.labelled', { label: '备注', value: '' })).toBe('备注：');
  });
});

describe('money, dates and rates read one way everywhere', () => {
  it('money has the yuan sign, thousands separators and two decimals, the same in both languages', () => {
    expect(money(375000)).toBe('¥3,750.00');
    expect(money(123456789)).toBe('¥1,234,567.89');
    expect(money(6000)).toBe('¥60.00');
    expect(money(100000)).toBe('¥1,000.00');
    expect(money(99999)).toBe('¥999.99');
    expect(money(0)).toBe('¥0.00');
    expect(money(-125050)).toBe('-¥1,250.50');
  });

  it("a date carries its year only when it is not the shop's this year", () => {
    expect(shortDate(zh, '2026-03-05', '2026-11-22')).toBe('3月5日');
    expect(shortDate(zh, '2025-12-10', '2026-11-22')).toBe('2025年12月10日');
    expect(shortDate(zh, '2027-01-02', '2026-11-22')).toBe('2027年1月2日');
    expect(shortDate(en, '2026-03-05', '2026-11-22')).toBe('Mar 5');
    expect(shortDate(en, '2025-12-10', '2026-11-22')).toBe('Dec 10, 2025');
    expect(dateTime(zh, '2026-11-22T09:30:00', '2026-11-22')).toBe('11月22日 09:30');
    expect(dateTime(en, '2025-11-22T09:30:00', '2026-11-22')).toBe('Nov 22, 2025 09:30');
  });

  it('a rate below one unit a day says how many days one unit lasts', () => {
    expect(rateText(zh, 1 / 90, 'cylinder')).toBe('约 90 天 1 罐');
    expect(rateText(en, 1 / 90, 'cylinder')).toBe('about 1 cylinder every 90 days');
    expect(rateText(en, 0.2, 'bucket')).toBe('about 1 bucket every 5 days');
    expect(rateText(zh, 2.5, 'kg')).toBe('约 2.5 公斤 / 天');
    expect(rateText(en, 1, 'bucket')).toBe('about 1 bucket / day');
    // Between 2/3 and 1 a day, "every 1 day" would be wrong: the decimal stays
    expect(rateText(en, 0.8, 'kg')).toBe('about 0.8 kg / day');
  });
});
