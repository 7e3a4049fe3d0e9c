/** Filling a message template (shared/domain/messageText.ts): both languages, both kinds of braces, values missing. */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, fillMessage, messageQuantity, paymentTemplate, reminderTemplate, unknownPlaceholders } from '../../shared/domain/messageText.ts';

const rice = { name: '王芳', product: '大米', quantity: '10', unit: '公斤', shop: '老王粮油店' };

describe('fillMessage', () => {
  it('fills the built-in Chinese reminder in the shop voice', () => {
    expect(fillMessage(BUILT_IN_TEMPLATES['zh-CN'].reminder, rice)).toBe('王芳，您家的大米差不多该用完了，还是送 10 公斤吗？——老王粮油店');
  });

  it('fills the built-in English reminder', () => {
    expect(fillMessage(BUILT_IN_TEMPLATES.en.reminder, { name: 'Mrs Wang', product: 'Rice', quantity: '2.5', unit: 'kg', shop: "Wang's Rice & Oil" })).toBe(
      "Hello Mrs Wang, your Rice should be running low about now. Shall we bring 2.5 kg again? — Wang's Rice & Oil",
    );
  });

  it('takes the English and the Chinese names of a placeholder alike, in full-width braces and with spaces inside', () => {
    expect(fillMessage('{name}/{称呼}/｛称呼｝/{ 商品 }/{Product}', rice)).toBe('王芳/王芳/王芳/大米/大米');
  });

  it('leaves out a placeholder without a value, and the signature dash it leaves dangling', () => {
    const noShop = { ...rice, shop: '' };
    expect(fillMessage(BUILT_IN_TEMPLATES['zh-CN'].reminder, noShop)).toBe('王芳，您家的大米差不多该用完了，还是送 10 公斤吗？');
    expect(fillMessage(BUILT_IN_TEMPLATES.en.reminder, { name: 'Li', product: 'Water', quantity: '2', unit: 'buckets' })).toBe(
      'Hello Li, your Water should be running low about now. Shall we bring 2 buckets again?',
    );
    expect(fillMessage('{称呼}您好，{金额}', { name: '王芳' })).toBe('王芳您好，');
  });

  it('keeps a dash the template ends with when nothing was left out, and text with no placeholders as it is', () => {
    expect(fillMessage('{称呼}，谢谢——', rice)).toBe('王芳，谢谢——');
    expect(fillMessage('米到了', rice)).toBe('米到了');
  });

  it('leaves an unknown placeholder as written (saving refuses it) and never reads its value as a placeholder', () => {
    expect(fillMessage('{名字}，{称呼}', rice)).toBe('{名字}，王芳');
    expect(fillMessage('{称呼}', { name: '{商品}' })).toBe('{商品}');
  });
});

describe('unknownPlaceholders', () => {
  it('names the placeholders the app does not know and the braces left alone, as written', () => {
    expect(unknownPlaceholders(BUILT_IN_TEMPLATES['zh-CN'].reminder)).toEqual([]);
    expect(unknownPlaceholders(BUILT_IN_TEMPLATES.en.payment)).toEqual([]);
    expect(unknownPlaceholders('{名字}，{ name }，｛电话｝，{}')).toEqual(['{名字}', '｛电话｝', '{}']);
    expect(unknownPlaceholders('{称呼}}，{{数量}，｛店名')).toEqual(['}', '{', '｛']);
    expect(unknownPlaceholders('没有占位符')).toEqual([]);
  });
});

describe('which template', () => {
  const templates = { default: '店里的：{商品}', '7': '水的：{数量}{单位}', payment: '欠：{金额}' };

  it('a product its own, else the shop default, else the built-in one of the language; empty counts as none', () => {
    expect(reminderTemplate(templates, 7, 'zh-CN')).toBe('水的：{数量}{单位}');
    expect(reminderTemplate(templates, 8, 'en')).toBe('店里的：{商品}');
    expect(reminderTemplate({ '7': '  ' }, 7, 'en')).toBe(BUILT_IN_TEMPLATES.en.reminder);
    expect(reminderTemplate({}, 7, 'zh-CN')).toBe(BUILT_IN_TEMPLATES['zh-CN'].reminder);
    expect(paymentTemplate(templates, 'en')).toBe('欠：{金额}');
    expect(paymentTemplate({ default: 'x' }, 'en')).toBe(BUILT_IN_TEMPLATES.en.payment);
  });
});

describe('messageQuantity', () => {
  it('says a quantity without trailing zeros', () => {
    expect([10, 2.5, 0.75, 1.1, 3.0001].map(messageQuantity)).toEqual(['10', '2.5', '0.75', '1.1', '3']);
  });
});
