/**
 * "A message to send": the text the shopkeeper copies from a Today or Collections row and pastes into
 * WeChat or an SMS, made from a template in the shop's voice ("{称呼}，您家的{商品}差不多该用完了……").
 *
 * Placeholders have an English and a Chinese name ({name} or {称呼}), so a template typed in either
 * language works whatever the screen's language; braces may be the full-width ones a Chinese input
 * method types (｛称呼｝). A placeholder the app does not know, or a stray brace, is refused when the
 * template is saved (it would otherwise reach the customer as "{名字}"). How the customer is addressed is the household's
 * name as the shop entered it: no salutation is guessed from it ("王芳" never becomes "王阿姨").
 */
import type { LabelLanguage } from './labels.ts';

export const MESSAGE_PLACEHOLDERS = {
  name: ['name', '称呼'],
  product: ['product', '商品'],
  quantity: ['quantity', '数量'],
  unit: ['unit', '单位'],
  shop: ['shop', '店名'],
  amount: ['amount', '金额'],
} as const;

export type MessagePlaceholder = keyof typeof MESSAGE_PLACEHOLDERS;

/** What fills the placeholders; one not given (or empty) becomes nothing. */
export type MessageValues = Partial<Record<MessagePlaceholder, string>>;

/** Templates the shop wrote: `default` for every product, a product's id for that product, `payment` for a debt. */
export type MessageTemplates = Record<string, string>;

export const DEFAULT_TEMPLATE_KEY = 'default';
export const PAYMENT_TEMPLATE_KEY = 'payment';

/** A key of MessageTemplates: `default`, `payment` or a product id. */
export const MESSAGE_TEMPLATE_KEY = /^(default|payment|[1-9][0-9]{0,9})$/;

/** What is used when the shop wrote nothing, in the language of the screen. */
export const BUILT_IN_TEMPLATES: Record<LabelLanguage, { reminder: string; payment: string }> = {
  'zh-CN': {
    reminder: '{称呼}，您家的{商品}差不多该用完了，还是送 {数量} {单位}吗？——{店名}',
    payment: '{称呼}，您好！您在本店还有 {金额} 未结，方便时结一下，谢谢！——{店名}',
  },
  en: {
    reminder: 'Hello {name}, your {product} should be running low about now. Shall we bring {quantity} {unit} again? — {shop}',
    payment: 'Hello {name}, a friendly reminder that {amount} is still open on your account with us. Please settle it when convenient. Thank you! — {shop}',
  },
};

// {name}, ｛称呼｝, { name }: one placeholder, braces half- or full-width, spaces inside ignored.
const PLACEHOLDER = /[{｛]\s*([^{}｛｝\s]*)\s*[}｝]/gu;

const byWord = new Map<string, MessagePlaceholder>(
  Object.entries(MESSAGE_PLACEHOLDERS).flatMap(([key, words]) => words.map((word) => [word.toLowerCase(), key as MessagePlaceholder] as const)),
);

function placeholderOf(word: string): MessagePlaceholder | undefined {
  return byWord.get(word.toLowerCase());
}

const BRACE = /[{}｛｝]/gu;

/**
 * What in a template is no placeholder the app knows, as written: "{名字}", and a brace left alone
 * ("{称呼}}" would reach the customer as "王芳}").
 */
export function unknownPlaceholders(template: string): string[] {
  const unknown = [...template.matchAll(PLACEHOLDER)].filter((m) => placeholderOf(m[1]!) === undefined).map((m) => m[0]);
  const stray = template.replace(PLACEHOLDER, '').match(BRACE) ?? [];
  return [...unknown, ...stray];
}

// What may stand between the message and a signature that came out empty: "——", " - ", "~".
const DANGLING_SIGNATURE = /[\s—–\-~～]+$/u;

/**
 * The template with its placeholders filled. A placeholder without a value is left out, and so is
 * the dash before it when it ended the text: a shop with no name set sends "…吗？", not "…吗？——".
 * An unknown placeholder stays as written (templates with one are refused when saved).
 */
export function fillMessage(template: string, values: MessageValues): string {
  let emptied = false;
  const filled = template.replace(PLACEHOLDER, (whole, word: string) => {
    const key = placeholderOf(word);
    if (key === undefined) return whole;
    const value = values[key]?.trim() ?? '';
    if (value === '') emptied = true;
    return value;
  });
  return (emptied ? filled.replace(DANGLING_SIGNATURE, '') : filled).trim();
}

/** The template for a product's reminder: the product's own, else the shop's default, else the built-in one. */
export function reminderTemplate(templates: MessageTemplates, productId: number, language: LabelLanguage): string {
  return templates[String(productId)]?.trim() || templates[DEFAULT_TEMPLATE_KEY]?.trim() || BUILT_IN_TEMPLATES[language].reminder;
}

/** The template for a reminder of what is owed: the shop's own, else the built-in one. */
export function paymentTemplate(templates: MessageTemplates, language: LabelLanguage): string {
  return templates[PAYMENT_TEMPLATE_KEY]?.trim() || BUILT_IN_TEMPLATES[language].payment;
}

/** A quantity as a message says it: 10, 2.5, 0.75 (no trailing zeros). */
export function messageQuantity(quantity: number): string {
  return Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(2).replace(/\.?0+$/, '');
}
