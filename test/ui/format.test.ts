/** Quantities, households and labels in both languages, through the app's real i18n resources. */
import { describe, expect, it } from 'vitest';
import { peopleText, quantityText } from '../../renderer/src/components/format.ts';
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
