/**
 * Words for the codes the book stores (units, payment methods), in the shop's two languages: one table
 * for the exports, which the backend writes without i18n, and for the renderer's translations.
 */
import type { paymentMethods, Unit } from '../contract.ts';

export type LabelLanguage = 'zh-CN' | 'en';
type PaymentMethod = (typeof paymentMethods)[number];

/** The singular in English ("¥20/bucket"); the renderer adds its plurals. */
export const UNIT_LABELS: Record<LabelLanguage, Record<Unit, string>> = {
  'zh-CN': { kg: '公斤', jin: '斤', bucket: '桶', bottle: '瓶', cylinder: '罐', litre: '升' },
  en: { kg: 'kg', jin: 'jin', bucket: 'bucket', bottle: 'bottle', cylinder: 'cylinder', litre: 'L' },
};

export const PAYMENT_METHOD_LABELS: Record<LabelLanguage, Record<PaymentMethod, string>> = {
  'zh-CN': { cash: '现金', wechat: '微信', alipay: '支付宝', bank: '银行转账' },
  en: { cash: 'Cash', wechat: 'WeChat', alipay: 'Alipay', bank: 'Bank transfer' },
};

/** A stored code's word; a code the table does not know (a newer app's) as it is. */
export function labelOf<K extends string>(table: Record<K, string>, code: string | null): string {
  return code === null ? '' : (table[code as K] ?? code);
}
