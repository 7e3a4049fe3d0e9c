import { describe, expect, it } from 'vitest';
import { formatPhone, isValidPhone, looksLikePhone, phoneDigits, toHalfWidthDigits } from '../../shared/domain/phone.ts';

describe('phoneDigits', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['  138 - 1234 - 5678  ', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['１３８ １２３４ ５６７８', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['86-138-1234-5678', '13812345678'],
    ['(0755) 1234567', '07551234567'],
    ['（0755）1234567', '07551234567'],
    ['0755-12345678', '075512345678'],
  ])('%s -> %s', (raw, digits) => {
    expect(phoneDigits(raw)).toBe(digits);
  });

  it('keeps a landline that merely starts with 86 (not a mobile behind a country code)', () => {
    expect(phoneDigits('8612345')).toBe('8612345');
    // 86 + a 10-digit number that is not a mobile: left alone
    expect(phoneDigits('862012345678')).toBe('862012345678');
  });

  it('gives empty for text without digits', () => {
    expect(phoneDigits('')).toBe('');
    expect(phoneDigits('no phone')).toBe('');
  });

  it('converts every full-width digit', () => {
    expect(toHalfWidthDigits('０１２３４５６７８９')).toBe('0123456789');
    expect(toHalfWidthDigits('a１b')).toBe('a1b');
  });
});

describe('isValidPhone', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '１３８１２３４５６７８',
    '+86 138 1234 5678',
    '0086 13812345678',
    '(0755) 1234567',
    '（0755）1234567',
    '12345',
  ])('accepts %s', (raw) => expect(isValidPhone(raw)).toBe(true));

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['abc', 'letters'],
    ['138abc45678', 'letters mixed in'],
    ['138.1234.5678', 'dots'],
    ['call 13812345678', 'words around it'],
    ['1234', 'too short (4 digits)'],
    ['1234567890123456', 'too long (16 digits)'],
    ['张三', 'Chinese text'],
    ['---', 'punctuation only'],
    ['1381234567', 'a mobile one digit short (10 digits starting with 1)'],
    ['138 1234 567', 'the same, spaced'],
  ])('rejects %s (%s)', (raw) => expect(isValidPhone(raw)).toBe(false));

  // A mobile has 11 digits; numbers of other lengths that start with 1 are the short service numbers.
  it.each(['95588', '400-820-8820', '4008208820', '010-12345678', '0755 1234567', '10086', '12345', '10101234', '+86 10 12345678'])(
    'keeps accepting the landline or service number %s',
    (raw) => expect(isValidPhone(raw)).toBe(true),
  );

  it('looksLikePhone allows the ideographic space and full-width brackets', () => {
    expect(looksLikePhone('138\u30001234\u30005678')).toBe(true);
    expect(looksLikePhone('（0755）')).toBe(true);
    expect(looksLikePhone('1#2')).toBe(false);
  });

  // A Chinese IME types the full-width hyphen beside full-width digits; copied numbers bring en dashes.
  it.each(['138－1234－5678', '１３８－１２３４－５６７８', '138–1234–5678', '138—1234—5678', '138‐1234‐5678', '0755−1234567', '＋86 138 1234 5678'])(
    'accepts the separator in %s',
    (raw) => {
      expect(isValidPhone(raw)).toBe(true);
      expect(phoneDigits(raw)).toMatch(/^(13812345678|07551234567)$/);
    },
  );
});

describe('formatPhone', () => {
  it('groups an 11-digit mobile 3-4-4', () => {
    expect(formatPhone('13812345678')).toBe('138 1234 5678');
  });
  it('leaves other lengths alone', () => {
    expect(formatPhone('07551234567')).toBe('07551234567');
    expect(formatPhone('12345')).toBe('12345');
  });
});
