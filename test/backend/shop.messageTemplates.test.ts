/** The shop's message templates (Settings), on a real SQLite file: stored whole, kept across a restart, bad ones refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
});
afterEach(() => b.dispose());

describe('message templates', () => {
  it('start empty (the built-in text of the language is used), are replaced whole and kept when the book is reopened', () => {
    expect(b.call('shop.info', {}).settings.messageTemplates).toEqual({});
    const templates = { default: '{称呼}，{商品}快用完了吧？——{店名}', '3': 'Hi {name}, more {product}?', payment: '{name}: {amount} open' };
    expect(b.call('shop.updateSettings', { messageTemplates: templates }).messageTemplates).toEqual(templates);
    expect(b.call('shop.updateSettings', { messageTemplates: { '3': '｛称呼｝，还要{数量}{单位}吗' } }).messageTemplates).toEqual({
      '3': '｛称呼｝，还要{数量}{单位}吗',
    });
    b.close();
    const reopened = makeBackend({ dataDir: b.dataDir });
    try {
      expect(reopened.call('shop.info', {}).settings.messageTemplates).toEqual({ '3': '｛称呼｝，还要{数量}{单位}吗' });
    } finally {
      reopened.close();
    }
  });

  it.each([
    ['an unknown placeholder', { default: '{名字}，您好' }, 'template_placeholder_unknown'],
    ['a brace left alone', { payment: '{称呼}}，您好' }, 'template_placeholder_unknown'],
    ['a key that is no product, default or payment', { rice: '{name}' }, 'template_key_invalid'],
    ['a template past the limit', { default: 'x'.repeat(301) }, 'too_big'],
    ['control characters', { default: 'a\u0000b' }, 'text_control_chars'],
  ])('refuse %s with a field issue, nothing changed', (_what, messageTemplates, issue) => {
    b.call('shop.updateSettings', { messageTemplates: { default: '{name}!' } });
    const error = b.callError('shop.updateSettings', { messageTemplates, shopName: '改了' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => i.issue)).toContain(issue);
    expect(b.call('shop.info', {}).settings).toMatchObject({ shopName: '', messageTemplates: { default: '{name}!' } });
  });
});
