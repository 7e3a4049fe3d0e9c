/** Codes that arrive as data (field issues, stored outcomes) in both languages, through the real resources. */
import { describe, expect, it } from 'vitest';
import { issueText } from '../../renderer/src/components/errors.ts';
import { collectionOutcomeText } from '../../renderer/src/features/credit/outcomeText.ts';
import { outcomeText } from '../../renderer/src/features/callList/rowText.ts';
import { createI18n } from '../../renderer/src/i18n/i18n.ts';

const zh = createI18n('zh-CN').t;
const en = createI18n('en').t;

describe('codes from the backend in words', () => {
  it('a field issue has its text, a text field its own, and an unknown issue the general one', () => {
    expect(issueText(zh, { issue: 'too_big', limit: 30 }, false)).toBe('不能超过 30');
    expect(issueText(zh, { issue: 'too_big', limit: 30 }, true)).toBe('最多 30 个字');
    expect(issueText(en, { issue: 'phone_invalid' }, false)).toBe(en('validation.phone_invalid'));
    expect(issueText(zh, { issue: 'no_such_issue' }, false)).toBe('内容不对');
    expect(issueText(en, { issue: 'no_such_issue' }, true)).toBe(en('validation.other'));
  });

  it('a stored outcome is translated when known and shown as stored otherwise', () => {
    expect(outcomeText(zh, 'no_answer')).toBe('没接通');
    expect(outcomeText(zh, '改天再说')).toBe('改天再说');
    expect(outcomeText(zh, null)).toBeNull();
    expect(collectionOutcomeText(zh, 'will_pay')).toBe('答应付款');
    expect(collectionOutcomeText(en, 'refused')).toBe(en('credit.outcomes.refused'));
    expect(collectionOutcomeText(zh, 'paid_in_goods')).toBe('paid_in_goods');
  });
});
