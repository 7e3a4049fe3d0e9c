/**
 * Phone numbers as shopkeepers type them: "138 1234 5678", "138-1234-5678", full-width digits from a
 * Chinese IME, "+86 138...", "(0755) 1234567". We keep digits only so that duplicates and
 * "last four digits" searches compare like with like.
 */
const FULL_WIDTH_ZERO = 0xff10;

export const PHONE_MIN_DIGITS = 5;
export const PHONE_MAX_DIGITS = 15;

const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/;

export function toHalfWidthDigits(text: string): string {
  // Tested first: almost no cell has a full-width digit, and an import reads every phone several times.
  if (!FULL_WIDTH_DIGIT.test(text)) return text;
  return text.replace(/[\uff10-\uff19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_ZERO + 48));
}

/** Digits of a phone, without a +86/0086 country prefix on a mobile number; '' if there are none. */
export function phoneDigits(raw: string): string {
  let digits = toHalfWidthDigits(raw).replace(/\D/g, '');
  const isMobileWithCountryCode = /^(0086|86)1\d{10}$/.test(digits);
  if (isMobileWithCountryCode) digits = digits.slice(digits.length - 11);
  return digits;
}

/**
 * What people put between a phone's digits: spaces (the ideographic one too), brackets and plus signs in
 * both widths, and every dash a Chinese IME or a copied text gives: the ASCII hyphen, the full-width
 * hyphen "－", the hyphen and non-breaking hyphen, en and em dashes, the minus sign and the small hyphen.
 * Dots and slashes stay out: "138.1234.5678" is more likely a price or a date typed in the wrong box.
 */
const PHONE_TEXT = /^[\s\d\uff10-\uff19+\uff0b\-\uff0d\u2010\u2011\u2013\u2014\u2212\ufe63()（）\u3000]+$/;

/** True when `raw` contains only what people put in phone numbers (digits and the separators above). */
export function looksLikePhone(raw: string): boolean {
  return PHONE_TEXT.test(raw);
}

/**
 * A mobile has 11 digits: 10 digits starting with 1 is a mobile with one missing (landlines start with
 * their 0 area code, 400 numbers with 4; the short service numbers that start with 1 have 5 to 8 digits).
 */
const isShortMobile = (digits: string) => digits.length === 10 && digits.startsWith('1');

export function isValidPhone(raw: string): boolean {
  const digits = phoneDigits(raw);
  return looksLikePhone(raw) && digits.length >= PHONE_MIN_DIGITS && digits.length <= PHONE_MAX_DIGITS && !isShortMobile(digits);
}

/** 13812345678 -> "138 1234 5678", for reading aloud on a call; other lengths are left alone. */
export function formatPhone(digits: string): string {
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits;
}
